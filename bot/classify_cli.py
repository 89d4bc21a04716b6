"""The classifier's command-line entry points: classify (streaming), evaluate, bench classify."""

from __future__ import annotations

import json
from typing import TextIO

__all__ = ["run_bench_classify", "run_classify", "run_evaluate"]

_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def run_classify(stdin: TextIO, stdout: TextIO) -> int:
    """JSON lines {"text": …} in, one verdict line out per input line, flushed at once."""
    from bot.classify import Classifier

    classifier = Classifier.load()
    decode = json.JSONDecoder().decode
    for number, line in enumerate(stdin, start=1):
        if not line.strip():
            continue
        try:
            obj = decode(line)
            if not isinstance(obj, dict):
                raise ValueError("expected a JSON object")
            text = obj.get("text")
            if not isinstance(text, str):
                raise ValueError('field "text" must be a string')
        except ValueError as exc:
            stdout.write(_ENCODE({"line": number, "error": str(exc)}) + "\n")
            stdout.flush()
            continue
        verdict = classifier.classify(text)
        answer = {
            "text": text,
            "is_complaint": verdict.is_complaint,
            "category": verdict.category,
            "urgent": verdict.urgent,
            "location": verdict.location,
            "keywords": list(verdict.keywords),
        }
        stdout.write(_ENCODE(answer) + "\n")
        stdout.flush()
    return 0


def run_evaluate(path: str, stdout: TextIO) -> int:
    """Classify a labelled JSONL file and print the report; 2 on a bad file."""
    from bot.evaluation import Example, Prediction, evaluate, format_report, parse_example

    examples: list[Example] = []
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    examples.append(parse_example(json.loads(line)))
                except ValueError as exc:  # json.JSONDecodeError is a ValueError
                    stdout.write(f"error: {path}:{number}: {exc}\n")
                    return 2
    except (OSError, UnicodeDecodeError) as exc:
        stdout.write(f"error: cannot read {path}: {exc}\n")
        return 2
    if not examples:
        stdout.write(f"error: {path}: no labelled messages\n")
        return 2

    from bot.classify import Classifier

    classifier = Classifier.load()
    predictions = []
    for example in examples:
        v = classifier.classify(example.text)
        predictions.append(Prediction(v.is_complaint, v.category, v.urgent, v.location))
    order = list(classifier.category_names())
    stdout.write(format_report(evaluate(examples, predictions, order), source=path))
    return 0


def run_bench_classify(messages: int = 20_000, as_json: bool = False, out: TextIO | None = None) -> int:
    """Benchmark `python -m bot classify` against a bare jieba.lcut loop; print the figures."""
    import sys

    from bot.classify_bench import bench_classify, format_bench

    stream = out if out is not None else sys.stdout
    figures = bench_classify(messages)
    stream.write((json.dumps(figures, ensure_ascii=False) if as_json else format_bench(figures)) + "\n")
    return 0
