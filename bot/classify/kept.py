"""What a deployment's lessons taught the classifier, kept between starts (in its database:
`storage.lessons`).

Learning a lesson is analysing its words as a message is analysed, then a step of each learned
layer: about a millisecond. Every /done teaches one, so a community of two years has tens of
thousands, and learning them all again held each start — a restart, a standby taking over —
for half a minute and more before the bot answered anyone. The learned state is kept with the
number of lessons it holds; a start restores it and learns only the lessons taught since:
exactly what learning them all again gives (the same steps, in the same order, on the same
floats).

A state is used only by a classifier built as the one that learned it: the shipped model and
data, the classifier's own code, the deployment's categories and words (`fingerprint`). After
any change the lessons are learned again, and the state kept anew.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import platform
import sys
import zlib
from collections.abc import Iterator
from importlib import metadata, resources
from importlib.abc import Traversable
from pathlib import Path

from bot.classify.classifier import Classifier

__all__ = ["FORMAT", "dump", "fingerprint", "restore"]

FORMAT = 1
# What else the learning reads of the core (categories, a lesson, the 研判 line).
_CORE = ("categories.py", "lessons.py", "triage.py")


def fingerprint(classifier: Classifier) -> str | None:
    """What a kept state must have been learned by to be used by `classifier`; None for a
    classifier of one's own (another model, or none): nothing is kept for it."""
    if classifier.made_by is None:
        return None
    digest = hashlib.sha256()
    for part in (
        f"{FORMAT} {marshal.version} {sys.byteorder} {platform.python_version()}",
        metadata.version("jieba"),
        _jieba_dictionary(),
        *(repr(extension) for extension in classifier.made_by),
    ):
        digest.update(part.encode("utf-8") + b"\n")
    for name, data in _sources():
        digest.update(f"{name} {len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()


def _jieba_dictionary() -> str:
    """jieba's dictionary file by what it holds: not by its time, which is when pip wrote it
    (a standby on a second machine has the same file, written at another moment)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        return "-"
    try:
        data = (Path(spec.origin).parent / "dict.txt").read_bytes()
    except OSError:
        return "-"
    return hashlib.sha256(data).hexdigest()


def _sources() -> Iterator[tuple[str, bytes]]:
    """The classifier's code and data, and the core modules it reads, by name."""
    yield from _files(resources.files("bot.classify"), "bot/classify")
    core = resources.files("bot.core")
    for name in _CORE:
        yield f"bot/core/{name}", core.joinpath(name).read_bytes()


def _files(folder: Traversable, name: str) -> Iterator[tuple[str, bytes]]:
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__" or entry.name.endswith(".pyc"):
            continue
        if entry.is_dir():
            yield from _files(entry, f"{name}/{entry.name}")
        elif entry.is_file():
            yield f"{name}/{entry.name}", entry.read_bytes()


def dump(classifier: Classifier) -> bytes:
    """What the lessons taught `classifier`, as bytes to keep."""
    return zlib.compress(marshal.dumps(classifier.learned_state()), 1)


def restore(classifier: Classifier, raw: bytes) -> None:
    """Make `classifier` what `dump` kept of one built the same way (ValueError when the bytes
    are not such a state: `classifier` has then forgotten every lesson)."""
    try:
        state = marshal.loads(zlib.decompress(raw))
        classifier.restore_learned(state)
    except (ValueError, KeyError, TypeError, EOFError, zlib.error) as exc:
        classifier.forget()
        raise ValueError(f"not a learned state of this classifier: {exc!r}") from None
