"""Text → Verdict: is this group message a complaint, about what, where, how urgent.

Pipeline: normalisation (NFKC, traditional→simplified, typos) → segmentation (jieba's
dictionary and algorithm, the lexicon as user words) → lexicon hits → the rules' judgement
(non-complaint patterns, negation, thanks, solved problems, category, danger) → the learned
model, which weighs the words and the rules' evidence together and decides complaint, urgency
and category → location.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from bot.classify.adapt import Adaptation
from bot.classify.dictionary import Dictionary
from bot.classify.features import FEATURES_VERSION, WORD, features
from bot.classify.learning import NOT_A_COMPLAINT, Learned
from bot.classify.lexicon import Lexicon
from bot.classify.location import LocationFinder
from bot.classify.model import Model, ModelError
from bot.classify.normalize import Normalizer, with_addresses
from bot.classify.outages import outage_asked
from bot.classify.rules import Judgement, judge_both
from bot.classify.rules_verdict import (
    GUESS_FROM,
    alarm_withdrawn,
    by_rules,
    named,
    rules_keywords,
)
from bot.classify.segment import Segmenter
from bot.classify.verdict import DEFAULT_BAND, Outcome, Verdict
from bot.core.categories import CATEGORIES
from bot.core.lessons import Lesson

__all__ = ["DEFAULT_BAND", "Analysis", "CategoryExtension", "Classifier", "Outcome", "Verdict"]

MAX_CHARS = 2000  # longer messages are judged on their beginning
USER_WORD_FREQ = 50_000  # high enough for a lexicon word to segment whole
COMMON_WORD = 5_000  # a word this frequent in jieba's dictionary is never learned
LEARNED_FLOOR = -1.0  # the lowest the lessons take a message the model would file: 研判

# A reply inside an incident opens with what just happened to it ("灭了 是周家的充电器",
# "查了 没人", "来了 拿长杆子敲下来了"): a worker judges it (研判); the group is not told "filed".
_UPDATE_OPENER = re.compile(
    r"^\s*(灭|来|关|到|出来|下来|拆下来|敲下来|修好|弄好|搞好|搞定|通|查|查到|说好|救出来|抬出来|"
    r"抱进去|送走|清走|拉走|处理好|排|断|开|找到|抓到|报)(了|喇|啦)+(?=[\s,。!?~]|$)"
)

# A turn to another subject inside a friendly message ("…买了冻梨 对了顺便说一句 3栋后面那个
# 垃圾桶坏了好几天"): what follows is judged on its own, without the greetings before it.
_TURN = re.compile(
    r"对了|顺便(说|提|讲|问)?(一下|一句|个事)?|另外(想|还|再)?(说|反映|提|讲)?(一下|一句|个事)?|"
    r"话说|(说|讲|反映|提)(个|一个|件)(小)?(事|问题|情况)|有(个|一个|件)(小)?(事|问题|情况)"
    r"(想)?(反映|说|问)?(一下)?|还有(个|一个|件)?事|就是讲|想反映(一下)?"
)
MIN_TURN_TAIL = 8  # characters after the turn worth judging on their own

_log = logging.getLogger(__name__)


class Analysis(NamedTuple):
    """One message as the model sees it, with the rules' verdicts."""

    features: dict[str, float]
    plain: Judgement  # the rules' verdict
    assumed: Judgement  # the rules' verdict were it a complaint (category, signs, danger)
    location: str | None
    text: str  # the message as the normaliser left it


@dataclass(frozen=True)
class CategoryExtension:
    """A deployment's own words for a category, or a new category with a Chinese name."""

    id: str
    name: str | None = None
    keywords: tuple[str, ...] = ()


