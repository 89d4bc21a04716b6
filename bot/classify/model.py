"""The shipped learned model: three linear heads over `features` (complaint, urgent, category).

Trained offline by `python -m bot.devtools.train` on the labelled sets in tests/data and stored
as plain weights (data/model.bin.gz), so the running bot needs no machine-learning library:
scoring a message is a sum of the weights of its features.
"""

from __future__ import annotations

import gzip
import json
import sys
import zlib
from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from operator import itemgetter

__all__ = ["MODEL_FILE", "RULES_COMPLAINT", "URGENT_LINE", "Head", "Model", "ModelError", "Weighed"]

MODEL_FILE = "model.bin.gz"
FORMAT = 3
HEADS = ("complaint", "urgent", "category")
# How the model's log-odds and the rules' verdict add up (docs/classifier.md, "The model"):
RULES_COMPLAINT = 1.0  # the rules calling it a complaint adds this much to the complaint evidence
# The urgent head's log-odds from which a message is an urgent complaint. The rules' danger
# finder is one of its features; adding the rules' verdict on top only added false alarms.
URGENT_LINE = -0.7


@dataclass(frozen=True)
class Present:
    """The message's features the model knows, as rows of its columns."""

    pick: Callable[[Sequence[float]], Sequence[float]]  # takes the rows whose value is 1, in C
    weighted: tuple[tuple[int, float], ...]  # the other rows, with their values


def _picker(ones: list[int]) -> Callable[[Sequence[float]], Sequence[float]]:
    if len(ones) > 1:
        return itemgetter(*ones)
    return lambda column: [column[row] for row in ones]


class ModelError(ValueError):
    """The model file is missing, damaged or made for other features."""


@dataclass(frozen=True)
class Weighed:
    """The model's judgement of one message, the rules' verdict included."""

    evidence: float  # log-odds of a complaint: > 0 a complaint
    urgent: bool
    present: Present  # the features it knew, for `Model.category_of`


@dataclass(frozen=True)
class Head:
    """One linear head: a bias and a column of weights per label, one weight per feature of the
    model's index."""

    labels: tuple[str, ...]
    bias: tuple[float, ...]
    columns: tuple[Sequence[float], ...]  # arrays, or views into the model file's bytes

    def __post_init__(self) -> None:
        sizes = {len(column) for column in self.columns}
        if (
            len(self.bias) != len(self.labels)
            or len(self.columns) != len(self.labels)
            or (len(sizes) > 1)
        ):
            raise ModelError("model file is damaged: a head's weights do not match its labels")

    def scores(self, present: Present) -> list[float]:
        """Each label's raw score (log-odds for a yes/no head)."""
        pick, weighted = present.pick, present.weighted
        out = []
        for bias, column in zip(self.bias, self.columns, strict=True):
            total = bias + sum(pick(column))
            for row, value in weighted:
                total += column[row] * value
            out.append(total)
        return out

    def best(self, present: Present) -> str:
        """The most likely label."""
        scores = self.scores(present)
        return self.labels[scores.index(max(scores))]


