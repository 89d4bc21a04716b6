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

__all__ = ["Normalized", "Normalizer", "with_addresses"]

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
        self._pinyin: dict[str, str] = {}  # syllables without spaces → the words they stand for
        self._abbreviated: dict[str, str] = {}  # initials → the words
        self._followed: dict[str, re.Pattern[str]] = {}  # initials: what must follow them
        syllables: list[str] = []
        plain = True  # every syllable is lower-case latin letters: no letters, no pinyin
        for line in _read_lines("initials.txt"):
            letters, words, *context = line.split()
            compact = letters.replace("_", "")
            if len(words) > len(compact):
                continue
            if "_" in letters:
                plain = plain and compact.isascii() and compact.isalpha() and compact.islower()
                self._pinyin[compact] = words
                syllables.append(" ?".join(map(re.escape, letters.split("_"))))
                continue
            self._abbreviated[letters] = words
            if context:
                self._followed[letters] = re.compile(context[0])
        syllables.sort(key=len, reverse=True)  # "ran qi wei" before "ran qi"
        # a whole run of letters only: not "sdt", not "dtm", not "qiang" for "qi"
        self._syllables = _whole_runs(syllables)
        self._pinyin_needs_letters = plain

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
        if "咧" in out:  # 陕西话: 坏咧, 着咧, 等咧半年咧 say 了 (not 咧嘴, 骂骂咧咧, 大大咧咧)
            out = _LIE.sub("了", out)
        # pinyin and initials are latin letters: most messages have none, and one scan for a
        # letter is cheaper than the two searches (nothing below adds a letter)
        letters = not self._pinyin_needs_letters or _LETTER.search(out) is not None
        if letters and self._syllables is not None and self._syllables.search(out):
            out = self._syllables.sub(self._spell, out)
        # 119栋 is a building, not a call to the fire brigade (every such number has a 1)
        if "1" in out and _ADDRESS_NUMBER.search(out):
            out = _ADDRESS_NUMBER.sub(lambda m: m.group(0).translate(_WIDE_DIGITS), out)
        if letters and not out.isascii() and _HAN_RE.search(out) and _INITIALS.search(out):
            out = _INITIALS.sub(self._initials, out)  # initials only beside Chinese
        return Normalized(out, text, kept)

    def _fix(self, match: re.Match[str]) -> str:
        return self._fixes[match.group(0)]

    def _initials(self, match: re.Match[str]) -> str:
        """A run of initials ("dt kr") as words where it stands beside Chinese or a number
        (a space between is fine): "8栋dt kr了" is 8栋电梯 困人了, "the DT bus" stays."""
        found, text = match.group(0), match.string
        start, end = match.start(), match.end()
        before = text[max(0, start - 6) : start].rstrip(_BETWEEN)[-1:]
        after = text[end : end + 6].lstrip(_BETWEEN)[:1]  # "zhl!!! 9栋" as "zhl 9栋"
        if not (_BESIDE.match(before) or _BESIDE.match(after)):
            return found
        out: list[str] = []
        at = start
        for token in found.split(" "):
            at_end = at + len(token)
            follows = self._followed.get(token)
            words = self._abbreviated.get(token)
            known = words is not None and (follows is None or follows.match(text, at_end))
            out.append(words.ljust(len(token)) if words is not None and known else token)
            at = at_end + 1
        return " ".join(out)

    def _spell(self, match: re.Match[str]) -> str:
        """Pinyin as the words it stands for, padded with spaces to the letters' length."""
        found = match.group(0)
        return self._pinyin[found.replace(" ", "")].ljust(len(found))


_LIE = re.compile("(?<=[\u3400-\u9fff])(?<![大骂咧])咧(?![嘴开咧])")

# An emergency number that is part of an address (119栋, 110号, 120室): its digits are made
# full-width, so the danger words do not see a call to 119; the place finder gets them back
# as plain digits (`with_addresses`).
_ADDRESS_NUMBER = re.compile(
    r"(?<![0-9])(?:110|119|120|122)(?=号楼|号栋|栋|幢|座|单元|号|室|层|楼|弄|户)"
)
_WIDE_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_NARROW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_WIDE_DIGIT = re.compile("[０-９]")  # only an address's emergency number has them after NFKC


def with_addresses(norm: Normalized) -> Normalized:
    """The normalised text with an address's emergency number as plain digits again, for the
    place finder (119栋 is a place)."""
    if _WIDE_DIGIT.search(norm.text) is None:  # almost always: nothing to undo, no new mask
        return norm
    return norm._replace(text=norm.text.translate(_NARROW_DIGITS))


_HAN = "[\u3400-\u9fff]"  # a Chinese character
_HAN_RE = re.compile(_HAN)
_LETTER = re.compile("[a-z]")
_BESIDE = re.compile(f"{_HAN}|[0-9]")
# runs of two- or three-letter words ("dt kr"), not in a word, a plate (DT123) or a link (/dt/)
_BETWEEN = " !?~,.:;"  # what may stand between initials and the Chinese beside them (NFKC)
_INITIALS = re.compile(r"(?<![a-z0-9/.·_-])[a-z]{2,3}(?: [a-z]{2,3})*(?![a-z0-9/._-])")


def _whole_runs(alternatives: list[str]) -> re.Pattern[str] | None:
    """Any of the alternatives as a whole run of letters, not in a plate, a number or a link."""
    if not alternatives:
        return None
    return re.compile("(?<![a-z0-9/.·_-])(?:" + "|".join(alternatives) + ")(?![a-z0-9/._-])")


def _nfkc_char(ch: str) -> str:
    """NFKC of one character when that is still one character, else the character itself."""
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch
