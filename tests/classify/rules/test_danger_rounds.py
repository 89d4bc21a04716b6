"""Danger rounds 11–16: each round's sentences (my own, none taken from a data set) live in
`danger_round<N>.py` with the look-alikes that must not raise an alarm; they are checked here."""

from __future__ import annotations

import pytest

from bot.classify import Classifier
from tests.classify.rules import (
    danger_round11,
    danger_round12,
    danger_round13,
    danger_round14,
    danger_round15,
    danger_round16,
)

ROUNDS = {
    11: danger_round11,
    12: danger_round12,
    13: danger_round13,
    14: danger_round14,
    15: danger_round15,
    16: danger_round16,
}
DANGER_NOW = [
    pytest.param(text, category, id=f"round{n}-{i}")
    for n, module in ROUNDS.items()
    for i, (text, category) in enumerate(module.DANGER_NOW)
]
NO_ALARM = [
    pytest.param(text, id=f"round{n}-{i}")
    for n, module in ROUNDS.items()
    for i, text in enumerate(module.NO_ALARM)
]


@pytest.mark.parametrize(("text", "category"), DANGER_NOW)
def test_danger_now(classifier: Classifier, text: str, category: str | None) -> None:
    verdict = classifier.classify(text)
    assert verdict.is_complaint and verdict.urgent, verdict
    assert category is None or verdict.category == category, verdict


@pytest.mark.parametrize("text", NO_ALARM)
def test_no_alarm(classifier: Classifier, text: str) -> None:
    assert not classifier.classify(text).urgent, text
