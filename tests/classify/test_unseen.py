"""The honest measures, re-run by every CI: the model as shipped, trained again without the sets
it is then measured on (blind14 and the month of chat stream-j). One test, so that the training
(a minute of CPU) is done once: xdist would send two tests to two workers that train twice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.classify import Classifier
from bot.classify.evaluation import parse_example
from bot.cli.learning import learning_report
from bot.devtools.train import HELD_OUT, load_sets, measure, train

UNSEEN = ("blind14", "stream-j")
# scikit-learn's tol for this training: the shipped 1e-6 takes three times as long and gives
# the same blind14 figures (recall 0.963 against 0.965) and learning on stream-j (32 → 22
# against 32 → 23), December 2026
TOLERANCE = 1e-4
STREAM_J = Path(__file__).parents[1] / "data" / "streams" / "stream-j.jsonl"


@pytest.mark.slow
def test_a_model_trained_without_them_generalises_to_blind14_and_learns_on_stream_j() -> None:
    examples = load_sets(Classifier.load(model=False), held_out=HELD_OUT)
    assert {e.family for e in examples} >= set(UNSEEN)
    model = train([e for e in examples if e.family not in UNSEEN], tolerance=TOLERANCE)

    # blind14's floors: its first run (docs/classifier.md, "The model") less a margin for the
    # drift the training data brings since
    report = measure(model, "blind14", examples)
    assert report["n"] == 420
    assert report["precision"] >= 0.93 and report["recall"] >= 0.93
    assert report["category"] >= 0.78
    assert report["urgent_recall"] >= 0.88
    assert report["false_alarms"] <= 0.03 * report["others"]

    # `evaluate --learn` on stream-j (docs/classifier.md, "Learning"): first run 39 → 28; the
    # models since make fewer errors before any lesson (32 → 23 in December 2026, false
    # complaints 21 → 5), which leaves less for the lessons to cut
    lines = STREAM_J.read_text(encoding="utf-8").splitlines()
    stream = [parse_example(json.loads(line)) for line in lines if line.strip()]
    learned = learning_report(Classifier.load(model=model), stream)
    before, after = learned.without, learned.with_learning

    def errors(r):
        return r.complaint_fp + r.complaint_fn + r.gold_complaints - r.category_correct

    assert errors(after) <= 0.9 * errors(before)
    assert after.complaint_fp < before.complaint_fp
    assert after.urgent_recall >= before.urgent_recall
