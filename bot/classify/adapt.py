"""A deployment's own small correction to the model, learned online from its workers. Pure.

The shipped model (`bot.classify.model`) was trained on messages from many communities; each
community's workers judge their own group a little differently (what counts as chatter here,
which category a recurring problem belongs to, their nicknames). Every lesson — a 研判 answer,
/cancel, /new, /category, /done — is one step of online logistic regression on the *residual*:
over the same features as the model, on top of its verdict, with AdaGrad steps and an L2 pull
towards zero. So the layer learns from every answer at once, one lesson moves little, and only
consistent lessons add up. Guard rails:

- nothing changes before `MIN_LESSONS` lessons;
- the shift of a message's complaint evidence is at most `MAX_SHIFT` log-odds either way;
- urgency is never learned here (the classifier keeps the model's urgent verdict);
- what it learned can be listed (`items`) with the lessons behind each weight, and forgotten.

Measured by `python -m bot evaluate FILE --learn` (docs/classifier.md, "blind16, and learning
again").
"""

from __future__ import annotations

import math
import re
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.classify.features import LENGTH_BANDS

__all__ = ["Adaptation", "AdaptedItem", "describe_feature"]

MIN_LESSONS = 20  # lessons before the layer changes anything
MAX_SHIFT = 4.0  # the most it moves a message's complaint evidence, in log-odds
STEP = 0.15  # AdaGrad's step size
PULL = 2.0  # L2 strength, spread over the lessons so far: one lesson moves little
MAX_EXAMPLES = 3
BIAS = "bias"  # the feature every message has: this deployment's leaning as a whole
WORDS = "w:"  # words: the only features of the category adjustment
PAIRS = "b:"  # character pairs: listed after words of the same weight
_STABLE = 1e-8
# A long number (a phone, an id card, an account) is a person's, not a community's way of
# speaking: never learned, never shown by `python -m bot learned`.
_PERSONAL = re.compile(r"\d{5,}")
_PHONE_LIKE = re.compile(r"\d[\d\s-]{6,}\d")  # 138-1234-5678, 138 1234 5678: cut into words


@dataclass(frozen=True)
class AdaptedItem:
    """One learned weight: a feature, which way it moves messages, and lessons behind it."""

    feature: str
    label: str  # "complaint" or a category id
    weight: float  # log-odds added when the feature is present (negative: against)
    examples: tuple[str, ...]


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


