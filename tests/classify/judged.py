"""What the rounds' tests ask of a verdict, each in one place (tests/classify/test_round*.py)."""

from __future__ import annotations

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
