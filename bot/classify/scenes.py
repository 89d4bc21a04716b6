"""Scenes: an actor doing something to a thing; the harmed thing picks the category.

Word classes and rules live in `data/scenes.toml`. Rules with a fixed category become phrase
patterns of the lexicon (like `[[combo]]`); `adjust` then, per message, gives a damage verb's
category to the thing it damaged, drops a category a rule rules out, and lets actor words
(a neighbour, a shop, the property's staff) count little once a thing of another category is
named.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from bot.classify.regex import Gated, GateIndex

__all__ = ["SceneTally", "Scenes", "adjust", "compile_rules"]

ACTOR_SHARE = 0.3  # an actor's category weight once a thing of another category is named …
NAMED_MIN = 1.5  # … with at least this weight (not "other": no specific thing)
POSITION_DECAY = 0.5  # as in rules.py: later words count less
_CLAUSE_BREAK = re.compile(r"[,，。.!！?？;；\n]")
_CLAUSE_GAP = r"[^,，。.!！?？;；\s]"
_SENTENCE_GAP = r"[^。!！?？\n]"
_PASSIVE = re.compile(r"[被遭]")

Combo = tuple[Gated, str | None, float, float, bool]
Word = tuple[int, str, str, float]  # (position, word, category, weight)


class SceneTally(Protocol):
    """The part of the rules' evidence tally that scenes read and change."""

    words: list[Word]
    spans: list[tuple[int, int, float]]

    def add_cat(self, cat: str, weight: float, pos: int, word: str) -> None: ...

    def add_problem(self, pos: int, word: str, weight: float) -> None: ...


@dataclass(frozen=True, slots=True)
class Scenes:
    """Actor words and the per-message rules (patient and drop)."""

    actors: frozenset[str]
    override: dict[str, str]  # a damaged thing whose category differs ("人行道": facilities)
    patients: tuple[tuple[Gated, float, float], ...]  # pattern, category weight, problem
    drops: tuple[tuple[Gated, str], ...]  # pattern, category it rules out
    keeps: tuple[Gated, ...]  # actor words inside a match keep their weight
    rule_bits: int  # gate bits of every per-message rule: none in a text, nothing to search
    actor_need: int  # gate bits a text needs to contain an actor word (0: no actors)


def _alt(words: Sequence[str]) -> str:
    """One regex group matching any of the words, longest first."""
    ordered = sorted({w.strip().lower() for w in words if w.strip()}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w) for w in ordered) + ")"


def _pattern(rule: dict[str, Any], classes: dict[str, list[str]]) -> str:
    """The regex of a rule: its classes in order, `gap` characters apart at most."""
    gap = int(rule.get("gap", 8))
    joiner = (_SENTENCE_GAP if rule.get("span") == "sentence" else _CLAUSE_GAP) + f"{{0,{gap}}}"
    out = ""
    literal_before = True
    for piece in rule["seq"]:
        literal = piece.startswith("=")
        if out and not literal and not literal_before:
            out += joiner
        out += piece[1:] if literal else _alt(classes[piece])
        literal_before = literal
    return out


def compile_rules(data: dict[str, Any], gates: GateIndex) -> tuple[Scenes, list[Combo]]:
    """Scenes from `scenes.toml` data, and the fixed-category rules as lexicon combos."""
    classes: dict[str, list[str]] = data["classes"]
    groups = [*data["actors"].values(), *data.get("settings", {}).values()]
    actors = frozenset(w.strip().lower() for words in groups for w in words)
    override = {
        w.strip().lower(): cat
        for cat, words in data.get("patient_category", {}).items()
        for w in words
    }
    combos: list[Combo] = []
    patients: list[tuple[Gated, float, float]] = []
    drops: list[tuple[Gated, str]] = []
    keeps: list[Gated] = []
    for rule in data.get("rule", []):
        gated = Gated(_pattern(rule, classes), gates)
        if rule.get("keep"):
            keeps.append(gated)
        elif "drop" in rule:
            drops.append((gated, rule["drop"]))
        elif rule["category"] == "patient":
            patients.append((gated, float(rule["weight"]), float(rule.get("problem", 0.0))))
        else:
            weight, problem = float(rule["weight"]), float(rule.get("problem", 0.0))
            combos.append((gated, rule["category"], weight, problem, False))
    bits = 0
    for gated in [g for g, _, _ in patients] + [g for g, _ in drops]:
        bits |= gated.bit
    need = 0
    if actors:  # one alternative: its first and last gram bits
        (need,) = Gated(_alt(sorted(actors)), gates).conds
    return Scenes(actors, override, tuple(patients), tuple(drops), tuple(keeps), bits, need), combos


def _patient(text: str, words: list[Word], scenes: Scenes, at: int) -> str | None:
    """The category of the last non-actor thing named before `at` in the same clause.

    In "消防栓被车撞断了" the thing is the one before 被/遭 (车 is what did it).
    """
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, at)), default=0)
    passive = _PASSIVE.search(text, start, at)
    if passive is not None:
        at = passive.start()
    best, found = start - 1, None
    actors = scenes.actors
    for pos, word, cat, _ in words:
        if best < pos < at and word not in actors:
            best, found = pos, scenes.override.get(word, cat)
    return found


def adjust(scenes: Scenes, text: str, mask: int, tally: SceneTally) -> None:
    """Apply the per-message scene rules to the tally of one message."""
    if mask & scenes.rule_bits:
        _rules(scenes, text, mask, tally)
    need = scenes.actor_need
    if need and mask & need == need:
        _demote(scenes, text, mask, tally.words)


def _rules(scenes: Scenes, text: str, mask: int, tally: SceneTally) -> None:
    """Damaged things take the damage's category; a rule may rule a category out."""
    size = len(text) or 1
    for gated, weight, problem in scenes.patients:
        for match in gated.finditer(text, mask):
            at, end = match.start(), match.end()
            cat = _patient(text, tally.words, scenes, at)
            if cat is not None:
                tally.add_cat(cat, weight * (1.0 - POSITION_DECAY * at / size), at, match[0])
            inside = sum(w for a, b, w in tally.spans if a < end and at < b)
            if problem > inside:
                tally.add_problem(at, match[0], problem - inside)
    for gated, dropped in scenes.drops:
        if gated.search(text, mask) is not None:
            tally.words[:] = [w for w in tally.words if w[2] != dropped]


def _demote(scenes: Scenes, text: str, mask: int, words: list[Word]) -> None:
    """Actor words count little once a thing of another category is named (unless kept)."""
    actors = scenes.actors
    hits: list[int] = []
    named: dict[str, float] = {}
    for i, (_, word, cat, weight) in enumerate(words):
        if word in actors:
            hits.append(i)
        elif cat != "other":
            named[cat] = named.get(cat, 0.0) + weight
    strong = [cat for cat, weight in named.items() if weight >= NAMED_MIN]
    if not hits or not strong:
        return
    kept: list[tuple[int, int]] | None = None
    for i in hits:
        pos, word, cat, weight = words[i]
        if all(c == cat for c in strong):
            continue
        if kept is None:
            kept = [m.span() for gated in scenes.keeps for m in gated.finditer(text, mask)]
        if not any(a <= pos < b for a, b in kept):
            words[i] = (pos, word, cat, weight * ACTOR_SHARE)
