"""`evaluate --learn`: does what the workers teach make the bot better? Measured on a stream."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from bot.classify.evaluation import Example, Prediction, Report, evaluate
from bot.classify.learning import worker_correction
from bot.classify.verdict import DEFAULT_BAND

if TYPE_CHECKING:
    from bot.classify import Classifier

__all__ = ["LearningReport", "learning_report", "write_learning_report"]


@dataclass(frozen=True)
class LearningReport:
    without: Report
    with_learning: Report
    unsure_rate: float  # of the second half, with what was learned
    lessons: int  # corrections the first half gave
    chatter_public: float  # chatter acknowledged in the group (second half, learned)
    complaints_heard: float  # complaints filed or queued for 研判 (second half, learned)


def _predict(classifier: Classifier, examples: Sequence[Example]) -> list[Prediction]:
    verdicts = (classifier.classify(e.text) for e in examples)
    return [Prediction(v.is_complaint, v.category, v.urgent, v.location) for v in verdicts]


def learning_report(
    classifier: Classifier,
    examples: Sequence[Example],
    band: tuple[float, float] = DEFAULT_BAND,
) -> LearningReport:
    """Replay the stream in order: each message of the first half is classified, then its
    label is given as a worker's correction the way the running bot takes it
    (`worker_correction`: a 研判 answer, /cancel, /new or /category; nothing when the bot was
    right). The second half is then classified without and with what was learned. `band`:
    the 研判 band the bot runs with (what is unsure, what a worker answers)."""
    half = len(examples) // 2
    first, second = examples[:half], examples[half:]
    order = list(classifier.category_names())
    classifier.forget()
    without = evaluate(second, _predict(classifier, second), order)
    lessons = 0
    for example in first:
        verdict = classifier.classify(example.text)
        lesson = worker_correction(
            example.text, verdict, verdict.outcome(band), example.is_complaint, example.category
        )
        if lesson is not None:
            classifier.learn(lesson)
            lessons += 1
    verdicts = [classifier.classify(e.text) for e in second]
    learned = [Prediction(v.is_complaint, v.category, v.urgent, v.location) for v in verdicts]
    outcomes = [v.outcome(band) for v in verdicts]
    chatter = [o for o, e in zip(outcomes, second, strict=True) if not e.is_complaint]
    complaints = [o for o, e in zip(outcomes, second, strict=True) if e.is_complaint]
    return LearningReport(
        without=without,
        with_learning=evaluate(second, learned, order),
        unsure_rate=outcomes.count("unsure") / len(outcomes) if outcomes else 0.0,
        lessons=lessons,
        chatter_public=chatter.count("complaint") / len(chatter) if chatter else 0.0,
        complaints_heard=(
            sum(o != "not_complaint" for o in complaints) / len(complaints) if complaints else 1.0
        ),
    )


def _figures(report: Report) -> dict[str, Any]:
    return {
        "detect_precision": round(report.complaint_precision, 4),
        "detect_recall": round(report.complaint_recall, 4),
        "category_accuracy": round(report.category_accuracy, 4),
        "urgent_recall": round(report.urgent_recall, 4),
    }


def write_learning_report(report: LearningReport, source: str, out: TextIO, as_json: bool) -> None:
    if as_json:
        data = {
            "without": _figures(report.without),
            "with": _figures(report.with_learning),
            "unsure_rate": round(report.unsure_rate, 4),
            "lessons": report.lessons,
            "chatter_public": round(report.chatter_public, 4),
            "complaints_heard": round(report.complaints_heard, 4),
        }
        out.write(json.dumps(data, ensure_ascii=False) + "\n")
        return
    before, after = _figures(report.without), _figures(report.with_learning)
    out.write(f"Learning on {source}: {report.lessons} corrections from the first half\n\n")
    out.write(f"{'second half':<20}{'without':>10}{'with':>10}\n")
    for key in before:
        out.write(f"{key:<20}{before[key]:>10.3f}{after[key]:>10.3f}\n")
    out.write(f"\nunsure (triage)     {report.unsure_rate:>10.3f}\n")
    out.write(f"chatter in public   {report.chatter_public:>10.3f}\n")
    out.write(f"complaints heard    {report.complaints_heard:>10.3f}\n")
