"""The classifier's command-line entry points: classify (streaming), evaluate, bench classify."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING, TextIO

import orjson

if TYPE_CHECKING:
    from bot.classify import Classifier

__all__ = ["classify", "evaluate", "run_classify", "run_evaluate"]

_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
_STR = json.encoder.encode_basestring  # a JSON string literal, non-ASCII kept
_CHUNK = 1 << 16  # bytes read from standard input at a time
# Brackets in a line up to which orjson reads it: orjson's nesting limit (1,024) is above the
# json module's (the recursion limit, about 1,000), and a line json finds too deep must stay so.
_ORJSON_BRACKETS = 500
# What a line of `evaluate`'s file looks like, said with every line refused
_LABELLED = (
    'each line is one labelled message, e.g. {"text": "…", "is_complaint": true, '
    '"category": "lift", "urgent": false, "location": null}'
)


def _read(line: str | bytes) -> object:
    """The line's JSON value, as `json.loads` gives it (or its very error).

    orjson reads a line about four times faster, and whatever it reads json reads the same (but
    an integer beyond 64 bits, which orjson makes a float: only "text", a string, matters
    here). It is the stricter of the two (no NaN, no lone surrogates, no BOM, strict UTF-8);
    whatever it refuses goes to json, which reads it or words the error as it always did.
    """
    if isinstance(line, bytes) and line.count(b"[") + line.count(b"{") <= _ORJSON_BRACKETS:
        try:
            return orjson.loads(line)
        except orjson.JSONDecodeError:
            pass
    return json.loads(line)


def _answer(classifier: Classifier, line: str | bytes, number: int) -> str:
    """The output line (with newline) for one input line."""
    try:
        obj = _read(line)
        if not isinstance(obj, dict):
            raise ValueError("expected a JSON object")
        text = obj.get("text")
        if not isinstance(text, str):
            raise ValueError('field "text" must be a string')
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        error = f'{exc} (each line must be a JSON object such as {{"text": "..."}})'
        return _ENCODE({"line": number, "error": error}) + "\n"
    except RecursionError:
        return _ENCODE({"line": number, "error": "JSON nested too deeply"}) + "\n"
    v = classifier.classify(text)
    # Same as json.dumps(…, ensure_ascii=False) of the answer dict, built directly (hot path).
    return (
        f'{{"text": {_STR(text)}, "is_complaint": {"true" if v.is_complaint else "false"}, '
        f'"category": {_STR(v.category) if v.category is not None else "null"}, '
        f'"urgent": {"true" if v.urgent else "false"}, '
        f'"location": {_STR(v.location) if v.location is not None else "null"}, '
        f'"keywords": [{", ".join(map(_STR, v.keywords))}], "outcome": "{v.outcome()}"}}\n'
    )


def run_classify(stdin: TextIO, stdout: TextIO) -> int:
    """JSON lines {"text": …} in, one verdict line out per input line, in order, streamed.

    Input is read in chunks of whatever is available; the answers to a chunk are written and
    flushed together as soon as the chunk is done (the very first answer at once), so answers
    come out long before the input ends and a line typed alone is answered alone.
    """
    from bot.classify import Classifier

    classifier = Classifier.load()
    try:
        fd = stdin.fileno()
        sink = stdout.buffer
    except (AttributeError, OSError, ValueError):
        fd, sink = -1, None
    if fd < 0 or sink is None:  # e.g. StringIO in tests: plain line by line
        for number, line in enumerate(stdin, start=1):
            if line.strip():
                stdout.write(_answer(classifier, line, number))
                stdout.flush()
        return 0
    stdout.flush()
    pending = b""
    number = 0
    first = True
    while True:
        chunk = os.read(fd, _CHUNK)
        if not chunk:
            break
        lines = (pending + chunk).split(b"\n")
        pending = lines.pop()
        answers: list[str] = []
        for raw in lines:
            number += 1
            if raw.strip():
                answers.append(_answer(classifier, raw, number))
                if first:  # the first answer goes out at once
                    sink.write(answers.pop().encode("utf-8", "backslashreplace"))
                    sink.flush()
                    first = False
        if answers:
            sink.write("".join(answers).encode("utf-8", "backslashreplace"))
            sink.flush()
    if pending.strip():
        sink.write(_answer(classifier, pending, number + 1).encode("utf-8", "backslashreplace"))
        sink.flush()
    return 0


def run_evaluate(
    path: str,
    stdout: TextIO,
    *,
    learn: bool = False,
    as_json: bool = False,
    band: tuple[float, float] | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Classify a labelled JSONL file and print the report; 2 on a bad file. With `learn`,
    the file is a stream: see `bot.cli.learning` (`band`: the 研判 band, the default's if
    None). Errors go to `stderr` (by default with the report)."""
    errors = stderr or stdout
    if band is not None and not learn:
        errors.write("error: --band is the unsure band of a stream: give it with --learn\n")
        return 2
    if as_json and not learn:
        errors.write("error: --json is the learning report's form: give it with --learn\n")
        return 2
    from bot.classify.evaluation import Example, Prediction, evaluate, format_report, parse_example

    examples: list[Example] = []
    lines: list[int] = []  # each example's line in the file
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    examples.append(parse_example(json.loads(line)))
                    lines.append(number)
                except json.JSONDecodeError as exc:
                    errors.write(
                        f"error: {path}:{number}: not valid JSON ({exc.msg}, column "
                        f"{exc.colno}); {_LABELLED}\n"
                    )
                    return 2
                except ValueError as exc:
                    errors.write(f"error: {path}:{number}: {exc}; {_LABELLED}\n")
                    return 2
    except UnicodeDecodeError:
        errors.write(f"error: cannot read {path}: not UTF-8 text; save it as UTF-8\n")
        return 2
    except OSError as exc:
        errors.write(f"error: cannot read {path}: {_unreadable(exc)}\n")
        return 2
    if not examples:
        errors.write(f"error: {path}: no labelled messages\n")
        return 2

    from bot.classify import DEFAULT_BAND, Classifier

    if band is None:
        band = DEFAULT_BAND
    elif not -10 <= band[0] <= 0 <= band[1] <= 10:
        errors.write(
            f"error: --band needs LOW <= 0 <= HIGH within -10..10, got {band[0]} {band[1]}\n"
        )
        return 2
    classifier = Classifier.load(guess_from=band[0])
    known = list(classifier.category_names())
    seen: set[str | None] = {None, *known}  # an unknown one is warned of once (a typo?)
    for number, example in zip(lines, examples, strict=True):
        if example.category not in seen:
            seen.add(example.category)
            errors.write(
                f"warning: {path}:{number}: category {example.category!r} is none of the "
                f"classifier's: {', '.join(known)} (or null for no complaint); measured as a "
                "wrong category\n"
            )
    if learn:
        from bot.cli.learning import learning_report, write_learning_report

        report = learning_report(classifier, examples, band)
        write_learning_report(report, path, stdout, as_json)
        return 0
    predictions = []
    for example in examples:
        v = classifier.classify(example.text)
        predictions.append(Prediction(v.is_complaint, v.category, v.urgent, v.location))
    stdout.write(format_report(evaluate(examples, predictions, known), source=path))
    return 0


def _unreadable(exc: OSError) -> str:
    """Why a file cannot be read, in an operator's words."""
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "a folder; give the labelled JSON lines file"
    return exc.strerror or str(exc)


def classify(args: argparse.Namespace) -> int:
    """`python -m bot classify`: JSON lines on standard input, verdicts on standard output."""
    if args.file is not None:  # as `evaluate FILE`: the file goes to standard input instead
        print(
            "classify reads JSON lines on standard input, not from a file named after it: "
            f"python -m bot classify < {args.file}",
            file=sys.stderr,
        )
        return 2
    return run_classify(sys.stdin, sys.stdout)


def evaluate(args: argparse.Namespace) -> int:
    """`python -m bot evaluate FILE`: the classifier measured on labelled messages."""
    band = tuple(args.band) if args.band is not None else None
    return run_evaluate(
        args.file, sys.stdout, learn=args.learn, as_json=args.json, band=band, stderr=sys.stderr
    )
