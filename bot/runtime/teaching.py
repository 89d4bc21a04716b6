"""A worker's decision, taught to the running classifier at once."""

from __future__ import annotations

from bot.core.lessons import Lesson
from bot.runtime.services import Services

__all__ = ["teach"]


def teach(services: Services, lesson: Lesson) -> None:
    """A worker's decision teaches the running classifier at once (storage keeps it too)."""
    if services.config.classify.learn:
        services.classifier.learn(lesson)
