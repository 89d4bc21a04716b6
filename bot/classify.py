"""Text → Verdict: is this group message a complaint, about what, where, how urgent.

PLACEHOLDER implementation: the interface below is fixed, the body is being rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.categories import CATEGORIES

__all__ = ["CategoryExtension", "Classifier", "Verdict"]


@dataclass(frozen=True)
class Verdict:
    """The classifier's judgement of one message."""

    is_complaint: bool
    category: str | None
    urgent: bool
    location: str | None
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class CategoryExtension:
    """A deployment's own words for a category, or a new category with a Chinese name."""

    id: str
    name: str | None = None
    keywords: tuple[str, ...] = ()


_PLACEHOLDER_WORDS = {
    "lift": ("电梯",),
    "sanitation": ("垃圾",),
    "water": ("停水", "漏水"),
    "parking": ("车位", "停车"),
    "noise": ("吵",),
}
_LOCATION = re.compile(r"\d+(?:栋|号楼|幢)(?:\d+单元)?|\d+-\d+-\d+|\d+单元")


class Classifier:
    """Classifies resident messages; build once with `load`, then call `classify`."""

    def __init__(self, extensions: Sequence[CategoryExtension] = ()) -> None:
        self._names = {c.id: c.name for c in CATEGORIES}
        self._words = {k: list(v) for k, v in _PLACEHOLDER_WORDS.items()}
        for ext in extensions:
            if ext.name:
                self._names[ext.id] = ext.name
            self._words.setdefault(ext.id, []).extend(ext.keywords)

    @classmethod
    def load(cls, extensions: Sequence[CategoryExtension] = ()) -> Classifier:
        return cls(extensions)

    def category_names(self) -> dict[str, str]:
        return dict(self._names)

    def classify(self, text: str, *, assume_complaint: bool = False) -> Verdict:
        match = _LOCATION.search(text)
        location = match.group(0) if match else None
        for category, words in self._words.items():
            hits = tuple(w for w in words if w in text)
            if hits:
                return Verdict(True, category, "困" in text, location, hits)
        if assume_complaint:
            return Verdict(True, "other", False, location)
        return Verdict(False, None, False, location)
