"""From lexicon hits to a judgement: complaint or not, category, urgency, deciding words.

Complaint score = problem evidence + complaint tone − signs of a non-complaint (notices,
sales, lost-and-found, own renovation, questions, jokes, thanks, a problem already solved).
The category is the best-scoring one, where words named earlier weigh more.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple

from bot.classify.here import ELSEWHERE, FICTION, about_here
from bot.classify.lexicon import IMMEDIATE, PRAISE, SOLVED, Hit, Lexicon
from bot.classify.regex import Gated
from bot.classify.scenes import adjust
from bot.classify.staff_notice import CALL_NOW
from bot.classify.urgency import find_danger

__all__ = ["ELSEWHERE", "FICTION", "Judgement", "judge"]

MIN_PROBLEM = 1.0  # a complaint names at least one problem word …
SUBJECT_MIN = 2.0  # … or names a subject (category weight) …
TONE_ONLY_MIN = 2.0  # … in a complaining tone
SUBJECT_BONUS = 1.0  # score added when the message names a thing of some category
OTHER_EXTRA = 1.0  # a complaint naming no thing of any category needs this much more
THRESHOLD = 2.0  # problem + tone − penalties must reach this
PROBLEM_CAP = 6.0
TONE_CAP = 4.0
POSITION_DECAY = 0.5  # later words count less: the first problem named is the main one
ALSO_FACTOR = 0.6  # a later clause with "也" adds a second, lesser problem
SUBJECT_REACH = 6  # a generic problem word within this many chars after a subject is about it
URGENT_EVIDENCE = 2.0  # an emergency is a complaint even without other problem words
URGENT_CATEGORY = 4.0  # weight an emergency gives the category it implies (trapped → lift)
RETURNS = 0.5  # each further word of a category counts this much of the one before
FALLBACK_OVER_SERVICE = 1.5  # a specific subject of this weight beats property_service …
SERVICE_SHARE = 0.5  # … when it weighs at least this share of the service complaint
ASKED_AND_REPORTED = 0.0  # question penalty when a problem is also reported outside the question
PRAISE_WEIGHT = 2.5
SOLVED_WEIGHT = 3.5
MIN_CATEGORY = 1.0  # below this the complaint goes to "other"
MAX_KEYWORDS = 8
_NOTICES = frozenset({"notice_head", "staff_signature", "notice_address", "notice_body"})
_BLOCKS_URGENCY = ELSEWHERE | FICTION | _NOTICES | {"planned", "drill", "reassurance"}
# Words of a notice that a resident also uses when crying for help ("各位邻居，…请物业立即派人"):
# they do not cancel a danger that comes with a call for help now.
_SOFT_NOTICE = frozenset({"notice_address", "notice_body"})

_CLAUSE_END = re.compile(r"[,，。.!！?？;；\n]")
_CLAUSE_SPLIT = re.compile(r"[,，。!！?？;；~～\s]+")
_ADVERBS = "再也都还太就"
_RHETORICAL = ("吗", "么", "嘛", "啊")


class Judgement(NamedTuple):
    """What `judge` decided and why."""

    is_complaint: bool
    category: str | None
    urgent: bool
    keywords: tuple[str, ...]
    score: float
    danger: str | None = None  # a danger now was found: the category it implies, or ""
    cues: tuple[str, ...] = ()  # the classes of non-complaint signs found (notice, question …)
    sure: bool = False  # the danger is one the model may not overrule (`urgency.Danger`)


@dataclass(slots=True)
class _Tally:
    """Evidence gathered from one message."""

    first: dict[str, int] = field(default_factory=dict)  # category → first position
    words: list[tuple[int, str, str, float]] = field(default_factory=list)  # pos, word, cat, w
    problems: list[tuple[int, str, float]] = field(default_factory=list)  # (pos, word, weight)
    spans: list[tuple[int, int, float]] = field(default_factory=list)  # (start, end, weight)
    problem: float = 0.0
    tone: float = 0.0
    praise: bool = False
    immediate: bool = False
    subjects: set[str] = field(default_factory=set)  # categories named by a thing, not a problem
    last_problem: int = -1
    last_solved: int = -1

    def add_cat(self, cat: str, weight: float, pos: int, word: str) -> None:
        first = self.first.get(cat)
        if first is None or pos < first:
            self.first[cat] = pos
        self.words.append((pos, word, cat, weight))

    def add_problem(self, pos: int, word: str, weight: float) -> None:
        self.problem += weight
        self.problems.append((pos, word, weight))
        self.spans.append((pos, pos + len(word), weight))
        if pos > self.last_problem:
            self.last_problem = pos

    def scores(self) -> dict[str, float]:
        """Category scores with diminishing returns: strongest word, then half, quarter …"""
        out: dict[str, float] = {}
        many: dict[str, list[float]] = {}
        for _, _, cat, weight in self.words:
            if cat in out:
                many.setdefault(cat, [out[cat]]).append(weight)
            out[cat] = weight
        for cat, parts in many.items():
            parts.sort(reverse=True)
            out[cat] = sum(w * RETURNS**i for i, w in enumerate(parts))
        return out


def _also_clauses(text: str) -> tuple[list[int], list[bool]] | None:
    """Clause starts and whether each later clause says "也" (None: no "也" at all)."""
    if "也" not in text:
        return None
    starts = [0] + [m.end() for m in _CLAUSE_SPLIT.finditer(text)]
    bounds = [*starts[1:], len(text)]
    also = [
        i > 0 and "也" in text[a:b] for i, (a, b) in enumerate(zip(starts, bounds, strict=True))
    ]
    return starts, also


def _weight(pos: int, size: int, clauses: tuple[list[int], list[bool]] | None) -> float:
    """Later words count less; a word in a later "也" clause ("灯也不亮") less again."""
    factor = 1.0 - POSITION_DECAY * pos / size
    if clauses is not None and clauses[1][bisect_right(clauses[0], pos) - 1]:
        factor *= ALSO_FACTOR
    return factor


def _same_clause(text: str, end: int, start: int) -> bool:
    """Whether text[end:start] is short and crosses no clause boundary."""
    gap = start - end
    if gap == 0:
        return True
    return 0 < gap <= SUBJECT_REACH and not _CLAUSE_SPLIT.search(text, end, start)


def _negated(lex: Lexicon, text: str, start: int) -> bool:
    """Whether a negation word stands right before `start` ("没坏", "不再漏", "没得问题")."""
    if not start or text[start - 1] not in lex.negator_tails:
        return False
    before = text[max(0, start - 5) : start].rstrip()
    if before and before[-1] in _ADVERBS:
        before = before[:-1]
    negators = lex.negator_set
    if not (
        before[-1:] in negators
        or before[-2:] in negators
        or before[-3:] in negators
        or before[-4:] in negators
    ):
        return False
    if before[-1:] == "是" and before[-2:] == "不是":
        # "是不是坏了" asks, "这不是垄断吗" accuses: neither denies the problem.
        if before[-3:] == "是不是":
            return False
        tail = _CLAUSE_END.search(text, start)
        clause = text[start : tail.start() if tail else len(text)].rstrip()
        if clause.endswith(_RHETORICAL) or (tail is not None and text[tail.start()] in "?？"):
            return False
    return True


def _tally(lex: Lexicon, text: str, mask: int, hits: list[Hit]) -> _Tally:
    size = len(text) or 1
    clauses = _also_clauses(text)
    tally = _Tally()
    seen: set[str] = set()
    subject_end, subject_cat = 0, ""  # the last category word: where it ends, its category
    add_cat, add_problem = tally.add_cat, tally.add_problem
    decay_step = POSITION_DECAY / size
    for term, start, end, info in hits:
        if term in seen:
            continue
        seen.add(term)
        if info.negatable and _negated(lex, text, start):
            continue  # "没坏", "没得问题", "不吵了": the problem is denied
        if term[0] == "没" and start and text[start - 1] == "有":
            continue  # "有没有通知": asked, not said
        flags = info.flags
        if flags:
            if flags & SOLVED:
                tally.last_solved = start
            if flags & PRAISE:
                tally.praise = True
            if flags & IMMEDIATE:
                tally.immediate = True
        problem = info.problem
        if problem:
            add_problem(start, term, problem)
        tally.tone += info.tone
        cats = info.cats
        if cats:
            # _weight, inlined for the common case of no "也" clause
            decay = 1.0 - decay_step * start if clauses is None else _weight(start, size, clauses)
            for cat, weight in cats.items():
                add_cat(cat, weight * decay, start, term)
            if not problem:
                tally.subjects.update(cats)
            subject_end, subject_cat = end, info.top_cat
        elif problem and subject_cat and _same_clause(text, subject_end, start):
            # A generic problem word ("坏了") speaks of the thing named just before it.
            add_cat(subject_cat, problem * _weight(start, size, clauses), start, term)
    todo = lex.combo_gates.open(mask)
    done = 0  # combos already searched, as a bit set of their indexes
    alts, rows = lex.combo_alts, lex.combo_rows
    while todo:
        bit = todo & -todo  # an alternative whose start occurs in the text …
        todo ^= bit
        index, need = alts[bit.bit_length()]
        if mask & need != need or done >> index & 1:
            continue  # … but not its end, or its combo was searched already
        done |= 1 << index
        combo, combo_cat, weight, problem, negatable = rows[index]
        match = combo.search_gated(text)
        if match is None:
            continue
        pos = match.start()
        if combo_cat:
            tally.add_cat(combo_cat, weight * _weight(pos, size, clauses), pos, match.group(0))
        end = match.end()
        if negatable and (
            _negated(lex, text, pos)
            or (match.lastindex and _negated(lex, text, match.start(match.lastindex)))
        ):
            continue  # "不漏了", "水管已经不漏了": the problem is denied
        if problem:
            # A combo does not count a problem word inside it twice ("停水").
            inside = sum(w for a, b, w in tally.spans if a < end and pos < b)
            if problem > inside:
                tally.add_problem(pos, match.group(0), problem - inside)
    return tally


def _reported_elsewhere(text: str, mask: int, pattern: Gated, tally: _Tally) -> bool:
    """Whether problem words stand outside every clause that asks a question."""
    asked: list[tuple[int, int]] = []
    for match in pattern.finditer(text, mask):
        start = max((m.end() for m in _CLAUSE_SPLIT.finditer(text, 0, match.start())), default=0)
        after = _CLAUSE_SPLIT.search(text, match.end())
        asked.append((start, after.start() if after else len(text)))
    return any(not any(a <= pos < b for a, b in asked) for pos, _, _ in tally.problems)


def _ordered(pairs: list[tuple[int, str]]) -> tuple[str, ...]:
    """The words in text order, each once, at most MAX_KEYWORDS."""
    pairs.sort()
    return tuple(dict.fromkeys(word for _, word in pairs))[:MAX_KEYWORDS]


def _category(cats: dict[str, float], first: dict[str, int], subjects: set[str]) -> str:
    """The best-scoring category; a specific thing named beats general property service."""
    if not cats:
        return "other"
    best = max(cats, key=lambda c: (cats[c], -first[c]))
    if cats[best] < MIN_CATEGORY:
        return "other"
    if best == "property_service" and len(cats) > 1:
        runner = max((c for c in cats if c != best), key=lambda c: (cats[c], -first[c]))
        # "other" is no specific thing: 业委会 does not make a fee complaint "other".
        if (
            runner != "other"
            and runner in subjects
            and cats[runner] >= max(FALLBACK_OVER_SERVICE, SERVICE_SHARE * cats[best])
        ):
            return runner
    return best


def judge(
    lex: Lexicon,
    text: str,
    hits: list[Hit],
    mask: int | None = None,
    *,
    assume_complaint: bool = False,
) -> Judgement:
    """Decide on one normalised message from its lexicon hits (`mask`: `lex.gates.mask(text)`)."""
    plain, assumed = judge_both(lex, text, hits, mask)
    return assumed if assume_complaint else plain


def judge_both(
    lex: Lexicon, text: str, hits: list[Hit], mask: int | None = None
) -> tuple[Judgement, Judgement]:
    """The rules' verdict, and their verdict were the message a complaint (its category, signs
    and danger are always worked out), from one pass over the evidence."""
    if mask is None:
        mask = lex.gates.mask(text)
    tally = _tally(lex, text, mask, hits)
    adjust(lex.scenes, text, mask, tally)
    urgent = find_danger(lex, text, mask, tally.immediate, _negated)
    danger = None if urgent is None else (urgent[2] or "")
    if urgent is not None:
        pos, said, implied = urgent.start, urgent.words, urgent.category
        tally.add_problem(pos, said, URGENT_EVIDENCE)
        if implied:
            tally.add_cat(implied, URGENT_CATEGORY, pos, said)
    cats = tally.scores()
    subject = bool(tally.subjects) or max(cats.values(), default=0.0) >= SUBJECT_MIN
    # Evidence: a problem word, or complaint tone about a named subject ("公交站挪走了 好恼火").
    evidence = tally.problem >= MIN_PROBLEM or (subject and tally.tone >= TONE_ONLY_MIN)
    score, cues, classes, blocks_urgency = _signs(lex, text, mask, tally)
    if subject:
        score += SUBJECT_BONUS  # a problem of a named thing ("路灯杆倒了")
    in_danger = urgent is not None and not blocks_urgency  # danger now is never chatter
    category = _category(cats, tally.first, tally.subjects)
    named = max(cats.values(), default=0.0) >= MIN_CATEGORY
    words = [(pos, word) for pos, word, cat, _ in tally.words if cat == category]
    words += [(pos, word) for pos, word, _ in tally.problems]
    keywords = _ordered(words)
    sure = in_danger and urgent is not None and urgent.sure
    assumed = Judgement(True, category, in_danger, keywords, score, danger, classes, sure)
    if not evidence:
        return Judgement(False, None, False, (), 0.0, danger), assumed
    filed = in_danger or (score >= THRESHOLD and (named or score >= THRESHOLD + OTHER_EXTRA))
    # Nothing of the community named: chatter unless clearly a complaint ("菜好贵啊").
    if not filed:
        return Judgement(False, None, False, _ordered(cues), score, danger, classes), assumed
    return assumed, assumed


def _signs(
    lex: Lexicon, text: str, mask: int, tally: _Tally
) -> tuple[float, list[tuple[int, str]], tuple[str, ...], bool]:
    """The score before the subject bonus, the signs of a non-complaint (where and which
    classes), and whether one of them rules out a danger now (a notice, a drill)."""
    penalty = 0.0
    cues: list[tuple[int, str]] = []
    classes: list[str] = []
    blocks_urgency = False
    todo = lex.notc_gates.open(mask)
    known = 0  # classes with an alternative whose gate bits are all there (bit set of indexes)
    while todo:
        bit = todo & -todo
        todo ^= bit
        index, need = lex.notc_alts[bit.bit_length()]
        if mask & need == need:
            known |= 1 << index
    chosen = known
    start = lex.notc_free_start  # (a class in `known` is searched whatever its free part)
    if start is None or start.match(text) is not None:
        chosen |= lex.notc_free
    while chosen:
        low = chosen & -chosen
        chosen ^= low
        name, pattern, weight = lex.not_complaint[low.bit_length() - 1]
        match = pattern.search(text, mask, known=bool(known & low))
        if match is None or (name in ELSEWHERE and about_here(text)):
            continue  # not found, or seen elsewhere but about this place ("朋友圈说5号楼…")
        if name == "question" and _reported_elsewhere(text, mask, pattern, tally):
            weight = ASKED_AND_REPORTED  # "修好了没？还是黑的": a question and a report
        penalty += weight
        cues.append((match.start(), match.group(0).strip()))
        classes.append(name)
        if name in _BLOCKS_URGENCY and not (name in _SOFT_NOTICE and CALL_NOW.search(text)):
            blocks_urgency = True
    solved_last = tally.last_solved > tally.last_problem
    sarcastic = (
        tally.problem > 0 and lex.sarcasm is not None and lex.sarcasm.search(text, mask) is not None
    )
    tone = tally.tone + (lex.sarcasm_weight if sarcastic else 0.0)
    if tally.praise and not sarcastic and (tally.problem < 2 or solved_last):
        penalty += PRAISE_WEIGHT
    if tally.last_solved >= 0 and solved_last:
        penalty += SOLVED_WEIGHT
    score = min(tally.problem, PROBLEM_CAP) + min(tone, TONE_CAP) - penalty
    return score, cues, tuple(classes), blocks_urgency
