"""From lexicon hits to a judgement: complaint or not, category, urgency, deciding words.

Complaint score = problem evidence + complaint tone − signs of a non-complaint (notices,
sales, lost-and-found, own renovation, questions, jokes, thanks, a problem already solved).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.classify_lexicon import IMMEDIATE, NEGATOR, PRAISE, SOLVED, Hit, Lexicon

__all__ = ["Judgement", "judge"]

MIN_PROBLEM = 1.0  # a complaint names at least one problem word
THRESHOLD = 2.0  # problem + tone − penalties must reach this
PROBLEM_CAP = 6.0
TONE_CAP = 4.0
POSITION_DECAY = 0.35  # later words count a little less: the first problem named is the main one
PRAISE_WEIGHT = 2.5
SOLVED_WEIGHT = 3.5
MIN_CATEGORY = 1.0  # below this the complaint goes to "other"
MAX_KEYWORDS = 8

_CLAUSE_END = re.compile(r"[,，。.!！?？;；\n]")
_ADVERBS = "再也都还太就"


@dataclass(frozen=True)
class Judgement:
    """What `judge` decided and why."""

    is_complaint: bool
    category: str | None
    urgent: bool
    keywords: tuple[str, ...]
    score: float


@dataclass
class _Tally:
    cats: dict[str, float]
    first: dict[str, int]
    words: dict[str, list[tuple[int, str]]]
    problem: float = 0.0
    tone: float = 0.0
    praise: bool = False
    last_problem: int = -1
    last_solved: int = -1

    def add_cat(self, cat: str, weight: float, pos: int, word: str) -> None:
        self.cats[cat] = self.cats.get(cat, 0.0) + weight
        if cat not in self.first or pos < self.first[cat]:
            self.first[cat] = pos
        self.words.setdefault(cat, []).append((pos, word))


def _negated(lex: Lexicon, text: str, start: int) -> bool:
    """Whether a negation word stands right before `start` ("没坏", "不再漏", "没得问题")."""
    before = text[max(0, start - 4) : start].rstrip()
    if before and before[-1] in _ADVERBS:
        before = before[:-1]
    return any(before.endswith(neg) for neg in lex.negators)


def _tally(lex: Lexicon, text: str, hits: list[Hit]) -> tuple[_Tally, list[tuple[int, str]]]:
    size = max(len(text), 1)
    tally = _Tally({}, {}, {})
    problems: list[tuple[int, str]] = []
    seen: set[str] = set()
    for hit in hits:
        info, term = hit.info, hit.term
        if term in seen:
            continue
        seen.add(term)
        if (
            (info.problem or info.flags & SOLVED)
            and not info.flags & NEGATOR
            and term[0] not in "没不无未莫冇别"
            and _negated(lex, text, hit.start)
        ):
            continue  # "没坏", "没得问题", "不吵了": the problem is denied
        if info.flags & SOLVED:
            tally.last_solved = hit.start
        if info.flags & PRAISE:
            tally.praise = True
        if info.problem:
            tally.problem += info.problem
            tally.last_problem = hit.start
            problems.append((hit.start, term))
        tally.tone += info.tone
        decay = 1.0 - POSITION_DECAY * hit.start / size
        for cat, weight in info.cats.items():
            tally.add_cat(cat, weight * decay, hit.start, term)
    for pattern, cat, weight in lex.combos:
        match = pattern.search(text)
        if match:
            decay = 1.0 - POSITION_DECAY * match.start() / size
            tally.add_cat(cat, weight * decay, match.start(), match.group(0))
    return tally, problems


def _urgent(lex: Lexicon, text: str, hits: list[Hit]) -> str | None:
    """The words that make the message an emergency, or None."""
    immediate = any(h.info.flags & IMMEDIATE for h in hits) or "!" in text
    for rule in lex.urgent:
        if rule.context is not None and not rule.context.search(text):
            continue
        if rule.immediate and not immediate:
            continue
        if rule.kind == "outage" and lex.habitual is not None and lex.habitual.search(text):
            continue
        for match in rule.pattern.finditer(text):
            start = match.start()
            if _negated(lex, text, start):
                continue
            clause = _CLAUSE_END.split(text[max(0, start - 12) : start])[-1]
            if any(p in clause for p in lex.past_words):
                continue
            return match.group(0)
    return None


def _ordered(pairs: list[tuple[int, str]]) -> tuple[str, ...]:
    out: list[str] = []
    for _, word in sorted(pairs):
        if word not in out:
            out.append(word)
    return tuple(out[:MAX_KEYWORDS])


def judge(lex: Lexicon, text: str, hits: list[Hit], *, assume_complaint: bool = False) -> Judgement:
    """Decide on one normalised message from its lexicon hits."""
    tally, problems = _tally(lex, text, hits)
    penalty = 0.0
    cues: list[tuple[int, str]] = []
    blocks_urgency = False
    for name, pattern, weight in lex.not_complaint:
        match = pattern.search(text)
        if match:
            penalty += weight
            cues.append((match.start(), match.group(0).strip()))
            blocks_urgency |= name in ("notice_head", "notice_body", "planned", "drill")
    solved_last = tally.last_solved > tally.last_problem
    sarcastic = lex.sarcasm is not None and tally.problem > 0 and bool(lex.sarcasm.search(text))
    tone = tally.tone + (lex.sarcasm_weight if sarcastic else 0.0)
    if tally.praise and not sarcastic and (tally.problem < 2 or solved_last):
        penalty += PRAISE_WEIGHT
    if tally.last_solved >= 0 and solved_last:
        penalty += SOLVED_WEIGHT
    score = min(tally.problem, PROBLEM_CAP) + min(tone, TONE_CAP) - penalty
    is_complaint = assume_complaint or (tally.problem >= MIN_PROBLEM and score >= THRESHOLD)
    if not is_complaint:
        return Judgement(False, None, False, _ordered(cues), score)
    category = "other"
    if tally.cats:
        best = max(tally.cats, key=lambda c: (tally.cats[c], -tally.first[c]))
        if tally.cats[best] >= MIN_CATEGORY:
            category = best
    urgent_words = None if blocks_urgency else _urgent(lex, text, hits)
    words = list(tally.words.get(category, ())) + problems
    if urgent_words:
        words.append((text.find(urgent_words), urgent_words))
    return Judgement(True, category, urgent_words is not None, _ordered(words), score)
