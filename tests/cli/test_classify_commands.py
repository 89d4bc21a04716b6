"""The classifier's command line: streaming `classify`, `evaluate`, the bench's generator."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import bot.cli.classify
from bot.classify import Classifier
from bot.cli.classify import _answer, run_classify, run_evaluate
from bot.devtools.bench.classify import format_bench, generate_messages

DATA = Path(__file__).parents[1] / "data"
KEYS = {"text", "is_complaint", "category", "urgent", "location", "keywords", "outcome"}


def _readline(stream: io.BufferedReader, timeout: float) -> bytes:
    """One line from a pipe, or b"" if none arrives in time."""
    box: list[bytes] = []
    reader = threading.Thread(target=lambda: box.append(stream.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    return box[0] if box else b""


def test_classify_streams_answers_before_input_ends() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "classify"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        proc.stdin.write('{"text": "3栋电梯又坏了"}\n'.encode())
        proc.stdin.flush()
        first = _readline(proc.stdout, timeout=60)  # stdin is still open
        assert first, "no answer while the input was still open"
        answer = json.loads(first)
        assert set(answer) == KEYS
        assert answer["category"] == "lift" and answer["location"] == "3栋"

        proc.stdin.write(
            '{"text": "谢谢物业", "id": 7}\nnot json\n{"text": "停水了！！"}\n'.encode()
        )
        proc.stdin.close()
        rest = [json.loads(line) for line in proc.stdout.read().decode().splitlines()]
    finally:
        proc.kill() if proc.poll() is None else None
        proc.wait(timeout=30)
    assert proc.returncode == 0
    assert [r.get("text") for r in rest] == ["谢谢物业", None, "停水了！！"]  # same order
    assert rest[0]["is_complaint"] is False
    assert rest[1]["line"] == 3 and '{"text": "..."}' in rest[1]["error"]  # how to fix it
    assert rest[2]["category"] == "water"
    assert proc.stderr is not None and b"Building prefix dict" not in proc.stderr.read()


@pytest.mark.parametrize(
    "line",
    [
        b'{"text": "\xe7\x94\xb5\xe6\xa2\xaf\\u574f\\u4e86 \\ud83d\\ude00"}',
        b'{"text": "a", "text": "b"}',  # the last one, as json.loads
        b'{"text": "\\ud800"}',  # a lone surrogate: orjson refuses, json reads it
        b'\xef\xbb\xbf{"text": "bom"}',
        b'{"text": "x", "n": NaN}',
        b'{"text": 1e400}',
        b'{"text": "x", "n": 123456789012345678901234567890}',
        b'{"text": "\xed\xa0\x80"}',  # a surrogate in UTF-8 bytes
        b'{"text": "\xff"}',
        b'{"text": "\x01"}',
        b'{"text": "x"} trailing',
        b'{"text": "x"}\r',
        b"[1, 2]",
        b"",
        b'{"a": ' + b"[" * 600 + b"]" * 600 + b', "text": "deep"}',
        b'{"a": ' + b"[" * 1100 + b"]" * 1100 + b', "text": "deeper"}',
    ],
)
def test_lines_are_answered_as_when_the_json_module_read_them(
    classifier: Classifier, line: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`classify` reads lines with orjson when it can: the same answers, the same errors."""
    fast = _answer(classifier, line, 7)
    monkeypatch.setattr(bot.cli.classify, "_read", json.loads)
    assert fast == _answer(classifier, line, 7)


def test_classify_in_process_with_text_streams() -> None:
    out = io.StringIO()
    lines = '{"text": "东门道闸坏了"}\n\n[1, 2]\n{"text": null}\n{"text": "早上好"}\n'
    assert run_classify(io.StringIO(lines), out) == 0
    answers = [json.loads(line) for line in out.getvalue().splitlines()]
    assert answers[0]["category"] == "parking" and answers[0]["location"] == "东门"
    assert "error" in answers[1] and "error" in answers[2]
    assert answers[3]["is_complaint"] is False
    assert len(answers) == 4  # the blank line is skipped


def test_evaluate_prints_every_section() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "evaluate", str(DATA / "messages-team.jsonl")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    text = result.stdout
    for section in (
        "Complaint detection",
        "precision",
        "recall",
        "accuracy (end to end)",
        "macro-F1",
        "exact match",
        "Urgent",
        "false alarms",
        "Confusion matrix (rows: gold, columns: predicted)",
        "Wrong lines",
    ):
        assert section in text, section


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (None, "cannot read"),
        ("not json\n", ":1:"),
        ('{"text": "a"}\n', "missing field"),
        ("", "no labelled messages"),
    ],
)
def test_evaluate_bad_file(tmp_path: Path, content: str | None, needle: str) -> None:
    path = tmp_path / "labels.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    out = io.StringIO()
    assert run_evaluate(str(path), out) == 2
    lines = out.getvalue().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and needle in lines[0]


def test_bench_generator_is_deterministic_and_varied() -> None:
    first = generate_messages(500)
    assert first == generate_messages(500)
    assert len(set(first)) > 300
    assert all(0 < len(m) < 60 for m in first)


def test_bench_table_and_targets() -> None:
    figures = {
        "messages": 10,
        "repeats": 1,
        "classify_wall_s": 1.2,
        "classify_msgs_per_s": 8.3,
        "baseline_wall_s": 1.0,
        "baseline_msgs_per_s": 10.0,
        "ratio": 1.2,
        "ratio_target": 1.5,
        "startup_to_first_s": 0.7,
        "startup_target_s": 1.5,
        "baseline_startup_to_first_s": 0.8,
        "classify_peak_rss_mb": 90.0,
        "baseline_peak_rss_mb": 88.0,
        "classify_lines": 10,
    }
    table = format_bench(figures)
    assert "ratio classify/baseline: 1.20" in table and "OVER" not in table
    assert "peak RSS (MB)" in table
