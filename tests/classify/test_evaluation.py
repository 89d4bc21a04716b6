"""Pure evaluation metrics on tiny hand-made inputs."""

from __future__ import annotations

import pytest

from bot.classify.evaluation import Example, Prediction, evaluate, format_report, parse_example


def ex(complaint: bool, cat: str | None, urgent: bool = False, loc: str | None = None) -> Example:
    return Example("t", complaint, cat, urgent, loc)


def pr(
    complaint: bool, cat: str | None, urgent: bool = False, loc: str | None = None
) -> Prediction:
    return Prediction(complaint, cat, urgent, loc)


def test_perfect_predictions() -> None:
    gold = [ex(True, "lift", True, "3栋"), ex(False, None), ex(True, "water")]
    pred = [pr(True, "lift", True, "3栋"), pr(False, None), pr(True, "water")]
    report = evaluate(gold, pred, ["lift", "water"])
    assert report.complaint_precision == report.complaint_recall == 1.0
    assert report.category_accuracy == report.category_macro_f1 == 1.0
    assert report.location_exact == report.urgent_recall == 1.0
    assert report.urgent_false_alarms == 0
    assert report.mistakes == ()


def test_precision_recall_and_end_to_end_category() -> None:
    gold = [ex(True, "lift"), ex(True, "water"), ex(False, None), ex(True, "noise")]
    pred = [pr(True, "lift"), pr(False, None), pr(True, "other"), pr(True, "pets")]
    report = evaluate(gold, pred)
    assert (report.complaint_tp, report.complaint_fp, report.complaint_fn) == (2, 1, 1)
    assert report.complaint_precision == pytest.approx(2 / 3)
    assert report.complaint_recall == pytest.approx(2 / 3)
    # the missed complaint counts as a wrong category: 1 right out of 3 gold complaints
    assert report.category_accuracy == pytest.approx(1 / 3)


def test_macro_f1_over_categories() -> None:
    gold = [ex(True, "a"), ex(True, "a"), ex(True, "b")]
    pred = [pr(True, "a"), pr(True, "b"), pr(True, "b")]
    report = evaluate(gold, pred)
    # a: tp1 fp0 fn1 → 2/3; b: tp1 fp1 fn0 → 2/3
    assert report.category_macro_f1 == pytest.approx(2 / 3)


def test_location_counts_only_messages_naming_a_place() -> None:
    gold = [ex(False, None, loc="3栋"), ex(True, "lift", loc="东门"), ex(True, "lift")]
    pred = [pr(False, None, loc="3栋"), pr(True, "lift", loc="东"), pr(True, "lift", loc="x")]
    report = evaluate(gold, pred)
    assert (report.location_correct, report.location_total) == (1, 2)
    assert [m.line for m in report.mistakes] == [2, 3]


def test_urgent_recall_and_false_alarms() -> None:
    gold = [ex(True, "lift", True), ex(True, "lift", True), ex(True, "water")]
    pred = [pr(True, "lift", True), pr(True, "lift"), pr(True, "water", True)]
    report = evaluate(gold, pred)
    assert report.urgent_recall == pytest.approx(0.5)
    assert report.urgent_false_alarms == 1


def test_confusion_matrix_has_none_and_gold_rows() -> None:
    gold = [ex(True, "lift"), ex(False, None), ex(True, "water")]
    pred = [pr(True, "water"), pr(True, "lift"), pr(False, None)]
    report = evaluate(gold, pred, ["lift", "water"])
    assert report.labels == ("lift", "water", "none")
    assert report.confusion == ((0, 1, 0), (0, 0, 1), (1, 0, 0))


def test_empty_inputs_do_not_divide_by_zero() -> None:
    report = evaluate([], [])
    assert report.complaint_precision == report.location_exact == 1.0


def test_lengths_must_match() -> None:
    with pytest.raises(ValueError, match="length"):
        evaluate([ex(True, "lift")], [])


def test_report_text_has_every_section_and_the_wrong_lines() -> None:
    gold = [ex(True, "lift", loc="3栋"), ex(False, None)]
    pred = [pr(True, "water", loc="3栋"), pr(False, None)]
    text = format_report(evaluate(gold, pred, ["lift", "water"]), source="x.jsonl")
    for heading in ("Complaint detection", "precision", "recall", "macro-F1", "Location", "Urgent"):
        assert heading in text
    assert "false alarms" in text and "Confusion matrix" in text
    assert "Wrong lines (1)" in text and "line 1 [category]" in text
    assert "gold: complaint/lift" in text and "got:  complaint/water" in text


@pytest.mark.parametrize(
    ("obj", "message"),
    [
        ([], "object"),
        ({"text": "a"}, "is_complaint"),
        (
            {"text": 1, "is_complaint": True, "category": None, "urgent": False, "location": None},
            "text",
        ),
        (
            {
                "text": "a",
                "is_complaint": "yes",
                "category": None,
                "urgent": False,
                "location": None,
            },
            "bool",
        ),
        (
            {"text": "a", "is_complaint": True, "category": 3, "urgent": False, "location": None},
            "category",
        ),
    ],
)
def test_parse_example_rejects_malformed_lines(obj: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_example(obj)


def test_parse_example_accepts_a_labelled_line() -> None:
    obj = {
        "text": "电梯坏了",
        "is_complaint": True,
        "category": "lift",
        "urgent": False,
        "location": None,
    }
    assert parse_example(obj) == Example("电梯坏了", True, "lift", False, None)
