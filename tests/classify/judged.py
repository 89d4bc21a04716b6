"""What the rounds' tests ask of a verdict, each in one place (tests/classify/test_round*.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from bot.classify import Classifier


def assert_urgent(classifier: Classifier, text: str, category: str) -> None:
    """A danger now: filed as urgent, in `category`."""
    verdict = classifier.classify(text)
    assert verdict.is_complaint and verdict.urgent, (text, verdict)
    assert verdict.category == category, (text, verdict)


def assert_no_alarm(classifier: Classifier, text: str) -> None:
    verdict = classifier.classify(text)
    assert not verdict.urgent, (text, verdict)


def assert_no_complaint(classifier: Classifier, text: str) -> None:
    """Not said in public as a complaint (silent, or put to a worker), and no alarm."""
    verdict = classifier.classify(text)
    assert verdict.outcome() != "complaint" and not verdict.urgent, (text, verdict)


def assert_filed(classifier: Classifier, text: str, category: str | None = None) -> None:
    """A complaint, filed at once (in `category`, when one is given)."""
    verdict = classifier.classify(text)
    assert verdict.outcome() == "complaint", (text, verdict)
    assert category is None or verdict.category == category, (text, verdict)


def assert_heard(classifier: Classifier, text: str) -> None:
    """Filed or put to a worker: never dropped in silence."""
    verdict = classifier.classify(text)
    assert verdict.outcome() != "not_complaint" and verdict.is_complaint, (text, verdict)


RoundTest = Callable[..., None]


def round_tests(
    urgent: Sequence[tuple[str, str]],
    not_complaints: Sequence[str],
    filed: Sequence[tuple[str, str | None]],
    *,
    filed_without_alarm: bool = True,
) -> tuple[RoundTest, RoundTest, RoundTest]:
    """A round's three tests over its sentences — danger urgent in its category, look-alikes no
    complaint, complaints filed in theirs (and raising no alarm) — for the module to name
    `test_danger_is_urgent, test_no_complaint_here, test_filed_in_its_category`."""

    @pytest.mark.parametrize(("text", "category"), urgent)
    def danger_is_urgent(classifier: Classifier, text: str, category: str) -> None:
        assert_urgent(classifier, text, category)

    @pytest.mark.parametrize("text", not_complaints)
    def no_complaint_here(classifier: Classifier, text: str) -> None:
        assert_no_complaint(classifier, text)

    @pytest.mark.parametrize(("text", "category"), filed)
    def filed_in_its_category(classifier: Classifier, text: str, category: str | None) -> None:
        assert_filed(classifier, text, category)
        if filed_without_alarm:
            assert_no_alarm(classifier, text)

    return danger_is_urgent, no_complaint_here, filed_in_its_category


def no_alarm_test(look_alikes: Sequence[str]) -> RoundTest:
    """A round's look-alikes that may be complaints but raise no alarm, for the module to name
    `test_look_alikes_raise_no_alarm`."""

    @pytest.mark.parametrize("text", look_alikes)
    def look_alikes_raise_no_alarm(classifier: Classifier, text: str) -> None:
        assert_no_alarm(classifier, text)

    return look_alikes_raise_no_alarm
