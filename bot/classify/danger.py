"""The danger scene model: a danger now, recognised from a thing, a state and people at risk.

`data/danger.toml` defines word classes (hazardous things, dangerous states, people at risk,
immediacy, words that cancel) and scenes that compose them: two classes close together in one
sentence, in either order, plus classes that must occur somewhere in the message. New
combinations of known words are recognised without listing each phrase. Every scene pattern is
gated by the lexicon's `GateIndex`, so a message with no danger word costs one bit test.
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

_SENTENCE_GAP = r"[^。.!?\n]"  # a scene's parts stand inside one sentence
_CLAUSE_END = re.compile(r"[,，。.!！?？;；\n\s]")
_SENTENCE_END = re.compile(r"[。.!?\n]")
_NEAR = 12  # characters before a scene, in its clause, searched for hypothetical words …
_WIDE = 24  # … and in its sentence, for past and habit words
_AFTER = 6  # … and up to this many characters after it, in its clause
_HEDGE_REACH = 6  # people at risk within this many characters after "怕", "万一" … do not count


@dataclass(frozen=True, slots=True)
class Scene:
    """Two word classes close together, and classes the message must or must not contain."""

    kind: str
    pattern: Gated
    needs: Gated | None
    unless: Gated | None
    category: str | None


@dataclass(frozen=True, slots=True)
class SceneHit:
    """A scene found in a message: where, the words, the kind and the category it implies."""

    start: int
    words: str
    kind: str
    category: str | None


_CAPTURE = re.compile(r"(?<!\\)\((?!\?)")


def _alternation(entries: list[str]) -> str:
    """The entries as one non-capturing group (their own groups made non-capturing too)."""
    return "(?:" + "|".join(_CAPTURE.sub("(?:", e) for e in entries) + ")"


def _tight(grams: frozenset[str] | None) -> bool:
    """Whether a gate is made of character pairs only."""
    return grams is not None and all(len(t) == 2 for t in grams)


def _parts(entries: list[str]) -> list[str]:
    """The entries as at most two alternations: those with exact two-character starts, the rest.

    A gate falls back to single characters when one alternative can start with a single
    character ("娃", "(在)?晃"); keeping those apart keeps the other words' gates tight.
    """
    tight = [e for e in entries if _tight(first_grams(e))]
    loose = [e for e in entries if e not in tight]
    return [_alternation(group) for group in (tight, loose) if group]


def _scene_pattern(first: list[str], second: list[str] | None, reach: int) -> list[str]:
    """`first` then `second` within `reach`, or the other way round; the second is captured."""
    if second is None:
        return [f"({a})" for a in first]
    gap = f"{_SENTENCE_GAP}{{0,{reach}}}?"
    forward = [f"{a}{gap}({b})" for a in first for b in second]
    return forward + [f"({b}){gap}{a}" for a in first for b in second]


class DangerModel:
    """The scenes and guards of `danger.toml`, their patterns registered in a `GateIndex`."""

    def __init__(self, spec: dict[str, Any], gates: GateIndex) -> None:
        classes: dict[str, list[str]] = spec["classes"]
        self._gates = gates
        self._compiled: dict[str, Gated] = {}
        self.scenes: list[Scene] = []
        self._firsts = 0  # the first gate bit of every scene alternative
        self._by_first: dict[int, tuple[int, int]] = {}  # first bit → (all its bits, scene index)
        for row in spec["scene"]:
            second = row.get("b")
            source = _scene_pattern(
                _parts(classes[row["a"]]),
                _parts(classes[second]) if second else None,
                int(row.get("reach", 0)),
            )
            pattern = Gated(source, gates)
            if pattern.free is not None or pattern.gated is None:
                raise ValueError(f"scene {row['kind']!r} needs words with a known start")
            for need in pattern.conds:
                first = need & -need  # registered before the alternative's last bit
                self._firsts |= first
                self._by_first[first] = (need, len(self.scenes))
            self.scenes.append(
                Scene(
                    kind=row["kind"],
                    pattern=pattern,
                    needs=self._union(classes, row.get("needs", [])),
                    unless=self._union(classes, row.get("unless", [])),
                    category=row.get("category"),
                )
            )
        self.idioms = re.compile(_alternation(classes["idioms"]))
        guards = spec["guards"]
        self.elsewhere = Gated(guards["elsewhere"], gates)
        self.after = Gated(guards["over"] + guards["procedure"], gates)

    def _union(self, classes: dict[str, list[str]], names: list[str]) -> Gated | None:
        """One gated pattern for any word of the named classes (None: no classes)."""
        if not names:
            return None
        key = "+".join(names)
        found = self._compiled.get(key)
        if found is None:
            found = self._compiled[key] = Gated(
                [_alternation(classes[n]) for n in names], self._gates
            )
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
    def _said(needs: Gated, text: str, mask: int, hedge: re.Pattern[str] | None) -> bool:
        """Whether a word of `needs` occurs outside a hedge ("怕砸到人" is no one at risk)."""
        for match in needs.finditer(text, mask):
            start = match.start()
            before = _CLAUSE_END.split(text[max(0, start - _HEDGE_REACH) : start])[-1]
            if hedge is None or not hedge.search(before):
                return True
        return False

    def find(
        self,
        text: str,
        mask: int,
        *,
        ruled_out: Callable[[str, str, int, int], bool],
        hedge: re.Pattern[str] | None = None,
    ) -> SceneHit | None:
        """The first scene that `ruled_out(near, wide, state_start, end)` does not reject.

        `near`: the scene with its clause (hypothetical words), `wide`: with the sentence before
        it (past and habit words); `hedge` marks people at risk who are only feared.
        """
        possible = 0  # scenes with an alternative whose gate bits are all in the mask
        todo = mask & self._firsts
        while todo:
            bit = todo & -todo
            todo ^= bit
            need, index = self._by_first[bit]
            if mask & need == need:
                possible |= 1 << index
        if not possible:
            return None
        blanked = self.idioms.sub(lambda m: "_" * len(m.group(0)), text)
        for index, scene in enumerate(self.scenes):
            if not possible >> index & 1:
                continue
            for match in scene.pattern.gated.finditer(blanked):  # type: ignore[union-attr]
                if scene.needs is not None and not self._said(scene.needs, blanked, mask, hedge):
                    break
                if scene.unless is not None and scene.unless.search(blanked, mask) is not None:
                    break
                start, end = match.span()
                state = match.start(match.lastindex or 0)
                tail = _CLAUSE_END.search(blanked, end)
                rest = blanked[start : min(tail.start() if tail else len(blanked), end + _AFTER)]
                near = _CLAUSE_END.split(blanked[max(0, start - _NEAR) : start])[-1] + rest
                wide = _SENTENCE_END.split(blanked[max(0, start - _WIDE) : start])[-1] + rest
                if ruled_out(near, wide, state, end):
                    continue
                if self.cancelled(blanked, mask, start):
                    return None
                return SceneHit(start, match.group(0), scene.kind, scene.category)
        return None
