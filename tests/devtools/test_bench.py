"""The benchmark command's plumbing on tiny sizes (figures are read by people, not asserted)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.devtools.bench.ingest import complaint_texts
from bot.devtools.bench.main import _format_ingest


def test_storage_bench_prints_a_table_and_json(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setenv("YUANZI_BENCH_CACHE", str(tmp_path))
    args = ["bench", "storage", "--sizes", "300,600", "--samples", "3", "--import-rows", "200"]
    assert main(args) == 0
    table = capsys.readouterr().out
    assert "digest ms" in table and "600" in table and "database rows/s" in table
    assert sorted(p.name for p in tmp_path.glob("district-*.sqlite3")) == [
        "district-300-1000-v2.sqlite3",
        "district-600-1000-v2.sqlite3",
    ]  # made once, kept for the next run
    assert main([*args, "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["import"]["tickets"] == 200 and figures["import"]["db_rows"] > 200
    assert figures["sizes"]["600"]["export_month"]["rows"] > 0
    assert set(figures["sizes"]["300"]) >= {"digest", "list", "ticket", "digest_baseline"}


def test_bench_refuses_bad_sizes(capsys):
    with pytest.raises(SystemExit):
        main(["bench", "storage", "--sizes", "lots"])
    assert "expected sizes like" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["ingest", "--groups", "0"], "--groups: expected at least 1, got 0"),
        (["storage", "--samples", "0"], "--samples: expected at least 1, got 0"),
        (["classify", "--messages", "-5"], "--messages: expected at least 1, got -5"),
        (["engines", "--size", "lots"], "--size: expected a whole number"),
    ],
)
def test_bench_refuses_counts_that_measure_nothing(capsys, args: list[str], said: str):
    with pytest.raises(SystemExit):
        main(["bench", *args])
    assert said in capsys.readouterr().err


def test_bench_engines_names_a_bad_or_unreachable_server_in_one_line():
    with pytest.raises(SystemExit) as bad:
        main(["bench", "engines", "--postgres", "notaurl"])
    assert "give --postgres URL" in str(bad.value.code)
    with pytest.raises(SystemExit) as away:
        main(["bench", "engines", "--postgres", "postgresql://u:secretpw@127.0.0.1:9/x"])
    assert "unreachable" in str(away.value.code) and "secretpw" not in str(away.value.code)


def test_ingest_table_marks_what_misses_its_target():
    figures = {
        "messages": 100.0, "groups": 2.0, "ingest_seconds": 3.0, "filed_seconds": 1.0,
        "echo_seconds": 2.0, "ratio_to_echo": 1.5, "limit_hits_429": 0.0, "bot_messages": 9.0,
        "echo_messages": 100.0, "reports": 100.0, "tickets": 100.0, "startup_seconds": 1.0,
        "rss_idle_mb": 100.0, "rss_peak_mb": 160.0,
    }  # fmt: skip
    table = _format_ingest(figures)
    assert "sooner than echo: OVER TARGET" in table and "< 150: OVER TARGET" in table
    assert "every message in a ticket: ok" in table


def test_every_ingest_complaint_is_one_the_classifier_files(classifier):
    """The ingest bench counts on each message becoming a ticket: none may read as chatter."""
    texts = complaint_texts(2000)
    assert len(set(texts)) == 2000
    assert all(classifier.classify(text).is_complaint for text in texts)


def test_learning_bench_prints_the_three_starts(capsys):
    """`bench learning`: every lesson learned again (each start before the state was kept),
    the first start keeping it, and a later start learning from it (QA round 31)."""
    assert main(["bench", "learning", "--lessons", "600"]) == 0
    table = capsys.readouterr().out
    assert "600 lessons" in table and "the kept state and the 6 lessons since" in table
    assert main(["bench", "learning", "--lessons", "600", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["learned_at_later_start"] == 606 and figures["kept_state_mb"] > 0