class Adaptation:
    """Residual weights for the complaint head and the category head, learned one lesson at a
    time."""

    def __init__(self, categories: Sequence[str]) -> None:
        self._categories = tuple(categories)
        self._complaint: dict[str, float] = defaultdict(float)
        self._complaint_squares: dict[str, float] = defaultdict(float)
        self._category: dict[str, array[float]] = {}
        self._category_squares: dict[str, array[float]] = {}
        self._examples: dict[str, list[str]] = defaultdict(list)  # lessons behind a weight
        self._category_examples: dict[str, list[str]] = defaultdict(list)
        self.lessons = 0

    @property
    def active(self) -> bool:
        """Has it seen enough lessons to change anything?"""
        return self.lessons >= MIN_LESSONS

    def evidence(self, found: Mapping[str, float]) -> float:
        """What to add to a message's complaint log-odds (0 until active)."""
        if not self.active:
            return 0.0
        return max(-MAX_SHIFT, min(MAX_SHIFT, self._raw_evidence(found)))

    def category_scores(self, found: Mapping[str, float], base: Sequence[float]) -> list[float]:
        """The model's category scores (in `categories` order), shifted (as they are until
        active)."""
        if not self.active:
            return list(base)
        return self._shifted(_with_bias(found), base)

    def _shifted(self, features: list[tuple[str, float]], base: Sequence[float]) -> list[float]:
        """`base` plus the category weights of `features`."""
        scores = list(base)
        for name, value in features:
            row = self._category.get(name)
            if row is not None:
                for k, weight in enumerate(row):
                    scores[k] += weight * value
        return scores

    def learn(
        self,
        found: Mapping[str, float],
        base_evidence: float,
        base_scores: Sequence[float],
        category: str | None,
        text: str,
        places: Collection[str] = (),
    ) -> None:
        """One lesson: the message's features, the model's own verdict on it, and what a worker
        said it is (`category` None: not a complaint; else its category). `places`: features
        that name a place, which say where, not what — never learned as a category (a gate
        whose card reader keeps failing must not turn its rubbish into security)."""
        self.lessons += 1
        pull = PULL / self.lessons
        features = _learnable(found, text)
        error = _sigmoid(base_evidence + self._raw_evidence(found)) - (category is not None)
        self._complaint_step(features, error, pull)
        for name, _ in features:
            examples = self._examples[name]
            if len(examples) < MAX_EXAMPLES and text not in examples:
                examples.append(text)
        if category in self._categories:
            words = [
                (name, value)
                for name, value in features
                if name.startswith(WORDS) and name not in places
            ]
            self._learn_category(words, base_scores, self._categories.index(category), text)

    def forget(
        self, found: Mapping[str, float], base_evidence: float, was_complaint: bool, text: str
    ) -> None:
        """Take back a lesson's step on the complaint head, for a message a worker now answers
        the other way (withdrawn as no complaint, then restored): a step up the loss of what it
        was said to be, as large as that answer's own — the new answer's step alone is tiny
        wherever the model already agrees with it, and would leave the old one standing. Only
        while the layer still holds the message to the old answer: it stops at undoing."""
        shift = self._raw_evidence(found)
        if (shift >= 0.0) != was_complaint:
            return  # the layer no longer holds it to what it was said to be: nothing to undo
        error = _sigmoid(base_evidence + shift) - was_complaint
        self._complaint_step(_learnable(found, text), -error, PULL / max(1, self.lessons))

    def _complaint_step(self, features: list[tuple[str, float]], error: float, pull: float) -> None:
        """One AdaGrad step of the complaint head down a lesson's loss (`error`: the predicted
        probability less the label; its negative climbs the loss), with the L2 pull to zero."""
        weights, squares = self._complaint, self._complaint_squares
        for name, value in features:
            grad = error * value + pull * weights[name]
            squares[name] += grad * grad
            weights[name] -= STEP * grad / math.sqrt(squares[name] + _STABLE)

    def _learn_category(
        self, features: list[tuple[str, float]], base: Sequence[float], right: int, text: str
    ) -> None:
        """One softmax step towards the right category, over the message's words only: a
        community's own words for a category ("老七" for its lift) carry over to its next
        messages, while a shift of the rules' own evidence ("the lexicon says sanitation") moved
        as many right categories wrong as it put wrong ones right (docs/classifier.md)."""
        scores = self._shifted(features, base)
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        pull = PULL / self.lessons
        size = len(self._categories)
        for name, value in features:
            row = self._category.get(name)
            if row is None:
                row = self._category[name] = array("d", bytes(8 * size))
                self._category_squares[name] = array("d", bytes(8 * size))
            squares = self._category_squares[name]
            examples = self._category_examples[name]
            if len(examples) < MAX_EXAMPLES and text not in examples:
                examples.append(text)
            for k in range(size):
                grad = (exps[k] / total - (k == right)) * value + pull * row[k]
                if grad:
                    squares[k] += grad * grad
                    row[k] -= STEP * grad / math.sqrt(squares[k] + _STABLE)

    def _raw_evidence(self, found: Mapping[str, float]) -> float:
        weights = self._complaint
        return weights.get(BIAS, 0.0) + sum(
            weights.get(name, 0.0) * value for name, value in found.items()
        )

    def state(self) -> dict[str, Any]:
        """Its weights and what they were learned from, as plain values (`restore` makes the
        same layer of them; the weights' floats exactly as they are)."""
        return {
            "categories": list(self._categories),
            "complaint": dict(self._complaint),
            "complaint_squares": dict(self._complaint_squares),
            "category": {name: row.tobytes() for name, row in self._category.items()},
            "category_squares": {k: row.tobytes() for k, row in self._category_squares.items()},
            "examples": dict(self._examples),
            "category_examples": dict(self._category_examples),
            "lessons": self.lessons,
        }

    def restore(self, state: Mapping[str, Any]) -> None:
        """What `state` gave, in place of everything learned so far (ValueError: it was
        learned over other categories)."""
        if tuple(state["categories"]) != self._categories:
            raise ValueError("learned over other categories")
        size = len(self._categories)

        def rows(raw: Mapping[str, bytes]) -> dict[str, array[float]]:
            made = {name: array("d", data) for name, data in raw.items()}
            if any(len(row) != size for row in made.values()):
                raise ValueError("a category row of the wrong size")
            return made

        self._complaint = defaultdict(float, state["complaint"])
        self._complaint_squares = defaultdict(float, state["complaint_squares"])
        self._category = rows(state["category"])
        self._category_squares = rows(state["category_squares"])
        self._examples = defaultdict(list, state["examples"])
        self._category_examples = defaultdict(list, state["category_examples"])
        self.lessons = int(state["lessons"])

    def items(self, limit: int = 20) -> list[AdaptedItem]:
        """The strongest learned weights, for a person: complaint ones and category ones."""
        found: list[AdaptedItem] = []
        for name, weight in self._complaint.items():
            found.append(AdaptedItem(name, "complaint", weight, tuple(self._examples[name])))
        for name, row in self._category.items():
            k = max(range(len(row)), key=row.__getitem__)
            examples = tuple(self._category_examples[name])
            found.append(AdaptedItem(name, self._categories[k], row[k], examples))
        # strongest first; at about the same weight a word says more to a person than a pair
        found.sort(key=lambda i: (-round(abs(i.weight), 2), i.feature.startswith(PAIRS), i.feature))
        return found[:limit]


