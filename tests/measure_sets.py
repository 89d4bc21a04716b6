"""Measure the classifier on every labelled set in tests/data (and its streams).

    python -m tests.measure_sets --save before.json        # record
    python -m tests.measure_sets --compare before.json     # before/after table
    python -m tests.measure_sets --learn ...                # also replay the streams (--learn)

A developer tool: it reads the sets, never writes under tests/.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.classify import Classifier
from bot.classify.evaluation import Prediction, evaluate, parse_example

DATA = Path(__file__).resolve().parent / "data"
FIELDS = ("P", "R", "cat", "loc", "urg", "FA")


def measure(classifier: Classifier, path: Path) -> dict[str, float]:
    lines = path.read_text(encoding="utf-8").splitlines()
    examples = [parse_example(json.loads(line)) for line in lines if line.strip()]
    predictions = []
    for example in examples:
        v = classifier.classify(example.text)
        predictions.append(Prediction(v.is_complaint, v.category, v.urgent, v.location))
    r = evaluate(examples, predictions, list(classifier.category_names()))
    return {
        "n": r.total,
        "P": round(r.complaint_precision, 3),
        "R": round(r.complaint_recall, 3),
        "cat": round(r.category_accuracy, 3),
        "loc": round(r.location_exact, 3),
        "urg": r.urgent_hit,
        "urg_total": r.urgent_total,
        "FA": r.urgent_false_alarms,
    }


def learn_stream(path: Path) -> dict[str, float]:
    from bot.cli.learning import learning_report

    lines = path.read_text(encoding="utf-8").splitlines()
    examples = [parse_example(json.loads(line)) for line in lines if line.strip()]
    rep = learning_report(Classifier.load(), examples)
    return {"chatter_public": round(rep.chatter_public, 4), "heard": round(rep.complaints_heard, 4)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--save")
    parser.add_argument("--compare")
    parser.add_argument("--learn", action="store_true")
    args = parser.parse_args()
    classifier = Classifier.load()
    files = sorted(DATA.glob("*.jsonl")) + sorted((DATA / "streams").glob("*.jsonl"))
    now: dict[str, dict[str, float]] = {}
    for path in files:
        now[path.stem] = measure(classifier, path)
        if args.learn and path.parent.name == "streams":
            now[path.stem].update(learn_stream(path))
    before = json.loads(Path(args.compare).read_text()) if args.compare else {}
    out = sys.stdout
    out.write(f"{'set':22}" + "".join(f"{f:>15}" for f in FIELDS) + "\n")
    for name, row in now.items():
        old = before.get(name, {})
        cells = []
        for f in FIELDS:
            val = row[f]
            if f == "urg":
                cell = f"{val}/{row['urg_total']}"
                prev = f"{old.get(f)}/{row['urg_total']}" if old else cell
            else:
                cell = f"{val}"
                prev = f"{old.get(f)}" if old else cell
            text = cell if prev == cell else f"{prev}>{cell}"
            flag = ""
            if old and f in ("P", "R", "cat", "urg") and row[f] < old.get(f, 0):
                flag = "!"
            if old and f == "FA" and row[f] > old.get(f, 0):
                flag = "!"
            cells.append(f"{flag + text:>15}")
        extra = ""
        if "chatter_public" in row:
            extra = f"  public {old.get('chatter_public', '-')}>{row['chatter_public']}"
        out.write(f"{name[:22]:22}" + "".join(cells) + extra + "\n")
    if args.save:
        Path(args.save).write_text(json.dumps(now, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
