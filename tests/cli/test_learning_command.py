"""`python -m bot evaluate FILE --learn --json`: the learned layer measured on a month of chat."""

from __future__ import annotations

import json

from tests.cli.test_cli import ROOT, run_cli

STREAM = ROOT / "tests" / "data" / "streams" / "stream-c.jsonl"
KEYS = {"detect_precision", "detect_recall", "category_accuracy", "urgent_recall"}


def test_evaluate_learn_reports_the_second_half_without_and_with_what_was_learned():
    result = run_cli("evaluate", str(STREAM), "--learn", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report["without"]) == KEYS == set(report["with"])
    assert 0.0 < report["unsure_rate"] < 0.15 and report["lessons"] > 20
    for key in KEYS:  # what the workers taught never makes it worse by more than a point
        assert report["with"][key] >= report["without"][key] - 0.01, key
    text = run_cli("evaluate", str(STREAM), "--learn")
    assert "corrections from the first half" in text.stdout and "without" in text.stdout


def test_evaluate_learn_measures_the_band_a_community_chooses():
    default = json.loads(run_cli("evaluate", str(STREAM), "--learn", "--json").stdout)
    wide = run_cli("evaluate", str(STREAM), "--learn", "--json", "--band", "-10", "10")
    assert wide.returncode == 0, wide.stderr
    report = json.loads(wide.stdout)
    assert report["unsure_rate"] > default["unsure_rate"] + 0.2  # far more goes to a worker …
    assert report["lessons"] > default["lessons"]  # … who answers it: more lessons
    assert report["chatter_public"] <= default["chatter_public"]  # … less is said in public
    wrong = run_cli("evaluate", str(STREAM), "--learn", "--band", "1", "2")
    assert wrong.returncode == 2 and wrong.stderr.count("\n") == 1 and not wrong.stdout
    assert "--band needs LOW <= 0 <= HIGH" in wrong.stderr
    alone = run_cli("evaluate", str(STREAM), "--band", "-3", "3")  # a band is a stream's
    assert alone.returncode == 2 and "give it with --learn" in alone.stderr


def test_evaluate_json_without_learn_is_refused_not_printed_as_text():
    """`evaluate FILE --json` printed the text report with status 0: a script reading JSON
    from it broke on the first line. --json is the learning report's, as --band is."""
    result = run_cli("evaluate", str(STREAM), "--json")
    assert result.returncode == 2 and not result.stdout, result.stdout[:200]
    assert result.stderr.count("\n") == 1 and "give it with --learn" in result.stderr