@dataclass(frozen=True)
class Model:
    """Three heads over one index of features, and the feature version they were trained on."""

    features_version: int
    index: Mapping[str, int]
    complaint: Head
    urgent: Head
    category: Head

    @classmethod
    def build(
        cls,
        features_version: int,
        heads: Mapping[str, tuple[Sequence[str], Sequence[float], Mapping[str, Sequence[float]]]],
    ) -> Model:
        """From each head's labels, biases and feature → weights (one per label)."""
        names = sorted({name for _, _, rows in heads.values() for name in rows})
        index = {name: i for i, name in enumerate(names)}
        built = {}
        for head, (labels, bias, rows) in heads.items():
            zero = [0.0] * len(labels)
            if any(len(row) != len(labels) for row in rows.values()):
                raise ModelError("model file is damaged: a weight row does not match its labels")
            columns = tuple(
                array("f", (rows.get(name, zero)[k] for name in names)) for k in range(len(labels))
            )
            built[head] = Head(tuple(labels), tuple(float(b) for b in bias), columns)
        return cls(features_version, index, **built)

    def present(self, found: Mapping[str, float]) -> Present:
        """The message's features the model knows, as rows of its tables."""
        index = self.index
        ones: list[int] = []
        weighted: list[tuple[int, float]] = []
        for name, value in found.items():
            row = index.get(name)
            if row is not None:
                if value == 1.0:
                    ones.append(row)
                else:
                    weighted.append((row, value))
        return Present(_picker(ones), tuple(weighted))

    def weigh(self, found: Mapping[str, float], rules_complaint: bool) -> Weighed:
        """Weigh a message's features, with the rules' own verdict as a prior."""
        present = self.present(found)
        evidence = self.complaint.scores(present)[0] + RULES_COMPLAINT * rules_complaint
        urgent = self.urgent.scores(present)[0] >= URGENT_LINE
        return Weighed(evidence, urgent, present)

    def category_of(self, weighed: Weighed) -> str:
        """The most likely category, were the message a complaint (asked only when needed:
        the widest head)."""
        return self.category.best(weighed.present)

    @classmethod
    def from_bytes(cls, raw: bytes) -> Model:
        """From the file's contents, unzipped: a JSON header line (version, feature names, each
        head's labels and biases), then every head's weights, label by label, as little-endian
        float32 — read in place, without copies."""
        try:
            end = raw.index(b"\n")
            header = json.loads(raw[:end])
            if header["format"] != FORMAT:
                raise ModelError(f"model format {header['format']}, this code reads {FORMAT}")
            names = [str(name) for name in header["names"]]
            weights: Sequence[float] = memoryview(raw)[end + 1 :].cast("f")
            if sys.byteorder == "big":  # stored little-endian: swap the bytes, not the floats
                swapped = array("f")
                swapped.frombytes(memoryview(raw)[end + 1 :])
                swapped.byteswap()
                weights = swapped
            size, start, heads = len(names), 0, {}
            for name in HEADS:
                labels = tuple(str(label) for label in header["heads"][name]["labels"])
                bias = header["heads"][name]["bias"]
                if not labels or (name != "category" and len(labels) != 1):
                    raise ModelError(f"model file is damaged: the {name} head's labels")
                columns = tuple(
                    weights[start + k * size : start + (k + 1) * size] for k in range(len(labels))
                )
                start += size * len(labels)
                heads[name] = Head(labels, tuple(float(b) for b in bias), columns)
            if start != len(weights):
                raise ModelError("model file is damaged: its weights do not match its header")
            index = {feature: i for i, feature in enumerate(names)}
            return cls(int(header["features_version"]), index, **heads)
        except ModelError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError, RecursionError) as exc:
            raise ModelError(f"model file is damaged: {exc!r}") from None

    @classmethod
    def load(cls, blob: bytes | None = None) -> Model:
        """The model shipped with the package (or the gzip'd `blob`)."""
        try:
            if blob is None:
                blob = resources.files("bot.classify.data").joinpath(MODEL_FILE).read_bytes()
            raw = gzip.decompress(blob)
        except FileNotFoundError:
            raise ModelError(f"the model file {MODEL_FILE} is missing: reinstall") from None
        except (OSError, EOFError, ValueError, zlib.error) as exc:
            raise ModelError(f"model file is damaged: {exc!r}") from None
        return cls.from_bytes(raw)

    def to_bytes(self) -> bytes:
        """The file's contents, before gzip (see `from_bytes`)."""
        heads = {}
        table = array("f")
        for name, head in zip(HEADS, (self.complaint, self.urgent, self.category), strict=True):
            heads[name] = {"labels": list(head.labels), "bias": list(head.bias)}
            for column in head.columns:
                table.extend(column)
        if sys.byteorder == "big":
            table.byteswap()
        names = sorted(self.index, key=self.index.__getitem__)
        header = {
            "format": FORMAT,
            "features_version": self.features_version,
            "names": names,
            "heads": heads,
        }
        line = json.dumps(header, ensure_ascii=True, separators=(",", ":"), sort_keys=True)
        return line.encode("ascii") + b"\n" + table.tobytes()
