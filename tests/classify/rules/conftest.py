"""The rules layer's own tests: the sentences here pin down what the rules find (danger, scenes,
signs of a non-complaint), whose verdict and evidence the shipped model then weighs. The whole
classifier, model included, is measured by tests/classify/test_model.py and the labelled sets."""

from __future__ import annotations

import pytest

from bot.classify import Classifier


@pytest.fixture(scope="session")
def classifier() -> Classifier:
    return Classifier.load(model=False)
