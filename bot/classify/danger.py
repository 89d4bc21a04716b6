"""The danger scene model: a danger now, recognised from a thing, a state and people at risk.

`data/danger.toml` defines word classes (hazardous things, dangerous states, people at risk,
immediacy, words that cancel) and scenes that compose them: two classes close together in one
sentence, in either order, plus classes that must occur somewhere in the message. New
combinations of known words are recognised without listing each phrase. Every scene pattern is
gated by the lexicon's `GateIndex` (one bit per class), so a message without the words of a
scene costs two bit tests for it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from bot.classify.regex import Gated, GateIndex, first_grams

__all__ = ["DangerModel", "Scene", "SceneHit"]

Span = tuple[int, int]  # start and end of a match

_CLAUSE_END = re.compile(r"[,，。.!！?？;；\n\s]")
_SENTENCE_END = re.compile(r"[。.!?\n]")
_NEAR = 12  # characters before a scene, in its clause, searched for hypothetical words …
_WIDE = 24  # … and in its sentence, for past and habit words
_AFTER = 6  # … and up to this many characters after it, in its clause
_HEDGE_REACH = 6  # people at risk within this many characters after "怕", "万一" … do not count
# "差点栽进去": a near miss says the danger is still there, for scenes marked `near_miss`
_NEAR_MISS = re.compile(r"差点|差一点|险些|幸好|还好|幸亏")


# An entry that starts with two plain characters, the second not optional, or is one plain one.
_PLAIN = re.compile(r"[^\\.^$*+?{}\[\]|()]{2}(?![?*{])|[^\\.^$*+?{}\[\]|()]$")
_CAPTURE = re.compile(r"(?<!\\)\((?!\?)")


def _alternation(entries: list[str]) -> str:
    """The entries as one non-capturing group (their own groups made non-capturing too)."""
    return "(?:" + "|".join(_CAPTURE.sub("(?:", e) for e in entries) + ")"


class WordClass:
    """Words of one kind, or of several: one gate bit, a pattern compiled when first needed."""

    __slots__ = ("_pattern", "bit", "source")

    def __init__(self, entries: list[str], gates: GateIndex) -> None:
        starts: set[str] = set()
        for entry in entries:
            # the first two characters, or else the first one (a plain word: without a parse)
            grams = {entry[:2]} if _PLAIN.match(entry) else first_grams(entry)
            if grams is None:
                raise ValueError(f"danger word needs a known start: {entry!r}")
            starts |= grams
        self.bit = gates.register(frozenset(starts))
        self.source = _alternation(entries)
        self._pattern: re.Pattern[str] | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        """The compiled alternation."""
        if self._pattern is None:
            self._pattern = re.compile(self.source)
        return self._pattern


@dataclass(frozen=True, slots=True)
class Scene:
    """Two word classes close together, and classes the message must or must not contain."""

    kind: str
    first: WordClass
    second: WordClass | None  # None: the first class is a sign in itself
    reach: int  # most characters between the two, inside one sentence
    needs: WordClass | None
    unless: WordClass | None
    category: str | None
    near_miss: bool = False  # "差点掉进去" is no hypothetical: the hole is still there
    state_first: bool = False  # the `a` class is the state (else `b`, or `a` alone)

    def spans(self, text: str) -> list[tuple[Span, Span, int]]:
        """The first and the second part of each place where the scene stands, in order, and
        where its state starts."""
        firsts = [m.span() for m in self.first.pattern.finditer(text)]
        if self.second is None or not firsts:
            return [(first, first, first[0]) for first in firsts]
        out: list[tuple[Span, Span, int]] = []
        for c, d in (m.span() for m in self.second.pattern.finditer(text)):
            for a, b in firsts:
                if b <= c and c - b <= self.reach and not _SENTENCE_END.search(text, b, c):
                    out.append(((a, b), (c, d), a if self.state_first else c))
                elif d <= a and a - d <= self.reach and not _SENTENCE_END.search(text, d, a):
                    out.append(((c, d), (a, b), a if self.state_first else c))
        out.sort()
        return out


@dataclass(frozen=True, slots=True)
class SceneHit:
    """A scene found in a message: where, the words, the kind and the category it implies."""

    start: int
    words: str
    kind: str
    category: str | None


class DangerModel:
    """The scenes and guards of `danger.toml`, their gates registered in a `GateIndex`."""

    def __init__(self, spec: dict[str, Any], gates: GateIndex) -> None:
        self._entries = {name: words.split() for name, words in spec["classes"].items()}
        self._gates = gates
        self._classes: dict[str, WordClass] = {}
        self.scenes: list[Scene] = []
        self.firsts = 0  # the gate bits of all `a` classes
        # an `a` class's bit (as its position, `bit_length()`) → its scenes: (index, the `b`
        # class's bit, or -1: any text)
        self._by_first: dict[int, list[tuple[int, int]]] = {}
        for row in spec["scene"]:
            first = self._class([row["a"]])
            second = self._class([row["b"]]) if "b" in row else None
            needs, unless = row.get("needs", []), row.get("unless", [])
            self.firsts |= first.bit
            pair = (len(self.scenes), second.bit if second else -1)
            self._by_first.setdefault(first.bit.bit_length(), []).append(pair)
            self.scenes.append(
                Scene(
                    kind=row["kind"],
                    first=first,
                    second=second,
                    reach=int(row.get("reach", 0)),
                    needs=self._class(needs) if needs else None,
                    unless=self._class(unless) if unless else None,
                    category=row.get("category"),
                    near_miss=bool(row.get("near_miss", False)),
                    state_first=row.get("state") == "a",
                )
            )
        self.idioms = re.compile(_alternation(self._entries["idioms"]))
        self.cooking = self._class(["cooking"])  # smoke from cooking is no fire
        guards = {name: words.split() for name, words in spec["guards"].items()}
        self.elsewhere = Gated(guards["elsewhere"] + guards["joke"] + guards["tip"], gates)
        self.after = Gated(guards["over"] + guards["procedure"], gates)

    def _class(self, names: list[str]) -> WordClass:
        """The word class made of the named classes (registered once)."""
        key = "+".join(names)
        found = self._classes.get(key)
        if found is None:
            entries = [e for name in names for e in self._entries[name]]
            found = self._classes[key] = WordClass(entries, self._gates)
        return found

    @classmethod
    def load(cls, gates: GateIndex) -> DangerModel:
        """Read the shipped `danger.toml`."""
        raw = resources.files("bot.classify.data").joinpath("danger.toml").read_text("utf-8")
        return cls(tomllib.loads(raw), gates)

    def cancelled(self, text: str, mask: int, start: int) -> bool:
        """Whether the message tells the danger from `start` as over or asks about procedure."""
        if self.elsewhere.search(text, mask) is not None:
            return True
        after = self.after
        if not after.possible(mask) or after.gated is None:
            return False
        return after.gated.search(text, start) is not None

    @staticmethod
    def _said(
        needs: WordClass, text: str, mask: int, hedge: re.Pattern[str] | None, near_miss: bool
    ) -> bool:
        """Whether a word of `needs` occurs outside a hedge ("怕砸到人" is no one at risk)."""
        if not mask & needs.bit:
            return False
        for match in needs.pattern.finditer(text):
            start = match.start()
            before = _CLAUSE_END.split(text[max(0, start - _HEDGE_REACH) : start])[-1]
            if near_miss:
                before = _NEAR_MISS.sub("", before)
            if hedge is None or not hedge.search(before):
                return True
        return False

    def possible(self, mask: int) -> int:
        """The scenes whose two classes both have words in the text (a bit set of indexes)."""
        todo = mask & self.firsts
        possible = 0
        while todo:
            bit = todo & -todo
            todo ^= bit
            for index, second in self._by_first[bit.bit_length()]:
                if mask & second:
                    possible |= 1 << index
        return possible

    def find(
        self,
        text: str,
        mask: int,
        possible: int,
        ruled_out: Callable[[str, str, int, int], bool],
        hedge: re.Pattern[str] | None = None,
    ) -> SceneHit | None:
        """The first `possible` scene that `ruled_out(near, wide, state, end)` does not reject.

        `near`: the scene with its clause (hypothetical words), `wide`: with the sentence before
        it (past and habit words); `hedge` marks people at risk who are only feared.
        """
        blanked: str | None = None
        scenes = self.scenes
        while possible:  # in the order of danger.toml: lowest index first
            low = possible & -possible
            possible ^= low
            scene = scenes[low.bit_length() - 1]
            if blanked is None:
                blanked = self.idioms.sub(lambda m: "_" * len(m.group(0)), text)
            for (start, left), (right, end), state in scene.spans(blanked):
                needs, near_miss = scene.needs, scene.near_miss
                if needs is not None and not self._said(needs, blanked, mask, hedge, near_miss):
                    break
                unless = scene.unless
                if unless is not None and mask & unless.bit and unless.pattern.search(text):
                    break
                tail = _CLAUSE_END.search(blanked, end)
                rest = blanked[start : min(tail.start() if tail else len(blanked), end + _AFTER)]
                near = _CLAUSE_END.split(blanked[max(0, start - _NEAR) : start])[-1] + rest
                wide = _SENTENCE_END.split(blanked[max(0, start - _WIDE) : start])[-1] + rest
                if scene.near_miss and not _NEAR_MISS.search(blanked, max(0, state - 4), state):
                    near = _NEAR_MISS.sub("", near)  # unless the state itself nearly happened
                if ruled_out(near, wide, state, end):
                    continue
                if self.cancelled(blanked, mask, start):
                    return None
                words = text[start:end]
                if right > left:  # "枝子…劈开": the two parts, not what stands between them
                    words = f"{text[start:left]}…{text[right:end]}"
                return SceneHit(start, words, scene.kind, scene.category)
        return None
