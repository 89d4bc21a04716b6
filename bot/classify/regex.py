"""Gated regular expressions: skip a search when the text lacks every possible start of a match.

Most lexicon patterns start with a group of alternatives ("(楼上|隔壁|对门)…"); a text that
contains none of their first two characters (or first character) cannot match, and a set test
is far cheaper than a regex scan. Patterns whose start cannot be bounded are always searched.
The starts come from `bot.classify.grams` (re-exported here).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.classify.grams import first_chars, first_grams, last_grams, split_top

__all__ = [
    "Alternatives",
    "GateIndex",
    "Gated",
    "first_chars",
    "first_grams",
    "last_grams",
    "split_top",
]


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