class Classifier:
    """Classifies resident messages; build once with `load`, then call `classify`."""

    def __init__(
        self,
        lexicon: Lexicon,
        segmenter: Segmenter,
        names: dict[str, str],
        model: Model | None = None,
        *,
        guess_from: float = GUESS_FROM,
        made_by: tuple[CategoryExtension, ...] | None = None,
    ) -> None:
        self._lexicon = lexicon
        # the shipped model and data with these extensions (what a kept learned state must
        # have been learned by: `bot.classify.kept`); None for a classifier of one's own
        self.made_by = made_by
        self.model = model  # None: the rules alone judge (training a model starts there)
        self.guess_from = min(guess_from, GUESS_FROM)  # the model's evidence a guess needs
        self._segmenter = segmenter
        self.learned: Learned | None = None  # this deployment's lessons, once there are any
        self.adapted: Adaptation | None = None  # its correction to the model, learned from them
        self._cut = segmenter.cut
        self._names = names
        self._normalizer = Normalizer()
        self._places = LocationFinder(lexicon.gates)  # one gate mask per message serves both
        self._place_cache: dict[str, str | None] = {}

    @classmethod
    def load(
        cls,
        extensions: Sequence[CategoryExtension] = (),
        *,
        model: Model | bool = True,
        guess_from: float = GUESS_FROM,
    ) -> Classifier:
        """Build the classifier: lexicon (plus extensions), jieba user words and the shipped
        model (`model=False`: the rules alone; or a `Model` of one's own). `guess_from`: a
        message's best category is guessed from this far below the line (the 研判 band's lower
        edge, when it is lower than GUESS_FROM)."""
        names = {c.id: c.name for c in CATEGORIES}
        for ext in extensions:
            if ext.name:
                names[ext.id] = ext.name
            else:
                names.setdefault(ext.id, ext.id)
        lexicon = Lexicon.load([(ext.id, tuple(ext.keywords)) for ext in extensions])
        segmenter = Segmenter(Dictionary.load(lexicon.user_words(), USER_WORD_FREQ))
        made_by = tuple(extensions) if model is True else None
        if model is True:
            model = Model.load()
        if isinstance(model, Model) and model.features_version != FEATURES_VERSION:
            raise ModelError(
                f"the model was trained on features v{model.features_version}, this code makes "
                f"v{FEATURES_VERSION}: retrain it with python -m bot.devtools.train"
            )
        chosen = model if isinstance(model, Model) else None
        return cls(lexicon, segmenter, names, chosen, guess_from=guess_from, made_by=made_by)

    def learn(self, lesson: Lesson) -> None:
        """One more lesson from a worker, learned at once. Taught again with the same label
        (研判, then done) it moves neither layer twice, as `evaluate --learn` measures; taught
        again the other way, the first answer's step is taken back (`Adaptation.forget`)."""
        if self.learned is None:
            self.learned = Learned(self._general_phrase, self._segmenter.cut)
        model, (taught, before) = self.model, self.learned.learn(lesson)
        if not taught or model is None:
            return
        self.adapted = self.adapted or Adaptation(model.category.labels)
        try:
            found, plain, _, location, _ = self.analyse(lesson.text)
            weighed = model.weigh(found, plain.is_complaint)
            scores = model.category.scores(weighed.present)
            category = (lesson.category or "other") if lesson.is_complaint else None
            places = self._place_words(found, location)
            if before is not None and (before == NOT_A_COMPLAINT) == lesson.is_complaint:
                self.adapted.forget(found, weighed.evidence, not lesson.is_complaint, lesson.text)
            self.adapted.learn(found, weighed.evidence, scores, category, lesson.text, places)
        except Exception:  # one bad lesson must not stop the bot (nor its start)
            _log.exception("could not learn from a lesson of %d chars", len(lesson.text))

    def _place_words(self, found: Mapping[str, float], location: str | None) -> set[str]:
        """The word features of a message that name a place: part of the place it names, or a
        place on their own (北门, 地下车库)."""
        out: set[str] = set()
        for name in found:
            if not name.startswith(WORD):
                continue
            word = name[len(WORD) :]
            if (location is not None and word in location.lower()) or self._is_place(word):
                out.add(name)
        return out

    def _is_place(self, word: str) -> bool:
        return self._place_in(word) == word

    def _place_in(self, text: str) -> str | None:
        """The place a short text names (a word or phrase the lessons hold), remembered."""
        if text in self._place_cache:
            return self._place_cache[text]
        place = self._places.find(self._normalizer.normalize(text))
        if len(self._place_cache) < 10_000:
            self._place_cache[text] = place
        return place

    def learn_all(self, lessons: Sequence[Lesson]) -> None:
        """Every lesson of a deployment, in the order they were given (at start-up)."""
        for lesson in lessons:
            self.learn(lesson)

    @functools.cached_property
    def _known_parts(self) -> tuple[frozenset[str], frozenset[str]]:
        """The lexicon's words, and every run of 2–4 characters inside one of them."""
        known = frozenset(w for w in self._lexicon.user_words() if len(w) >= 2)
        parts = frozenset(
            w[i : i + n] for w in known for n in range(2, 5) for i in range(len(w) - n + 1)
        )
        return known, parts

    def _general_phrase(self, phrase: str) -> bool:
        """A common word of the language, a phrase the lexicon already weighs (a word of it,
        inside one, or holding one), or a place: the learned layer leaves those alone."""
        if (self._segmenter.dictionary.count(phrase) or 0) >= COMMON_WORD:
            return True
        known, parts = self._known_parts
        if phrase in parts:
            return True
        if self._place_in(phrase) is not None:
            return True  # where, not what: a gate whose card reader keeps failing is not security
        size = len(phrase)
        return any(phrase[i : i + n] in known for n in range(2, size) for i in range(size - n + 1))

    def _after_a_turn(self, normalized: str, verdict: Verdict) -> Verdict:
        """A complaint after a turn to another subject (对了, 顺便说一句, 有个事想反映), judged on
        its own words: the friendly chat before it does not hide it."""
        turn = _TURN.search(normalized)
        if turn is None or len(normalized) - turn.end() < MIN_TURN_TAIL:
            return verdict
        tail = self._classify(self.analyse(normalized[turn.end() :]), False)
        if not tail.is_complaint:
            return verdict
        return replace(tail, location=tail.location or verdict.location)

    @staticmethod
    def _hold_a_reply(normalized: str, verdict: Verdict) -> Verdict:
        """A complaint that opens with what just happened to an incident (in any script or
        dialect) is held as the lessons hold one: a worker judges it (研判)."""
        if _UPDATE_OPENER.match(normalized) is None:
            return verdict
        guess = verdict.category or verdict.guess
        return replace(verdict, is_complaint=False, category=None, guess=guess, held=True)

    def forget(self) -> None:
        """Forget every lesson (the lexicon alone judges again)."""
        self.learned = None
        self.adapted = None

    def learned_state(self) -> dict[str, Any]:
        """Everything the lessons taught it, as plain values (`bot.classify.kept`)."""
        learned, adapted = self.learned, self.adapted
        return {
            "learned": learned.state() if learned is not None else None,
            "adapted": adapted.state() if adapted is not None else None,
        }

    def restore_learned(self, state: Mapping[str, Any]) -> None:
        """What `learned_state` gave, in place of what it learned so far: as if it had learned
        those lessons again (ValueError when the state is not one of this classifier's)."""
        self.forget()
        if state["learned"] is not None:
            self.learned = Learned(self._general_phrase, self._segmenter.cut)
            self.learned.restore(state["learned"])
        if state["adapted"] is not None:
            if self.model is None:
                raise ValueError("a model's adjustment for a classifier without one")
            self.adapted = Adaptation(self.model.category.labels)
            self.adapted.restore(state["adapted"])

    def category_names(self) -> dict[str, str]:
        """Category id → Chinese name, including the deployment's own categories."""
        return dict(self._names)

    def category_meant(self, word: str) -> str | None:
        """The category a word that names none is about (垃圾 → sanitation), for /category to
        suggest (never to set); None when it could only say 其他."""
        guess = self.classify(word, assume_complaint=True).category
        return guess if guess != "other" else None

    def classify(self, text: str, *, assume_complaint: bool = False) -> Verdict:
        """Judge one message; never raises."""
        try:
            text = text if isinstance(text, str) else str(text)
            analysis = self.analyse(text)
            verdict = self._classify(analysis, assume_complaint)
            if not verdict.is_complaint and not assume_complaint:
                verdict = self._after_a_turn(analysis.text, verdict)
            cut = None if verdict.is_complaint or assume_complaint else outage_asked(analysis.text)
            if cut is not None:  # a cut reported now and asked about: a worker judges it
                verdict = replace(verdict, guess=verdict.guess or cut, held=True)
            if self.learned is not None and not assume_complaint:
                verdict = self.learned.apply(text[:MAX_CHARS], verdict)
            if verdict.is_complaint and not verdict.urgent and not assume_complaint:
                verdict = self._hold_a_reply(analysis.text, verdict)
            return verdict
        except Exception:  # a classifier bug must not take the bot down
            _log.exception("classifier failed on a message of %d chars", len(str(text)))
            if assume_complaint:
                return Verdict(True, "other", False, None)
            return Verdict(False, None, False, None)

    def analyse(self, text: str) -> Analysis:
        """What the model sees of `text`, and the rules' verdicts (also for training)."""
        norm = self._normalizer.normalize(text if len(text) <= MAX_CHARS else text[:MAX_CHARS])
        tokens = self._cut(norm.text)
        hits = self._lexicon.scan(norm.text, tokens)
        mask = self._lexicon.gates.mask(norm.text)
        plain, assumed = judge_both(self._lexicon, norm.text, hits, mask)
        placed = with_addresses(norm)  # 119栋: digits for the places, no 119 for the dangers
        place_mask = mask if placed is norm else self._lexicon.gates.mask(placed.text)
        location = self._places.find(placed, place_mask)
        found = features(norm.text, tokens, hits, plain, assumed)
        return Analysis(found, plain, assumed, location, norm.text)

    def _classify(self, analysis: Analysis, assume_complaint: bool) -> Verdict:
        found, plain, assumed, location, _ = analysis
        model = self.model
        if model is None:
            return by_rules(plain, assumed, location, assume_complaint)
        weighed = model.weigh(found, plain.is_complaint)
        odds = weighed.evidence
        withdrawn = alarm_withdrawn(plain, assumed, analysis.text)  # (even a sure danger)
        urgent = (weighed.urgent or plain.sure) and not withdrawn
        adapted = self.adapted if self.adapted is not None and self.adapted.active else None
        held = False
        if adapted is not None:
            shifted = odds + adapted.evidence(found)
            # what the model would file, the lessons send to a worker (研判), never to silence
            held = odds >= 0.0 > shifted and not urgent and not assume_complaint
            odds = max(shifted, LEARNED_FLOOR) if odds >= 0.0 else shifted
        is_complaint = assume_complaint or urgent or odds >= 0.0
        category: str | None = None
        if is_complaint or odds >= self.guess_from:
            scores = model.category.scores(weighed.present)
            if adapted is not None and not urgent:  # danger keeps the model's own category
                scores = adapted.category_scores(found, scores)
            category = model.category.labels[scores.index(max(scores))]
            if assumed.category not in model.category.labels:  # a deployment's own category
                category = assumed.category or "other"
        return Verdict(
            is_complaint=is_complaint,
            category=category if is_complaint else None,
            urgent=urgent,
            location=location,
            keywords=rules_keywords(plain, assumed, is_complaint, category),
            margin=odds,
            guess=category,
            named=named(assumed),
            held=held,
        )
