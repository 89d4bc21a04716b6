"""Pure metrics for the complaint classifier and their text report (no I/O, no classifier)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = [
    "NONE",
    "Example",
    "Mistake",
    "Prediction",
    "Report",
    "evaluate",
    "format_report",
    "parse_example",
]

NONE = "none"  # the label of a non-complaint in the confusion matrix


@dataclass(frozen=True)
class Example:
    """One labelled message."""

    text: str
    is_complaint: bool
    category: str | None
    urgent: bool
    location: str | None

    @property
    def label(self) -> str:
        return (self.category or "other") if self.is_complaint else NONE


@dataclass(frozen=True)
class Prediction:
    """What the classifier said about one message."""

    is_complaint: bool
    category: str | None
    urgent: bool
    location: str | None

    @property
    def label(self) -> str:
        return (self.category or "other") if self.is_complaint else NONE


@dataclass(frozen=True)
class Mistake:
    """A message where at least one field differs (1-based line number in the file)."""

    line: int
    gold: Example
    predicted: Prediction
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    """All figures of one evaluation."""

    total: int
    complaint_tp: int
    complaint_fp: int
    complaint_fn: int
    category_correct: int
    gold_complaints: int
    category_macro_f1: float
    location_correct: int
    location_total: int
    urgent_hit: int
    urgent_total: int
    urgent_false_alarms: int
    labels: tuple[str, ...]
    confusion: tuple[tuple[int, ...], ...]  # confusion[gold index][predicted index]
    mistakes: tuple[Mistake, ...]

    @property
    def complaint_precision(self) -> float:
        return _ratio(self.complaint_tp, self.complaint_tp + self.complaint_fp)

    @property
    def complaint_recall(self) -> float:
        return _ratio(self.complaint_tp, self.complaint_tp + self.complaint_fn)

    @property
    def category_accuracy(self) -> float:
        return _ratio(self.category_correct, self.gold_complaints)

    @property
    def location_exact(self) -> float:
        return _ratio(self.location_correct, self.location_total)

    @property
    def urgent_recall(self) -> float:
        return _ratio(self.urgent_hit, self.urgent_total)


def _ratio(num: int, den: int) -> float:
    """num/den, and 1.0 when there is nothing to count."""
    return num / den if den else 1.0


def _need(obj: Mapping[str, object], key: str, kinds: tuple[type, ...]) -> object:
    if key not in obj:
        raise ValueError(f"missing field {key!r}")
    value = obj[key]
    if not isinstance(value, kinds) or (bool not in kinds and isinstance(value, bool)):
        names = " or ".join("null" if k is type(None) else k.__name__ for k in kinds)
        raise ValueError(f"field {key!r} must be {names}")
    return value


def parse_example(obj: object) -> Example:
    """A labelled example from one decoded JSON line; ValueError when malformed."""
    if not isinstance(obj, Mapping):
        raise ValueError("a line must be a JSON object")
    text = _need(obj, "text", (str,))
    is_complaint = _need(obj, "is_complaint", (bool,))
    category = _need(obj, "category", (str, type(None)))
    urgent = _need(obj, "urgent", (bool,))
    location = _need(obj, "location", (str, type(None)))
    return Example(str(text), bool(is_complaint), category, bool(urgent), location)  # type: ignore[arg-type]


def _macro_f1(pairs: Sequence[tuple[str, str]], labels: Sequence[str]) -> float:
    scores: list[float] = []
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        if tp + fp + fn:
            scores.append(2 * tp / (2 * tp + fp + fn))
    return sum(scores) / len(scores) if scores else 1.0


def evaluate(
    examples: Sequence[Example],
    predictions: Sequence[Prediction],
    categories: Sequence[str] = (),
) -> Report:
    """Compare predictions with gold labels; `categories` fixes the confusion-matrix order."""
    if len(examples) != len(predictions):
        raise ValueError("examples and predictions differ in length")
    pairs = [(g.label, p.label) for g, p in zip(examples, predictions, strict=True)]
    seen = {label for pair in pairs for label in pair if label != NONE}
    labels = [c for c in categories if c in seen] + sorted(seen - set(categories)) + [NONE]
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    tp = fp = fn = cat_ok = gold_c = loc_ok = loc_n = urg_hit = urg_n = urg_fa = 0
    mistakes: list[Mistake] = []
    for line, (gold, pred) in enumerate(zip(examples, predictions, strict=True), start=1):
        matrix[index[gold.label]][index[pred.label]] += 1
        tp += gold.is_complaint and pred.is_complaint
        fp += pred.is_complaint and not gold.is_complaint
        fn += gold.is_complaint and not pred.is_complaint
        if gold.is_complaint:
            gold_c += 1
            cat_ok += pred.is_complaint and pred.label == gold.label
        if gold.location is not None:
            loc_n += 1
            loc_ok += pred.location == gold.location
        if gold.urgent:
            urg_n += 1
            urg_hit += pred.urgent
        elif pred.urgent:
            urg_fa += 1
        wrong = tuple(
            name
            for name, bad in (
                ("is_complaint", gold.is_complaint != pred.is_complaint),
                ("category", gold.label != pred.label and gold.is_complaint == pred.is_complaint),
                ("urgent", gold.urgent != pred.urgent),
                ("location", gold.location != pred.location),
            )
            if bad
        )
        if wrong:
            mistakes.append(Mistake(line, gold, pred, wrong))
    category_labels = [label for label in labels if label != NONE]
    return Report(
        total=len(examples),
        complaint_tp=tp,
        complaint_fp=fp,
        complaint_fn=fn,
        category_correct=cat_ok,
        gold_complaints=gold_c,
        category_macro_f1=_macro_f1(pairs, category_labels),
        location_correct=loc_ok,
        location_total=loc_n,
        urgent_hit=urg_hit,
        urgent_total=urg_n,
        urgent_false_alarms=urg_fa,
        labels=tuple(labels),
        confusion=tuple(tuple(row) for row in matrix),
        mistakes=tuple(mistakes),
    )


def _short_names(labels: Sequence[str]) -> list[str]:
    """Unique column heads of at most 4 characters ("property_service" → "prop")."""
    out: list[str] = []
    for label in labels:
        name = label[:4]
        n = 2
        while name in out:
            name = f"{label[:3]}{n}"
            n += 1
        out.append(name)
    return out


def _describe(is_complaint: bool, category: str | None, urgent: bool, loc: str | None) -> str:
    what = f"complaint/{category}" if is_complaint else "not a complaint"
    return f"{what}{' URGENT' if urgent else ''}, location={loc if loc is not None else '-'}"


def format_report(report: Report, source: str = "") -> str:
    """The human-readable report printed by `python -m bot evaluate`."""
    r = report
    lines = [f"Evaluated {r.total} messages{f' from {source}' if source else ''}", ""]
    predicted = r.complaint_tp + r.complaint_fp
    gold = r.complaint_tp + r.complaint_fn
    lines.append("Complaint detection")
    lines.append(f"  precision  {r.complaint_precision:.3f}  ({r.complaint_tp}/{predicted})")
    lines.append(f"  recall     {r.complaint_recall:.3f}  ({r.complaint_tp}/{gold})")
    lines.append("Category")
    lines.append(
        f"  accuracy (end to end)  {r.category_accuracy:.3f}"
        f"  ({r.category_correct}/{r.gold_complaints})"
    )
    lines.append(f"  macro-F1               {r.category_macro_f1:.3f}")
    lines.append("Location")
    lines.append(
        f"  exact match  {r.location_exact:.3f}"
        f"  ({r.location_correct}/{r.location_total} messages naming a place)"
    )
    lines.append("Urgent")
    lines.append(f"  recall        {r.urgent_recall:.3f}  ({r.urgent_hit}/{r.urgent_total})")
    lines.append(f"  false alarms  {r.urgent_false_alarms}")
    lines.append("")
    heads = _short_names(r.labels)
    width = max(len(label) for label in r.labels)
    lines.append("Confusion matrix (rows: gold, columns: predicted)")
    lines.append("  " + " " * width + " " + " ".join(f"{h:>4}" for h in heads))
    for label, row in zip(r.labels, r.confusion, strict=True):
        cells = " ".join(f"{n:>4}" if n else "   ." for n in row)
        lines.append(f"  {label:<{width}} {cells}")
    lines.append("")
    lines.append(f"Wrong lines ({len(r.mistakes)})")
    for m in r.mistakes:
        g, p = m.gold, m.predicted
        lines.append(f"  line {m.line} [{', '.join(m.fields)}]: {g.text}")
        lines.append(f"    gold: {_describe(g.is_complaint, g.category, g.urgent, g.location)}")
        lines.append(f"    got:  {_describe(p.is_complaint, p.category, p.urgent, p.location)}")
    return "\n".join(lines) + "\n"
