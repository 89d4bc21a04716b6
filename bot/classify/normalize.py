"""Length-aware text normalisation: NFKC, traditional→simplified, typo fixes, Cantonese →
Mandarin words, pinyin initials typed among Chinese (dt: 电梯), invisible chars.

Every step maps one input character to at most one output character, so a span found in the
normalised text can be mapped back to the text exactly as the resident wrote it.
"""

from __future__ import annotations

import re
import unicodedata
from importlib import resources
from typing import NamedTuple

__all__ = ["Normalized", "Normalizer"]

# Zero-width characters, bidirectional marks, BOM and soft hyphen: deleted.
_INVISIBLE = [
    0x00AD,
    0x034F,
    0x061C,
    0x180E,
    0xFEFF,
    *range(0x200B, 0x2010),
    *range(0x202A, 0x202F),
    *range(0x2060, 0x2070),
]
# Control characters other than whitespace: deleted. Whitespace controls become a space.
_CONTROLS = [c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)] + list(range(0x7F, 0xA0))
_SPACES = [0x09, 0x0A, 0x0D, 0x2028, 0x2029, 0x3000]


class Normalized(NamedTuple):
    """A normalised text and how to find each of its characters in the original."""

    text: str
    original: str
    kept: tuple[int, ...] | None = None  # original index of each char; None when 1:1

    def original_span(self, start: int, end: int) -> str:
        """The original text behind normalised characters [start, end)."""
        if self.kept is None:
            return self.original[start:end]
        if start >= end:
            return ""
        return self.original[self.kept[start] : self.kept[end - 1] + 1]


def _read_lines(name: str) -> list[str]:
    """Non-comment, non-blank lines of a lexicon data file."""
    data = resources.files("bot.classify.data").joinpath(name).read_text(encoding="utf-8")
    return [ln.strip() for ln in data.splitlines() if ln.strip() and not ln.startswith("#")]


class Normalizer:
    """Builds the translation table once; `normalize` is then cheap."""

    def __init__(self) -> None:
        table: dict[int, int | None] = {}
        for line in _read_lines("t2s.txt"):
            if len(line) == 2:
                table[ord(line[0])] = ord(line[1])
        for code in range(0xFF01, 0xFF5F):  # full-width ASCII → ASCII
            table[code] = code - 0xFEE0
        for code in range(ord("A"), ord("Z") + 1):
            table[code] = code + 32
        for code in range(0xFF21, 0xFF3B):  # full-width capitals → lower ASCII
            table[code] = code - 0xFEE0 + 32
        for code in _SPACES:
            table[code] = 0x20
        self._deleted = frozenset(_INVISIBLE + _CONTROLS)
        for code in self._deleted:
            table[code] = None
        self._table = table
        variants: list[tuple[str, str]] = []
        for line in _read_lines("variants.txt") + _read_lines("cantonese.txt"):
            wrong, _, right = line.partition(" ")
            right = right.strip()
            if wrong and right and len(wrong) == len(right) and wrong != right:
                variants.append((wrong, right))
        # Longest first so that a longer fix is not pre-empted by a shorter one.
        variants.sort(key=lambda p: -len(p[0]))
        self._fixes = dict(variants)
        self._typos = re.compile("|".join(re.escape(w) for w, _ in variants)) if variants else None
        initials = dict(
            (letters, words.strip())
            for letters, _, words in (line.partition(" ") for line in _read_lines("initials.txt"))
            if len(letters) == len(words.strip())
        )
        self._initials = initials
        self._letters = re.compile(  # a whole run of letters only: not "sdt", not "dtm"
            "(?<![a-z])(?:" + "|".join(map(re.escape, initials)) + ")(?![a-z])"
        )

    def normalize(self, text: str) -> Normalized:
        """Normalise `text` (already cut to the length the caller wants to judge)."""
        out = text.translate(self._table)
        kept: tuple[int, ...] | None = None
        if len(out) != len(text):
            deleted = self._deleted
            kept = tuple(i for i, ch in enumerate(text) if ord(ch) not in deleted)
        if not unicodedata.is_normalized("NFKC", out):
            out = "".join(_nfkc_char(ch) for ch in out).translate(self._table)
        if self._typos is not None and self._typos.search(out):
            out = self._typos.sub(self._fix, out)
        if not out.isascii() and self._letters.search(out):  # letters among Chinese
            out = self._letters.sub(lambda m: self._initials[m.group(0)], out)
        return Normalized(out, text, kept)

    def _fix(self, match: re.Match[str]) -> str:
        return self._fixes[match.group(0)]


def _nfkc_char(ch: str) -> str:
    """NFKC of one character when that is still one character, else the character itself."""
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch
