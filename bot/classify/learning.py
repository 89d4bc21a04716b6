"""What a deployment's own workers taught the classifier, applied over the lexicon. Pure.

Every worker's or admin's decision about a message is a lesson (`bot.core.lessons`). From them
the layer learns *phrases*: runs of 2–4 characters that keep coming back in messages the
workers judged the same way (a local name, "老爷梯", "又跳闸", "团购群", "大橘"), and that the
general lexicon would not know. Guard rails:

- a phrase counts only after consistent evidence: `MIN_SUPPORT` lessons agreeing, at least
  `AGREEMENT` of the lessons containing it, and not a common word of the language;
- an urgent message is never changed;
- what the workers taught as "not a complaint" sends a message the lexicon and model would
  file to 研判 (unsure: still a complaint while the evidence is thin, held as not one when it is
  strong) and never silences it; one below the line stays silent;
- the items can be listed with the examples behind them, and forgotten (reset).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from bot.classify.verdict import Verdict
from bot.core.lessons import Lesson, LessonSource
from bot.core.triage import SURE_CHATTER  # what a learned phrase only sends to 研判

__all__ = ["NOT_A_COMPLAINT", "Learned", "LearnedItem", "worker_correction"]

NOT_A_COMPLAINT = "-"  # the label of a lesson that says: not a complaint
OTHER = "other"
MIN_SUPPORT = 2  # lessons that must agree before a phrase counts
AGREEMENT = 0.8  # share of the lessons containing a phrase that must agree
STRONG = 5  # this much support, none against, silences what workers keep calling chatter
SHORTEST, LONGEST = 2, 4
UNSURE_MARGIN = 0.0  # where a learned "not a complaint" puts a complaint: in the 研判 band
SILENT_MARGIN = -3.0
HELD_MARGIN = -1.0  # where sure chatter puts a message the model would file: held for 研判
SURE_MARGIN = 3.0  # where a learned complaint phrase puts a message: filed
LIFTED_MARGIN = -0.5  # where it puts one the lexicon let pass, on less evidence: 研判
MAX_EXAMPLES = 3
SWITCH_SUPPORT = 3  # lessons needed to file a message the lexicon let pass, or to move one
# A phrase starting or ending with one of these is grammar, not a thing ("了一个", "都有").
# A phrase with a place word names a place (二号院, 老幺栋), not a problem; so does one with two
# numerals (十八, 三五). One numeral is a nickname's as often (老七 for a lift, 小三轮).
_PLACE = frozenset("号栋幢单元室层")
_NUMERALS = frozenset("零〇一二三四五六七八九十两")
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


def _key(text: str) -> str:
    """A message as the layer knows it (taught again in other widths or spaces, the same)."""
    return unicodedata.normalize("NFKC", text).strip()


def aligned_phrases(text: str, cut: Callable[[str], list[str]]) -> set[str]:
    """The 2–4 character phrases of a message made of whole words (one to three in a row, as
    the segmenter cuts it): "红姐舞队", "老七", never the torn "姐舞队今" or "天早上"."""
    flat = unicodedata.normalize("NFKC", text).lower()
    found: set[str] = set()
    for run in _RUN.findall(flat):
        words = cut(run)
        for start in range(len(words)):
            phrase = ""
            for word in words[start : start + 3]:
                phrase += word
                if len(phrase) > LONGEST:
                    break
                if len(phrase) >= SHORTEST:
                    found.add(phrase)
    return found


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

    def __init__(
        self,
        is_common: Callable[[str], bool] = lambda _: False,
        cut: Callable[[str], list[str]] | None = None,
    ) -> None:
        self._is_common = functools.lru_cache(maxsize=65536)(is_common)
        self._cut = cut  # learn whole words only (every 2–4 character run without it)
        self._counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self._examples: dict[tuple[str, str], list[str]] = defaultdict(list)
        self._labels: dict[str, str] = {}  # each message taught once: its latest label
        self._texts: dict[str, str] = {}  # each message's words, as first taught
        self._tickets: dict[int, str] = {}  # the message a ticket's first lesson was about
        self._items: dict[str, LearnedItem] = {}
        self._dirty: set[str] = set()  # phrases whose counts changed since `items()`

    def learn(self, lesson: Lesson) -> tuple[bool, str | None]:
        """One more lesson. The same message taught again (filed through 研判, then done)
        counts once, with its latest label, and is an example of that label only (a message
        a worker took back is no reason for what it no longer is); so does a message a worker
        filed with /new adding words of their own, taught again by its ticket in the
        resident's words alone (its summary, when it is done). The phrases it touches are
        worked out again when next needed, the others are kept. Whether it taught anything
        new (False: the same message with the same label again), and the label it had before
        (None: taught for the first time; `NOT_A_COMPLAINT`, or a category)."""
        label = (lesson.category or "other") if lesson.is_complaint else NOT_A_COMPLAINT
        key = _key(lesson.text)
        if lesson.ticket_id is not None:  # (another report /new filed into it stays its own)
            first = self._tickets.setdefault(lesson.ticket_id, key)
            if first.startswith(key) or key.startswith(first):
                key = first
        before = self._labels.get(key)
        if before == label:
            return False, before
        self._labels[key] = label
        text = self._texts.setdefault(key, lesson.text)
        phrases = aligned_phrases(text, self._cut) if self._cut is not None else phrases_of(text)
        for phrase in phrases:
            counts = self._counts[phrase]
            if before is not None:
                counts[before] -= 1
                stale = self._examples.get((phrase, before))
                if stale:
                    stale[:] = [example for example in stale if _key(example) != key]
            counts[label] += 1
            examples = self._examples[phrase, label]
            if len(examples) < MAX_EXAMPLES and text not in examples:
                examples.append(text)
        self._dirty |= phrases
        return True, before

    def state(self) -> dict[str, Any]:
        """Everything it learned, as plain values (`bot.classify.kept` keeps them between
        starts); `restore` makes the same layer of them. Its phrases are judged first."""
        items = sorted(self.items().values(), key=lambda item: item.phrase)
        return {
            "counts": {phrase: dict(by_label) for phrase, by_label in self._counts.items()},
            "examples": dict(self._examples),
            "labels": self._labels,
            "texts": self._texts,
            "tickets": self._tickets,
            "items": [(i.phrase, i.label, i.support, i.against, i.examples) for i in items],
        }

    def restore(self, state: Mapping[str, Any]) -> None:
        """What `state` gave, in place of everything learned so far."""
        self._counts = defaultdict(lambda: defaultdict(int))
        for phrase, by_label in state["counts"].items():
            self._counts[phrase] = defaultdict(int, by_label)
        self._examples = defaultdict(list, state["examples"])
        self._labels = dict(state["labels"])
        self._texts = dict(state["texts"])
        self._tickets = dict(state["tickets"])
        self._items = {
            phrase: LearnedItem(phrase, label, support, against, tuple(examples))
            for phrase, label, support, against, examples in state["items"]
        }
        self._dirty = set()

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
        total = sum(by_label.values())
        chatter = by_label.get(NOT_A_COMPLAINT, 0)
        # "other" is what is left when no category fits: no phrase stands for it (a building's
        # name, 红砖楼, comes back in complaints of every kind filed as "other" by default)
        categories = {k: n for k, n in by_label.items() if k not in (NOT_A_COMPLAINT, OTHER)}
        if chatter * 2 >= total:  # mostly chatter: a chatter phrase, if the lessons agree
            label, support = NOT_A_COMPLAINT, chatter
            if support < MIN_SUPPORT or support < AGREEMENT * total:
                return None
        elif categories:
            # what the complaints naming it are about: a dog's name is chatted about too, but
            # the complaints that name it are about the dog (`apply` files on it only when
            # the chatter is rare as well)
            label, support = max(categories.items(), key=lambda kv: (kv[1], kv[0]))
            if support < MIN_SUPPORT or support < AGREEMENT * sum(categories.values()):
                return None
        else:
            return None
        if phrase[0] in _GRAMMAR or phrase[-1] in _GRAMMAR or not _PLACE.isdisjoint(phrase):
            return None
        if sum(c in _NUMERALS for c in phrase) >= 2:
            return None
        if self._is_common(phrase):
            return None
        examples = tuple(self._examples[phrase, label])
        return LearnedItem(phrase, label, support, total - support, examples)

    def votes(self, text: str) -> dict[str, int]:
        """For each label, the support of its strongest learned phrase in `text`."""
        return {label: item.support for label, item in self._strongest(text).items()}

    def _strongest(self, text: str) -> dict[str, LearnedItem]:
        items = self.items()
        if not items:
            return {}
        strongest: dict[str, LearnedItem] = {}
        for phrase in phrases_of(text):
            item = items.get(phrase)
            if item is not None and item.support > getattr(strongest.get(item.label), "support", 0):
                strongest[item.label] = item
        return strongest

    def apply(self, text: str, verdict: Verdict) -> Verdict:
        """The verdict, changed where the lessons agree clearly; an urgent one never."""
        if verdict.urgent or not self._labels:
            return verdict
        strongest = self._strongest(text)
        if not strongest:
            return verdict
        votes = {label: item.support for label, item in strongest.items()}
        label, support = max(votes.items(), key=lambda kv: kv[1])
        against = sum(votes.values()) - support
        if support < MIN_SUPPORT or against * 2 > support:
            return verdict
        if label == NOT_A_COMPLAINT:
            if not verdict.is_complaint:  # never into the 研判 band from below, however low
                return replace(verdict, margin=min(verdict.margin, SILENT_MARGIN), guess=None)
            if support < STRONG or against:  # a worker decides (研判); still a complaint
                return replace(verdict, margin=min(verdict.margin, UNSURE_MARGIN))
            # sure: not a complaint, but held for a worker (研判 whatever the band; filed where
            # 研判 is off), never silenced: one word workers keep dismissing ("迟到") may sit
            # in a real complaint the model is sure of
            guess = verdict.category or verdict.guess
            margin = min(verdict.margin, HELD_MARGIN)
            return replace(
                verdict, is_complaint=False, category=None, margin=margin, guess=guess, held=True
            )
        if label != verdict.category and support < SWITCH_SUPPORT:
            return verdict  # filing what the lexicon let pass, or moving it, needs more
        item = strongest[label]
        if not verdict.is_complaint:
            if item.support < AGREEMENT * (item.support + item.against):
                return verdict  # named in chatter too often to file a message on it alone
            # what the lexicon let pass, on thin evidence, or what the model is sure is chatter
            # ("老七辛苦了 哈哈"): a worker decides (研判)
            if verdict.margin < SURE_CHATTER:  # a worker may file it; the clock never will
                return replace(verdict, guess=label, held=True)
            if item.support < STRONG:
                return replace(verdict, margin=LIFTED_MARGIN, guess=label)
        margin = max(verdict.margin, SURE_MARGIN)
        return replace(verdict, is_complaint=True, category=label, margin=margin, guess=label)
