"""Where a pattern's matches can start, and what every match must contain last: the gates of
`bot.classify.regex`.

The starts are read from the parse tree of Python's own `re` module (`re._parser`), the one
interface of a library here that is not public. It is an optimisation only: if a Python release
moves or changes the parser, every pattern is simply searched (slower, never wrong), and
`tests/classify/test_internals.py::test_gate_sets` fails so that the change is noticed.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

_c: Any
_p: Any
try:  # Python ≥ 3.11 keeps the parser here
    _c = importlib.import_module("re._constants")
    _p = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - a layout this code does not know: never skip
    _c = _p = None

__all__ = ["first_chars", "first_grams", "last_grams", "split_top"]


@lru_cache(maxsize=16)
def _parse(pattern: str) -> Any:
    """The parse tree of a pattern, parsed once for its first and last grams (read only).

    Both are asked one right after the other: a few trees are enough, and the 1,400 of the
    whole lexicon kept alive would be 6 MB of the process's memory.
    """
    return _p.parse(pattern)


_MAX_RANGE = 200  # a character range wider than this is not expanded
_DIGITS = "0123456789"


def _first(items: Iterable[tuple[Any, Any]]) -> tuple[set[str] | None, bool]:
    """First characters of a parsed sequence and whether it can match empty (None: unknown)."""
    out: set[str] = set()
    for op, av in items:
        chars, nullable = _first_item(op, av)
        if chars is None:
            return None, False
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _first_item(op: Any, av: Any) -> tuple[set[str] | None, bool]:
    if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
        return set(), True  # zero-width: look at what follows
    if op is _c.LITERAL:
        return {chr(av)}, False
    if op is _c.IN:
        return _charset(av), False
    if op is _c.SUBPATTERN:
        return _first(av[-1].data)
    if op is _c.BRANCH:
        out: set[str] = set()
        nullable = False
        for alt in av[1]:
            chars, empty = _first(alt.data)
            if chars is None:
                return None, False
            out |= chars
            nullable |= empty
        return out, nullable
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, sub = av
        chars, empty = _first(sub.data)
        return chars, empty or low == 0
    return None, False


def _charset(items: Iterable[tuple[Any, Any]]) -> set[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            out.add(chr(av))
        elif op is _c.RANGE:
            low, high = av
            if high - low > _MAX_RANGE:
                return None
            out.update(chr(c) for c in range(low, high + 1))
        elif op is _c.CATEGORY and av is _c.CATEGORY_DIGIT:
            out.update(_DIGITS)  # texts are NFKC-normalised: other digit scripts are rare
        else:  # NEGATE, other categories (\s, \w …): unbounded
            return None
    return out


def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of `pattern` can start with, or None if unknown."""
    if _p is None:
        return None
    try:
        chars, nullable = _first(_parse(pattern).data)
    except Exception:  # an unexpected parse tree: just never skip
        return None
    return frozenset(chars) if chars and not nullable else None


_CAP = 4000  # give up on prefix sets larger than this


def _prefixes(items: Iterable[tuple[Any, Any]], k: int) -> set[str] | None:
    """All starts of a match of the sequence, cut at `k` characters (None: unbounded)."""
    current = {""}
    for op, av in items:
        grown: set[str] = set()
        for start in current:
            if len(start) >= k:
                grown.add(start)
                continue
            tails = _item_prefixes(op, av, k - len(start))
            if tails is None:
                return None
            grown.update(start + tail for tail in tails)
            if len(grown) > _CAP:
                return None
        current = grown
    return current


def _item_prefixes(op: Any, av: Any, k: int) -> set[str] | None:
    if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
        return {""}
    if op is _c.LITERAL:
        return {chr(av)}
    if op is _c.IN:
        return _charset(av)
    if op is _c.SUBPATTERN:
        return _prefixes(av[-1].data, k)
    if op is _c.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            tails = _prefixes(alt.data, k)
            if tails is None:
                return None
            out |= tails
        return out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, high, sub = av
        once = _prefixes(sub.data, k)
        if once is None:
            return None
        out = {""} if low == 0 else set()
        current = {""}
        for count in range(1, min(high, k) + 1):
            current = {a + b for a in current for b in once if len(a) < k}
            current = {t[:k] for t in current}
            if len(current) > _CAP:
                return None
            if count >= low:
                out |= current
        return out
    return None


def first_grams(pattern: str) -> frozenset[str] | None:
    """The first two characters a match can start with, or else the first one, or None."""
    if _p is None:
        return None
    try:
        parsed = _parse(pattern).data
        starts = _prefixes(parsed, 2)
    except Exception:  # an unexpected parse tree: fall back to single characters
        starts = None
    if starts and all(len(t) == 2 for t in starts):
        return frozenset(starts)
    return first_chars(pattern)


def _gram_gate(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """First two characters of a sequence (or first characters when it can be one long)."""
    try:
        starts = _prefixes(items, 2)
    except Exception:
        starts = None
    if starts and all(len(t) == 2 for t in starts):
        return frozenset(starts)
    chars, nullable = _first(items)
    return frozenset(chars) if chars and not nullable else None


def last_grams(pattern: str) -> frozenset[str] | None:
    """The start of the last element every match must contain ("…(漏|渗)" → {漏, 渗}), or None."""
    if _p is None:
        return None
    try:
        items = list(_parse(pattern).data)
    except Exception:
        return None
    for index in range(len(items) - 1, 0, -1):
        op, av = items[index]
        if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            continue
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] == 0:
            continue
        if op in (_c.LITERAL, _c.IN, _c.SUBPATTERN, _c.BRANCH):
            return _gram_gate([items[index]])
        return None
    return None


def split_top(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern ("a(b|c)|d" → ["a(b|c)", "d"])."""
    parts: list[str] = []
    depth = 0
    in_class = False
    start = i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "]":
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts
