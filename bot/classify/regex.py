"""Gated regular expressions: skip a search when the text lacks every possible start of a match.

Most lexicon patterns start with a group of alternatives ("(楼上|隔壁|对门)…"); a text that
contains none of their first two characters (or first character) cannot match, and a set test
is far cheaper than a regex scan. Patterns whose start cannot be bounded are always searched.

The starts are read from the parse tree of Python's own `re` module (`re._parser`), the one
interface of a library here that is not public. It is an optimisation only: if a Python release
moves or changes the parser, every pattern is simply searched (slower, never wrong), and
`tests/classify/test_internals.py::test_gate_sets` fails so that the change is noticed.
"""

from __future__ import annotations

import importlib
import re
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

__all__ = [
    "Alternatives",
    "GateIndex",
    "Gated",
    "first_chars",
    "first_grams",
    "last_grams",
    "split_top",
]


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


class GateIndex:
    """Maps characters and character pairs to the patterns whose matches can start with them.

    `mask(text)` is computed once per message; a pattern is then searched only when its bit
    is set in the mask.
    """

    __slots__ = ("_count", "_pairs", "_singles")

    def __init__(self) -> None:
        self._singles: dict[str, int] = {}  # character → bits
        self._pairs: dict[str, dict[str, int]] = {}  # first character → second → bits
        self._count = 0

    def register(self, gate: frozenset[str]) -> int:
        """A new bit for a pattern with this gate (characters or character pairs)."""
        bit = 1 << self._count
        self._count += 1
        for gram in gate:
            if len(gram) == 1:
                self._singles[gram] = self._singles.get(gram, 0) | bit
            else:
                seconds = self._pairs.setdefault(gram[0], {})
                seconds[gram[1]] = seconds.get(gram[1], 0) | bit
        return bit

    def mask(self, text: str) -> int:
        """The bits of all patterns that may match somewhere in `text`."""
        singles = self._singles.get
        pairs = self._pairs.get
        out = 0
        last = len(text) - 1
        for i, char in enumerate(text):
            found = singles(char)
            if found:
                out |= found
            seconds = pairs(char)
            if seconds is not None and i < last:
                found = seconds.get(text[i + 1])
                if found:
                    out |= found
        return out


class Alternatives:
    """The first gate bits of many gated alternatives, grouped by what else each needs, so that
    those whose gate is open in a mask come out of a few big-int operations instead of a loop
    over every first bit found in the text.

    An alternative's last-element bit, when it has one, is registered right after its first
    (`Gated`): it needs bits k and k+1, and `mask & mask >> 1` has bit k set exactly then.
    """

    __slots__ = ("alone", "other", "paired")

    def __init__(self) -> None:
        self.alone = 0  # alternatives that need their first bit only
        self.paired = 0  # … their first bit and the next one
        self.other = 0  # … anything else (never, as `Gated` registers): checked by the caller

    def add(self, need: int) -> int:
        """Take an alternative by the bits it needs; its first bit."""
        first = need & -need
        rest = need ^ first
        if not rest:
            self.alone |= first
        elif rest == first << 1:
            self.paired |= first
        else:
            self.other |= first
        return first

    @property
    def firsts(self) -> int:
        """The first bits of all alternatives."""
        return self.alone | self.paired | self.other

    def open(self, mask: int) -> int:
        """The first bits of the alternatives whose gate bits are all in `mask` (and of the
        `other` ones whose first bit is: their callers check the rest)."""
        return (mask & self.alone) | (mask & mask >> 1 & self.paired) | (mask & self.other)


class Gated:
    """Patterns searched together, skipped when the text cannot contain a match.

    Each alternative whose start is known gets a gate bit in a `GateIndex` for its first
    characters and, when it has one, another for the start of its last mandatory element
    ("(门禁|大门).{0,10}(坏|敞)" needs one of 门禁/大门 AND one of 坏/敞). Those alternatives are
    compiled into one regex, searched only when some alternative has all its bits in the
    text's mask; the other alternatives into a second regex, always searched. Each regex is
    compiled when it is first searched: most messages need few of the lexicon's patterns, and
    the process answers sooner (tests/classify/test_internals.py compiles them all).
    """

    __slots__ = ("_free", "_gated", "anchored", "bit", "conds", "pattern", "sources")

    def __init__(self, patterns: str | Iterable[str], index: GateIndex) -> None:
        if isinstance(patterns, str):
            patterns = [patterns]
        gated: list[str] = []
        free: list[str] = []
        self.bit = 0  # any alternative's first bit: a cheap pre-test
        self.conds: list[int] = []  # per alternative: the bits it needs
        for pattern in patterns:
            for alt in split_top(pattern):
                starts = first_grams(alt)
                if starts is None:
                    free.append(alt)
                    continue
                gated.append(alt)
                first = index.register(starts)
                ends = last_grams(alt)
                self.bit |= first
                self.conds.append(first | (index.register(ends) if ends else 0))
        self.sources = (  # of the gated and the free alternatives (None: there are none)
            "|".join(f"(?:{a})" for a in gated) if gated else None,
            "|".join(f"(?:{a})" for a in free) if free else None,
        )
        self._gated: re.Pattern[str] | None = None
        self._free: re.Pattern[str] | None = None
        # every free alternative starts with "^": it can only match at 0 (`match`, not `search`)
        self.anchored = bool(free) and all(a.startswith("^") for a in free)
        self.pattern = "|".join(f"(?:{a})" for a in gated + free)

    @property
    def gated(self) -> re.Pattern[str] | None:
        """The alternatives whose start is known, as one regex (None: there are none)."""
        if self._gated is None and self.sources[0] is not None:
            self._gated = re.compile(self.sources[0])
        return self._gated

    @property
    def free(self) -> re.Pattern[str] | None:
        """The other alternatives, as one regex (None: there are none)."""
        if self._free is None and self.sources[1] is not None:
            self._free = re.compile(self.sources[1])
        return self._free

    def possible(self, mask: int) -> bool:
        """Whether the gated part can match a text with this mask."""
        if not mask & self.bit:
            return False
        for need in self.conds:  # noqa: SIM110 - no generator per call: a hot path
            if mask & need == need:
                return True
        return False

    def search_gated(self, text: str) -> re.Match[str] | None:
        """The earliest match of the gated alternatives alone, for a caller that knows their
        gate bits are in the text's mask (None: no match, or no such alternatives)."""
        gated = self._gated or self.gated
        return None if gated is None else gated.search(text)

    def search(self, text: str, mask: int, known: bool = False) -> re.Match[str] | None:
        """The earliest match, or None; `mask` comes from the index's `mask`.

        `known`: the caller already found an alternative whose gate bits are all in the mask.
        """
        found = None
        if not known and mask & self.bit:  # `possible`, inlined: a hot path
            for need in self.conds:
                if mask & need == need:
                    known = True
                    break
        if known:
            gated = self._gated or self.gated
            if gated is not None:
                found = gated.search(text)
        free = self._free
        if free is None and self.sources[1] is not None:
            free = self.free
        if free is not None:
            end = found.start() + 1 if found else len(text)
            other = free.match(text, 0, end) if self.anchored else free.search(text, 0, end)
            if other is not None and (found is None or other.start() < found.start()):
                found = other
        return found

    def finditer(self, text: str, mask: int) -> list[re.Match[str]]:
        """All matches of both parts, by position."""
        found: list[re.Match[str]] = []
        if self.possible(mask):  # never, without gated alternatives
            gated = self.gated
            if gated is not None:
                found.extend(gated.finditer(text))
        free = self.free
        if free is not None:
            found.extend(free.finditer(text))
        if len(found) > 1:
            found.sort(key=lambda m: m.start())
        return found