def _learnable(found: Mapping[str, float], text: str) -> list[tuple[str, float]]:
    """A message's features with the bias, less any of a person's numbers in it (never
    learned, so never taken back either)."""
    private = _private_numbers(text)
    return [(name, value) for name, value in _with_bias(found) if not _personal(name, private)]


def _private_numbers(text: str) -> set[str]:
    """The pieces of a phone or account number in `text` as the segmenter cuts them (typed
    with dashes or spaces: 138 / 1234 / 5678), and its digits run together (13812345678)."""
    flat = unicodedata.normalize("NFKC", text)
    runs = [re.findall(r"\d+", run) for run in _PHONE_LIKE.findall(flat)]
    return {piece for pieces in runs for piece in (*pieces, "".join(pieces))}


def _personal(feature: str, private: Collection[str]) -> bool:
    """A word or a pair of characters out of a phone or account number (`private`, as
    `_private_numbers` found them): a person's, never learned."""
    if feature.startswith(WORDS):
        word = feature[len(WORDS) :]
        return word in private or _PERSONAL.search(word) is not None
    if feature.startswith(PAIRS):
        pair = feature[len(PAIRS) :]
        return any(pair in number for number in private)
    return False


def _with_bias(found: Mapping[str, float]) -> list[tuple[str, float]]:
    return [*found.items(), (BIAS, 1.0)]


_KINDS = (
    ("w:", "word {!r}"),
    ("b:", "characters {!r}"),
    ("h:", "the lexicon's words for {}"),
    ("r:cat:", "the rules' category {}"),
    ("x:complaint:", "the rules' verdict on {}"),
    ("x:score:", "the rules' score on {}"),
    ("d:cat:", "danger the rules found, of {}"),
    ("n:", "a sign of no complaint: {}"),
    ("f:", "a lexicon flag: {}"),
)
_NAMED = {
    BIAS: "every message (this community's leaning)",
    "r:complaint": "the rules' verdict",
    "r:score": "the rules' score",
    "d:found": "danger the rules found",
    "d:cat:None": "danger the rules found, of no one category",
    "h:problem": "the lexicon's words for a problem (坏了, 停水 …)",
    "h:tone": "the lexicon's words of complaint tone (又, 天天 …)",
    "len": "the message's length",
}
_CATEGORY_KINDS = ("h:", "r:cat:", "d:cat:")  # named by a category id
_LENGTH_KINDS = ("x:complaint:", "x:score:")  # named by a length band (`LENGTH_BANDS`)


def _length_band(band: str) -> str:
    """A length band as `features` names it (s, m, l, xl) in characters: s → 1–8."""
    shortest = 1
    for most, name in LENGTH_BANDS:
        if name == band:
            return f"a message of {shortest}–{most} characters"
        shortest = most + 1
    return f"a message of over {LENGTH_BANDS[-1][0]} characters"


def describe_feature(feature: str, names: Mapping[str, str] | None = None) -> str:
    """A feature's name for a person reading `python -m bot learned`: a category by its
    name (`names`: id → Chinese name), a length band in characters."""
    if feature in _NAMED:
        return _NAMED[feature]
    for prefix, shape in _KINDS:
        if feature.startswith(prefix):
            rest = feature[len(prefix) :]
            if prefix in _CATEGORY_KINDS:
                rest = (names or {}).get(rest, rest)
            elif prefix in _LENGTH_KINDS:
                rest = _length_band(rest)
            return shape.format(rest)
    return feature
