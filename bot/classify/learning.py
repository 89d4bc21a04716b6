"""What a deployment's own workers taught the classifier, applied over the lexicon. Pure.

Every worker's or admin's decision about a message is a lesson (`bot.core.lessons`). From them
the layer learns *phrases*: runs of 2–4 characters that keep coming back in messages the
workers judged the same way (a local name, "老爷梯", "又跳闸", "团购群", "大橘"), and that the
general lexicon would not know. Guard rails:

- a phrase counts only after consistent evidence: `MIN_SUPPORT` lessons agreeing, at least
  `AGREEMENT` of the lessons containing it, and not a common word of the language;
- an urgent message is never changed;
- what the workers taught as "not a complaint" sends a message to 研判 (unsure) rather than
  silencing it, unless the evidence is strong;
- the items can be listed with the examples behind them, and forgotten (reset).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace

from bot.classify.verdict import Verdict
from bot.core.lessons import Lesson, LessonSource

__all__ = ["NOT_A_COMPLAINT", "Learned", "LearnedItem", "worker_correction"]

NOT_A_COMPLAINT = "-"  # the label of a lesson that says: not a complaint
MIN_SUPPORT = 2  # lessons that must agree before a phrase counts
AGREEMENT = 0.8  # share of the lessons containing a phrase that must agree
STRONG = 5  # this much support, none against, silences what workers keep calling chatter
SHORTEST, LONGEST = 2, 4
UNSURE_MARGIN = 0.0  # where a learned "not a complaint" puts a complaint: in the 研判 band
SILENT_MARGIN = -3.0
SURE_MARGIN = 3.0  # where a learned complaint phrase puts a message: filed
MAX_EXAMPLES = 3
SWITCH_SUPPORT = 3  # lessons needed to file a message the lexicon let pass, or to move one
# A phrase starting or ending with one of these is grammar, not a thing ("了一个", "都有").
# A phrase with one of these names a place (二号院, 老幺栋), not a problem.
_PLACE = frozenset("零〇二三四五六七八九十两号栋幢单元室层")
_GRAMMAR = frozenset("了的是在都也还就吗呢吧啊呀么着过个一我你他她们这那有很太又再不没")
_RUN = re.compile(r"[a-z\u3400-\u9fff]+")  # no digits: "3栋" names a place, not a problem


@dataclass(frozen=True)
class LearnedItem:
    """A phrase the layer acts on: its label, how many lessons back it, a few of them."""

    phrase: str
    label: str  # a category id, or NOT_A_COMPLAINT
    support: int
    against: int
    examples: tuple[str, ...]


def worker_correction(
    text: str, verdict: Verdict, outcome: str, is_complaint: bool, category: str | None
) -> Lesson | None:
    """What a worker's answer to the bot's handling of a message teaches, as in the running
    bot: a 研判 answer when it was unsure; /cancel when it filed chatter; /new when it missed a
    complaint; /category when it filed one under the wrong category; /done when it filed one
    right (the worker handles it); nothing when it rightly kept quiet."""
    if outcome == "unsure":
        return Lesson(text, is_complaint, category if is_complaint else None, LessonSource.TRIAGE)
    if outcome == "complaint" and not is_complaint:
        return Lesson(text, False, None, LessonSource.CANCEL)
    if outcome != "complaint" and is_complaint:
        return Lesson(text, True, category, LessonSource.NEW)
    if outcome == "complaint" and category != verdict.category:
        return Lesson(text, True, category, LessonSource.CATEGORY)
    if outcome == "complaint":  # taken and done by a worker: a complaint of that category
        return Lesson(text, True, category, LessonSource.DONE)
    return None


def phrases_of(text: str) -> set[str]:
    """The 2–4 character runs of a message (letters, digits, Chinese), normalised."""
    flat = unicodedata.normalize("NFKC", text).lower()
    found: set[str] = set()
    for run in _RUN.findall(flat):
        for size in range(SHORTEST, LONGEST + 1):
            found.update(run[i : i + size] for i in range(len(run) - size + 1))
    return found


class Learned:
    """The lessons of one deployment and the phrases learned from them."""

    def __init__(self, is_common: Callable[[str], bool] = lambda _: False) -> None:
        self._is_common = functools.lru_cache(maxsize=65536)(is_common)
        self._counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self._examples: dict[tuple[str, str], list[str]] = defaultdict(list)
        self._labels: dict[str, str] = {}  # each message taught once: its latest label
        self._items: dict[str, LearnedItem] = {}
        self._dirty: set[str] = set()  # phrases whose counts changed since `items()`

    def learn(self, lesson: Lesson) -> None:
        """One more lesson. The same message taught again (filed through 研判, then done)
        counts once, with its latest label; the phrases it touches are worked out again when
        next needed, the others are kept."""
        label = (lesson.category or "other") if lesson.is_complaint else NOT_A_COMPLAINT
        key = unicodedata.normalize("NFKC", lesson.text).strip()
        before = self._labels.get(key)
        if before == label:
            return
        self._labels[key] = label
        phrases = phrases_of(lesson.text)
        for phrase in phrases:
            counts = self._counts[phrase]
            if before is not None:
                counts[before] -= 1
            counts[label] += 1
            examples = self._examples[phrase, label]
            if len(examples) < MAX_EXAMPLES and lesson.text not in examples:
                examples.append(lesson.text)
        self._dirty |= phrases

    def items(self) -> dict[str, LearnedItem]:
        """Every phrase that counts, by phrase."""
        for phrase in self._dirty:
            item = self._judge(phrase)
            if item is None:
                self._items.pop(phrase, None)
            else:
                self._items[phrase] = item
        self._dirty.clear()
        return self._items

    def shown(self) -> list[LearnedItem]:
        """The phrases to show a person, longest first: "老爷梯", not also "老爷" and "爷梯"
        when they say no more (the same label and no more support)."""
        kept: list[LearnedItem] = []
        for item in sorted(self.items().values(), key=lambda i: (-len(i.phrase), i.phrase)):
            covered = any(
                item.phrase in longer.phrase and longer.label == item.label
                and longer.support >= item.support
                for longer in kept
            )  # fmt: skip
            if not covered:
                kept.append(item)
        return kept

    def _judge(self, phrase: str) -> LearnedItem | None:
        by_label = {label: n for label, n in self._counts[phrase].items() if n > 0}
        if not by_label:
            return None
        label, support = max(by_label.items(), key=lambda kv: kv[1])
        total = sum(by_label.values())
        if support < MIN_SUPPORT or support < AGREEMENT * total:
            return None
        if phrase[0] in _GRAMMAR or phrase[-1] in _GRAMMAR or not _PLACE.isdisjoint(phrase):
            return None
        if self._is_common(phrase):
            return None
        examples = tuple(self._examples[phrase, label])
        return LearnedItem(phrase, label, support, total - support, examples)

    def votes(self, text: str) -> dict[str, int]:
        """For each label, the support of its strongest learned phrase in `text`."""
        items = self.items()
        if not items:
            return {}
        votes: dict[str, int] = {}
        for phrase in phrases_of(text):
            item = items.get(phrase)
            if item is not None and item.support > votes.get(item.label, 0):
                votes[item.label] = item.support
        return votes

    def apply(self, text: str, verdict: Verdict) -> Verdict:
        """The verdict, changed where the lessons agree clearly; an urgent one never."""
        if verdict.urgent or not self._labels:
            return verdict
        votes = self.votes(text)
        if not votes:
            return verdict
        label, support = max(votes.items(), key=lambda kv: kv[1])
        against = sum(votes.values()) - support
        if support < MIN_SUPPORT or against * 2 > support:
            return verdict
        if label == NOT_A_COMPLAINT:
            if not verdict.is_complaint:  # never into the 研判 band from below
                return replace(verdict, margin=min(verdict.margin, SILENT_MARGIN))
            if support < STRONG or against:  # a worker decides (研判); still a complaint
                return replace(verdict, margin=min(verdict.margin, UNSURE_MARGIN))
            guess = verdict.category or verdict.guess
            return replace(
                verdict, is_complaint=False, category=None, margin=SILENT_MARGIN, guess=guess
            )
        if label != verdict.category and support < SWITCH_SUPPORT:
            return verdict  # filing what the lexicon let pass, or moving it, needs more
        margin = max(verdict.margin, SURE_MARGIN)
        return replace(verdict, is_complaint=True, category=label, margin=margin, guess=label)
