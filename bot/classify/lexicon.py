"""The classifier's lexicon: word lists and phrase patterns loaded from `bot/lexicon/*.toml`.

Words are matched at token starts (a word may end inside a token, never start inside one),
plus inside tokens that no word covers whole, so that "黑狗" still finds "狗".
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from bot.classify.danger import DangerModel
from bot.classify.regex import Alternatives, Gated, GateIndex
from bot.classify.scenes import Scenes, compile_rules
from bot.core.categories import CATEGORY_IDS

__all__ = ["Hit", "Lexicon", "TermInfo", "UrgentRule"]

# Weights of the lists in categories.toml: (category weight, problem weight).
LIST_WEIGHTS: dict[str, tuple[float, float]] = {
    "core": (3.0, 0.0),
    "things": (2.0, 0.0),
    "hints": (1.0, 0.0),
    "problems": (3.0, 2.0),
    "mild": (2.0, 1.0),
}
# Words a deployment adds through config: strong for their category, some problem evidence.
EXTENSION_WEIGHTS = (4.0, 1.5)
ACTOR_WEIGHT = 1.0  # an actor word (scenes.toml) not listed in categories.toml: a hint
_MEMO_LIMIT = 100_000  # tokens whose inner words are remembered …
_MEMO_TOKEN_CHARS = 12  # … if they are at most this long

SOLVED, PRAISE, NEGATOR, IMMEDIATE, PAST = 1, 2, 4, 8, 16
_FLAG_SECTIONS = {
    "solved": SOLVED,
    "praise": PRAISE,
    "negator": NEGATOR,
    "urgent_immediate": IMMEDIATE,
    "urgent_past": PAST,
}


@dataclass(slots=True)
class TermInfo:
    """What one lexicon word tells: category weights, problem and tone weight, flags."""

    cats: dict[str, float] = field(default_factory=dict)
    problem: float = 0.0
    tone: float = 0.0
    flags: int = 0
    top_cat: str = ""  # the category this word speaks of most
    negatable: bool = False  # a problem (or fix) that a negation right before denies


# One lexicon word found in the normalised text: (word, start, end, what it tells).
Hit = tuple[str, int, int, TermInfo]
_NO_START = TermInfo()  # marks a fragment that starts no lexicon word (never returned)
_NEGATION_HEADS = "没不无未莫冇别"


@dataclass(frozen=True, slots=True)
class UrgentRule:
    """A danger pattern; see patterns.toml."""

    kind: str
    pattern: Gated
    context: Gated | None
    immediate: bool
    category: str | None


def _read_toml(name: str) -> dict[str, Any]:
    raw = resources.files("bot.classify.data").joinpath(name).read_text(encoding="utf-8")
    return tomllib.loads(raw)


def _clean(word: str) -> str:
    """Lexicon words are matched in normalised (lower-case) text."""
    return word.strip().lower()


class Lexicon:
    """All words and patterns; built once by `load`."""

    def __init__(self) -> None:
        self.terms: dict[str, TermInfo] = {}
        self.prefixes: frozenset[str] = frozenset()
        # Every start of a word → the word's TermInfo when it is a whole word, else None.
        self._starts: dict[str, TermInfo | None] = {}
        self._inner_memo: dict[str, tuple[tuple[int, int], ...]] = {}
        self.category_ids: list[str] = list(CATEGORY_IDS)
        self.gates = GateIndex()
        self.not_complaint: list[tuple[str, Gated, float]] = []
        self.sarcasm: Gated | None = None
        self.sarcasm_weight = 0.0
        self.combos: list[tuple[Gated, str | None, float, float, bool]] = []
        # For the hot loops: an alternative's first gate bit, as its position (`bit_length()`, a
        # small int: hashing the bit itself costs as much as the whole mask) → (row index, bits
        # it needs).
        self.combo_gates = Alternatives()
        self.combo_alts: dict[int, tuple[int, int]] = {}
        self.combo_rows: list[tuple[Gated, str | None, float, float, bool]] = []
        self.notc_gates = Alternatives()
        self.notc_alts: dict[int, tuple[int, int]] = {}
        self.notc_free = 0  # classes searched every time (a bit set of indexes) …
        # … unless this finds none of their free alternatives, which all match at 0 only
        self.notc_free_start: re.Pattern[str] | None = None
        self.urgent: list[UrgentRule] = []
        self.habitual: Gated | None = None
        self.hypothetical: re.Pattern[str] | None = None
        self.negators: tuple[str, ...] = ()
        self.negator_set: frozenset[str] = frozenset()
        self.negator_tails: frozenset[str] = frozenset()  # last characters of the negators
        self.urgent_gates = Alternatives()  # the urgent patterns' alternatives
        self.urgent_by_bit: dict[int, tuple[UrgentRule, int]] = {}  # first bit's position → …
        self.past_words: tuple[str, ...] = ()
        self.scenes = Scenes(frozenset(), {}, (), (), (), 0, 0)
        self.danger: DangerModel  # the scene model, read by `load`

    # -- building -------------------------------------------------------------------------
    def _info(self, word: str) -> TermInfo | None:
        word = _clean(word)
        if not word:
            return None
        info = self.terms.get(word)
        if info is None:
            info = self.terms[word] = TermInfo()
        return info

    def add_category_words(
        self, category: str, words: Iterable[str], cat_w: float, prob_w: float
    ) -> None:
        """Add words for a category (the strongest weight given to a word wins)."""
        if category not in self.category_ids:
            self.category_ids.append(category)
        for word in words:
            info = self._info(word)
            if info is None:
                continue
            info.cats[category] = max(info.cats.get(category, 0.0), cat_w)
            info.problem = max(info.problem, prob_w)

    def _add_cues(self, cues: dict[str, Any]) -> None:
        for word in cues["problem"]["strong"]:
            if (info := self._info(word)) is not None:
                info.problem = max(info.problem, 2.0)
        for word in cues["problem"]["mild"]:
            if (info := self._info(word)) is not None:
                info.problem = max(info.problem, 1.0)
        for level, weight in (("strong", 2.0), ("mild", 1.0), ("weak", 0.5)):
            for word in cues["tone"].get(level, ()):
                if (info := self._info(word)) is not None:
                    info.tone = max(info.tone, weight)
        for section, flag in _FLAG_SECTIONS.items():
            for word in cues[section]["terms"]:
                if (info := self._info(word)) is not None:
                    info.flags |= flag
        self.negators = tuple(_clean(w) for w in cues["negator"]["terms"])
        self.past_words = tuple(_clean(w) for w in cues["urgent_past"]["terms"])
        for word in cues["neutral"]["terms"]:
            self._info(word)  # present, carries nothing: blocks matches inside it

    def _add_patterns(self, pats: dict[str, Any]) -> None:
        for name, spec in pats["not_complaint"].items():
            self.not_complaint.append(
                (name, Gated(spec["patterns"], self.gates), float(spec["weight"]))
            )
        sarcasm = pats["sarcasm"]
        self.sarcasm = Gated(sarcasm["patterns"], self.gates)
        self.sarcasm_weight = float(sarcasm["weight"])
        for combo in pats.get("combo", []):
            self.combos.append(
                (
                    Gated(combo["pattern"], self.gates),
                    combo.get("category"),
                    float(combo.get("weight", 0.0)),
                    float(combo.get("problem", 0.0)),
                    bool(combo.get("negatable", False)),
                )
            )
        for rule in pats.get("urgent", []):
            context = rule.get("context")
            self.urgent.append(
                UrgentRule(
                    kind=rule["kind"],
                    pattern=Gated(rule["pattern"], self.gates),
                    context=Gated(context, self.gates) if context else None,
                    immediate=bool(rule.get("immediate", False)),
                    category=rule.get("category"),
                )
            )
        self.habitual = Gated(pats["urgent_habitual"]["patterns"], self.gates)
        self.hypothetical = re.compile("|".join(pats["urgent_hypothetical"]["patterns"]))

    def _add_scenes(self, data: dict[str, Any]) -> None:
        for section in ("actors", "settings"):
            for category, words in data.get(section, {}).items():
                self.add_category_words(category, words, ACTOR_WEIGHT, 0.0)
        self.scenes, combos = compile_rules(data, self.gates)
        self.combos.extend(combos)

    def _finish(self) -> None:
        self.prefixes = frozenset(t[:i] for t in self.terms for i in range(1, len(t) + 1))
        self._starts = {p: self.terms.get(p) for p in self.prefixes}
        self.negator_set = frozenset(self.negators)
        self.negator_tails = frozenset({n[-1] for n in self.negators} | set("再也都还太就 \t"))
        for rule in self.urgent:
            if rule.pattern.sources[1] is not None:
                raise ValueError(f"urgent pattern needs a known start: {rule.pattern.pattern!r}")
            for need in rule.pattern.conds:
                self.urgent_by_bit[self.urgent_gates.add(need).bit_length()] = (rule, need)
        for index, (gated, cat, weight, problem, negatable) in enumerate(self.combos):
            if gated.sources[1] is not None or gated.sources[0] is None:
                raise ValueError(f"combo pattern needs a known start: {gated.pattern!r}")
            self.combo_rows.append((gated, cat, weight, problem, negatable))
            for need in gated.conds:
                self.combo_alts[self.combo_gates.add(need).bit_length()] = (index, need)
        starts: list[str] = []
        for index, (_name, gated, _weight) in enumerate(self.not_complaint):
            if gated.sources[1] is not None:
                self.notc_free |= 1 << index
                starts.append(gated.sources[1] if gated.anchored else "")
            for need in gated.conds:
                self.notc_alts[self.notc_gates.add(need).bit_length()] = (index, need)
        if starts and all(starts):
            self.notc_free_start = re.compile("|".join(starts))
        for term, info in self.terms.items():
            if info.cats:
                info.top_cat = max(info.cats, key=info.cats.__getitem__)
            info.negatable = (
                bool(info.problem or info.flags & SOLVED)
                and not info.flags & NEGATOR
                and term[0] not in _NEGATION_HEADS
            )

    @classmethod
    def load(cls, extensions: Sequence[tuple[str, Sequence[str]]] = ()) -> Lexicon:
        """Read the shipped lexicon, then add (category id, keywords) extensions."""
        lex = cls()
        for category, lists in _read_toml("categories.toml").items():
            for list_name, (cat_w, prob_w) in LIST_WEIGHTS.items():
                lex.add_category_words(category, lists.get(list_name, ()), cat_w, prob_w)
        lex._add_cues(_read_toml("cues.toml"))
        lex._add_patterns(_read_toml("patterns.toml"))
        lex._add_scenes(_read_toml("scenes.toml"))
        lex.danger = DangerModel.load(lex.gates)  # the scene model (danger.toml)
        for category, words in extensions:
            lex.add_category_words(category, words, *EXTENSION_WEIGHTS)
        lex._finish()
        return lex

    def user_words(self) -> list[str]:
        """Words for the jieba user dictionary (multi-character, no spaces)."""
        return [t for t in self.terms if len(t) > 1 and not any(c.isspace() for c in t)]

    # -- matching -------------------------------------------------------------------------
    def _inside(self, token: str) -> tuple[tuple[int, int], ...]:
        """Words inside a token, not at its start, as (offset, length); memoised per token."""
        found = self._inner_memo.get(token)
        if found is not None:
            return found
        terms, prefixes = self.terms, self.prefixes
        size = len(token)
        spans: list[tuple[int, int]] = []
        inner = 1
        while inner < size:
            length = 0
            end = inner + 1
            while end <= size and token[inner:end] in prefixes:
                if token[inner:end] in terms:
                    length = end - inner
                end += 1
            if length:
                spans.append((inner, length))
            inner += max(length, 1)
        found = tuple(spans)
        if size <= _MEMO_TOKEN_CHARS:  # words, not arbitrary long runs
            if len(self._inner_memo) > _MEMO_LIMIT:
                self._inner_memo.clear()
            self._inner_memo[token] = found
        return found

    def scan(self, text: str, tokens: Sequence[str]) -> list[Hit]:
        """Lexicon words in `text`, which `tokens` segment, left to right.

        Hits may overlap ("也不" and "不拴" in "也不拴"); a hit lying inside an earlier one is
        dropped ("修好" inside "没修好"). Words start at a token start, or inside a token that
        no word covers whole (then they must end inside it).
        """
        hits: list[Hit] = []
        terms, starts = self.terms, self._starts
        lookup = starts.get  # one look-up per fragment: a word, only the start of one, or neither
        size = len(text)
        pos = 0
        covered = 0  # end of the furthest hit so far
        for token in tokens:
            start = pos
            pos += len(token)
            length = 0
            if token[0] in starts:
                found: TermInfo | None = None
                end = start + 1
                while end <= size:
                    frag = text[start:end]
                    info = lookup(frag, _NO_START)
                    if info is _NO_START:
                        break
                    if info is not None:
                        length, found = end - start, info
                    end += 1
                if length and start + length > covered:
                    covered = start + length
                    hits.append((text[start:covered], start, covered, found))  # type: ignore[arg-type]
            if start + length >= pos or covered >= pos or len(token) < 2:
                continue
            for offset, size_in in self._inside(token):
                begin = start + offset
                if begin >= start + length and begin + size_in > covered:
                    covered = begin + size_in
                    word = text[begin:covered]
                    hits.append((word, begin, covered, terms[word]))
        return hits
