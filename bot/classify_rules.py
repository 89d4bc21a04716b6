"""From lexicon hits to a judgement: complaint or not, category, urgency, deciding words.

Complaint score = problem evidence + complaint tone − signs of a non-complaint (notices,
sales, lost-and-found, own renovation, questions, jokes, thanks, a problem already solved).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from bot.classify_lexicon import IMMEDIATE, NEGATOR, PRAISE, SOLVED, Hit, Lexicon

__all__ = ["Judgement", "judge"]

MIN_PROBLEM = 1.0  # a complaint names at least one problem word …
SUBJECT_MIN = 2.0  # … or names a subject (category weight) …
TONE_ONLY_MIN = 2.0  # … in a complaining tone
THRESHOLD = 2.0  # problem + tone − penalties must reach this
PROBLEM_CAP = 6.0
TONE_CAP = 4.0
POSITION_DECAY = 0.5  # later words count less: the first problem named is the main one
ALSO_FACTOR = 0.6  # a later clause with "也" adds a second, lesser problem
SUBJECT_REACH = 6  # a generic problem word within this many chars after a subject is about it
URGENT_EVIDENCE = 2.0  # an emergency is a complaint even without other problem words
RETURNS = 0.5  # each further word of a category counts this much of the one before
FALLBACK_OVER_SERVICE = 3.0  # a specific problem of this weight beats property_service
ASKED_AND_REPORTED = 0.0  # question penalty when a problem is also reported outside the question
PRAISE_WEIGHT = 2.5
SOLVED_WEIGHT = 3.5
MIN_CATEGORY = 1.0  # below this the complaint goes to "other"
MAX_KEYWORDS = 8

_CLAUSE_END = re.compile(r"[,，。.!！?？;；\n]")
_CLAUSE_SPLIT = re.compile(r"[,，。!！?？;；~～\s]+")
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
    parts: dict[str, list[float]]
    first: dict[str, int]
    words: dict[str, list[tuple[int, str]]]
    problem: float = 0.0
    tone: float = 0.0
    praise: bool = False
    last_problem: int = -1
    last_solved: int = -1

    def add_cat(self, cat: str, weight: float, pos: int, word: str) -> None:
        self.parts.setdefault(cat, []).append(weight)
        if cat not in self.first or pos < self.first[cat]:
            self.first[cat] = pos
        self.words.setdefault(cat, []).append((pos, word))

    def scores(self) -> dict[str, float]:
        """Category scores with diminishing returns: strongest word, then half, quarter …"""
        return {
            cat: sum(w * RETURNS**i for i, w in enumerate(sorted(parts, reverse=True)))
            for cat, parts in self.parts.items()
        }


def _same_clause(text: str, end: int, start: int) -> bool:
    """Whether text[end:start] is short and crosses no clause boundary."""
    return 0 <= start - end <= SUBJECT_REACH and not _CLAUSE_SPLIT.search(text, end, start)


def _negated(lex: Lexicon, text: str, start: int) -> bool:
    """Whether a negation word stands right before `start` ("没坏", "不再漏", "没得问题")."""
    before = text[max(0, start - 4) : start].rstrip()
    if before and before[-1] in _ADVERBS:
        before = before[:-1]
    return any(before.endswith(neg) for neg in lex.negators)


def _weigher(text: str) -> Callable[[int], float]:
    """Weight of a word at a position: later words count less, "也" clauses ("灯也不亮") less."""
    size = max(len(text), 1)
    starts = [0] + [m.end() for m in _CLAUSE_SPLIT.finditer(text)]
    also = [
        i > 0 and "也" in text[start : starts[i + 1] if i + 1 < len(starts) else size]
        for i, start in enumerate(starts)
    ]

    def weight(pos: int) -> float:
        factor = 1.0 - POSITION_DECAY * pos / size
        return factor * ALSO_FACTOR if also[bisect_right(starts, pos) - 1] else factor

    return weight


def _tally(lex: Lexicon, text: str, hits: list[Hit]) -> tuple[_Tally, list[tuple[int, str]]]:
    weigh = _weigher(text)
    tally = _Tally({}, {}, {})
    problems: list[tuple[int, str]] = []
    seen: set[str] = set()
    weights: list[tuple[int, float]] = []  # problem weight of each problem word
    subject: tuple[int, str] = (0, "")  # end of the last category word, its category
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
            weights.append((hit.start, info.problem))
        tally.tone += info.tone
        decay = weigh(hit.start)
        if info.cats:
            for cat, weight in info.cats.items():
                tally.add_cat(cat, weight * decay, hit.start, term)
            subject = (hit.end, max(info.cats, key=info.cats.__getitem__))
        elif info.problem and subject[1] and _same_clause(text, subject[0], hit.start):
            # A generic problem word ("坏了") speaks of the thing named just before it.
            tally.add_cat(subject[1], info.problem * decay, hit.start, term)
    for pattern, cat, weight, problem in lex.combos:
        match = pattern.search(text)
        if match:
            if cat:
                tally.add_cat(cat, weight * weigh(match.start()), match.start(), match.group(0))
            # A combo does not count a problem word inside it twice ("停水").
            inside = sum(w for pos, w in weights if match.start() <= pos < match.end())
            if problem > inside:
                tally.problem += problem - inside
                tally.last_problem = max(tally.last_problem, match.start())
                problems.append((match.start(), match.group(0)))
    return tally, problems


def _urgent(lex: Lexicon, text: str, hits: list[Hit]) -> tuple[str, str | None] | None:
    """The words that make the message an emergency and the category they imply, or None."""
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
            if lex.hypothetical is not None and lex.hypothetical.search(clause):
                continue
            return match.group(0), rule.category
    return None


def _reported_elsewhere(
    text: str, pattern: re.Pattern[str], problems: list[tuple[int, str]]
) -> bool:
    """Whether problem words stand outside every clause that asks a question."""
    asked: list[tuple[int, int]] = []
    for match in pattern.finditer(text):
        start = max((m.end() for m in _CLAUSE_SPLIT.finditer(text, 0, match.start())), default=0)
        after = _CLAUSE_SPLIT.search(text, match.end())
        asked.append((start, after.start() if after else len(text)))
    return any(not any(a <= pos < b for a, b in asked) for pos, _ in problems)


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
            if name == "question" and _reported_elsewhere(text, pattern, problems):
                weight = ASKED_AND_REPORTED  # "修好了没？还是黑的": a question and a report
            penalty += weight
            cues.append((match.start(), match.group(0).strip()))
            blocks_urgency |= name in ("notice_head", "notice_body", "planned", "drill")
    urgent = None if blocks_urgency else _urgent(lex, text, hits)
    if urgent is not None:
        words, implied = urgent
        tally.problem += URGENT_EVIDENCE
        tally.last_problem = max(tally.last_problem, text.find(words))
        if implied:
            tally.add_cat(implied, 4.0, text.find(words), words)
    cats = tally.scores()
    solved_last = tally.last_solved > tally.last_problem
    sarcastic = lex.sarcasm is not None and tally.problem > 0 and bool(lex.sarcasm.search(text))
    tone = tally.tone + (lex.sarcasm_weight if sarcastic else 0.0)
    if tally.praise and not sarcastic and (tally.problem < 2 or solved_last):
        penalty += PRAISE_WEIGHT
    if tally.last_solved >= 0 and solved_last:
        penalty += SOLVED_WEIGHT
    score = min(tally.problem, PROBLEM_CAP) + min(tone, TONE_CAP) - penalty
    # A problem word, or complaint tone about a named subject ("公交站挪走了 好恼火").
    subject = max(cats.values(), default=0.0) >= SUBJECT_MIN
    evidence = tally.problem >= MIN_PROBLEM or (subject and tone >= TONE_ONLY_MIN)
    is_complaint = assume_complaint or (evidence and score >= THRESHOLD)
    if not is_complaint:
        return Judgement(False, None, False, _ordered(cues), score)
    category = _category(cats, tally.first)
    words = list(tally.words.get(category, ())) + problems
    if urgent is not None:
        words.append((text.find(urgent[0]), urgent[0]))
    return Judgement(True, category, urgent is not None, _ordered(words), score)


def _category(cats: dict[str, float], first: dict[str, int]) -> str:
    """The best-scoring category; a specific problem beats general property service."""
    if not cats:
        return "other"
    ranked = sorted(cats, key=lambda c: (-cats[c], first[c]))
    best = ranked[0]
    if cats[best] < MIN_CATEGORY:
        return "other"
    if best == "property_service" and len(ranked) > 1:
        runner = ranked[1]
        if cats[runner] >= FALLBACK_OVER_SERVICE:
            return runner
    return best
