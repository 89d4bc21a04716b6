"""jieba's dictionary with the lexicon's words, held in a marisa trie and kept between starts.

jieba's own `Tokenizer.FREQ` is a dict of half a million Python strings (73 MB); the same
words, counts and prefixes take about 3 MB as a trie and an array of counts. Building them
takes a second, so the result is kept in the user's cache folder, keyed by everything it is
built from, and read back in milliseconds at the next start.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import importlib.util
import itertools
import logging
import os
import stat
import struct
import sys
import tempfile
from array import array
from collections.abc import Iterator, Sequence
from importlib import metadata
from pathlib import Path

import marisa_trie

__all__ = ["Dictionary", "default_cache"]

_log = logging.getLogger(__name__)

FORMAT = 2  # 2: the checksum covers the total and the sizes too
_MAGIC = b"yuanzi-words\n"
_HEADER = struct.Struct("<QQQ32s")  # total, the trie's bytes, the counts' bytes, sha256 of all
_KEPT = 8  # cached dictionaries kept (one per set of words: deployments, tests)


class Dictionary:
    """jieba's default dictionary plus words of our own: what jieba's `Tokenizer.FREQ` and
    `.total` hold after `add_word` of each (a word's count; 0 for a fragment that only begins
    a word; absent otherwise)."""

    __slots__ = ("_counts", "_trie", "total")

    def __init__(self, trie: marisa_trie.Trie, counts: array[int], total: int) -> None:
        if len(counts) != len(trie):
            raise ValueError("a count for every key of the trie")
        self._trie = trie
        self._counts = counts
        self.total = total

    @classmethod
    def load(cls, words: Sequence[str], min_freq: int, cache: Path | None = None) -> Dictionary:
        """The dictionary with `words` (see `build`): read from the `cache` folder (the user's
        cache folder by default) when an earlier start built the same, else built and stored
        there. A cache that cannot be read or written only costs the second of building."""
        folder = cache if cache is not None else default_cache()
        path = folder / f"words-{_digest(words, min_freq)}.bin" if folder else None
        if path is not None:
            try:
                found = cls.from_bytes(_read(path))
                with contextlib.suppress(OSError):
                    os.utime(path)  # in use: the last to be pruned (they go by time)
                return found
            except FileNotFoundError:
                pass  # not built yet (or its folder not made)
            except (OSError, ValueError, RuntimeError) as exc:  # a folder it may not look in too
                _log.warning("rebuilding jieba's dictionary: %s: %s", path, exc)
        built = cls.build(words, min_freq)
        if path is not None:
            built._store(path)
        return built

    @classmethod
    def build(cls, words: Sequence[str], min_freq: int) -> Dictionary:
        """jieba's dictionary file read as jieba reads it (`Tokenizer.gen_pfdict`: a word
        written twice counts twice in the total, its last count stays), then each of `words`
        added as `Tokenizer.add_word(word, max(its count, min_freq))` adds it. Read twice, line
        by line (once for the trie, once for the counts), so that no half a million strings
        are ever held at once; what the trie's building freed goes back to the system."""
        trie = marisa_trie.Trie(
            word[:end]
            for word in itertools.chain((word for word, _ in _entries()), words)
            for end in range(1, len(word) + 1)
        )
        counts = array("I", bytes(array("I").itemsize * len(trie)))
        total = 0
        for word, freq in _entries():
            counts[trie[word]] = freq
            total += freq
        for word in words:
            key = trie[word]
            counts[key] = max(counts[key], min_freq)
            total += counts[key]
        _give_back_freed_memory()
        return cls(trie, counts, total)

    def count(self, fragment: str) -> int | None:
        """The fragment's count: > 0 a word, 0 only the start of one, None neither."""
        key = self._trie.get(fragment)
        return None if key is None else self._counts[key]

    def to_bytes(self) -> bytes:
        """The file the cache keeps: a mark, the sizes and a checksum, the trie, the counts
        little-endian."""
        trie: bytes = self._trie.tobytes()
        counts = array("I", self._counts)
        if sys.byteorder == "big":
            counts.byteswap()
        raw = counts.tobytes()
        check = _checksum(self.total, len(trie), len(raw), trie + raw)
        return _MAGIC + _HEADER.pack(self.total, len(trie), len(raw), check) + trie + raw

    @classmethod
    def from_bytes(cls, raw: bytes) -> Dictionary:
        """From `to_bytes`' file; ValueError when it is not one, or damaged (the trie is
        checked before marisa reads it)."""
        if not raw.startswith(_MAGIC) or len(raw) < len(_MAGIC) + _HEADER.size:
            raise ValueError("not a cached dictionary")
        total, trie_size, counts_size, check = _HEADER.unpack_from(raw, len(_MAGIC))
        start = len(_MAGIC) + _HEADER.size
        if start + trie_size + counts_size != len(raw) or counts_size % 4:
            raise ValueError("a cached dictionary cut short or too long")
        if _checksum(total, trie_size, counts_size, memoryview(raw)[start:]) != check:
            raise ValueError("a damaged cached dictionary")
        trie = marisa_trie.Trie().frombytes(raw[start : start + trie_size])
        counts = array("I")
        counts.frombytes(raw[start + trie_size :])
        if sys.byteorder == "big":
            counts.byteswap()
        return cls(trie, counts, total)

    def _store(self, path: Path) -> None:
        """Keep it for the next start (atomically: a start reading meanwhile sees none; a file
        half written, the disk full, is not left behind)."""
        written: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as out:
                written = out.name
                out.write(self.to_bytes())
            os.replace(written, path)
            written = None
            older = sorted(path.parent.glob("words-*.bin"), key=_modified, reverse=True)
            for stale in older[_KEPT:]:
                stale.unlink(missing_ok=True)
        except OSError as exc:
            _log.info("jieba's dictionary is not kept between starts: %s", exc)
        finally:
            if written is not None:
                with contextlib.suppress(OSError):
                    os.unlink(written)


def default_cache() -> Path | None:
    """Where dictionaries are kept: $XDG_CACHE_HOME/yuanzi, else ~/.cache/yuanzi."""
    root = os.environ.get("XDG_CACHE_HOME")
    if root:
        return Path(root) / "yuanzi"
    try:
        return Path.home() / ".cache" / "yuanzi"
    except RuntimeError:  # no home folder to be found
        return None


def _digest(words: Sequence[str], min_freq: int) -> str:
    """Everything a dictionary is built from, as a file name's part (jieba's file by its size
    and time too: a dictionary patched by hand is read again)."""
    parts = [
        str(FORMAT),
        metadata.version("jieba"),
        metadata.version("marisa-trie"),
        _dictionary_file_stamp(),
        str(min_freq),
        *words,
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:24]


def _dictionary_file_stamp() -> str:
    """jieba's dictionary file's size and modification time, found without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        return "-"
    try:
        info = os.stat(Path(spec.origin).parent / "dict.txt")
    except OSError:
        return "-"
    return f"{info.st_size}:{info.st_mtime_ns}"


def _checksum(total: int, trie_size: int, counts_size: int, body: bytes | memoryview) -> bytes:
    """The file's check: of the total and the sizes as well as the trie and the counts (a
    damaged total would change every route, and 0 stop the segmenter)."""
    check = hashlib.sha256(_HEADER.pack(total, trie_size, counts_size, b""))
    check.update(body)
    return check.digest()


def _read(path: Path) -> bytes:
    """A cached file's bytes, if it is a file of this user's that no one else may change: not
    a link, a pipe (which would stop the start) or a device, not another user's (a cache folder
    others may write in, as /tmp: marisa trusts what it maps). ValueError otherwise."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    with open(os.open(path, flags), "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a file")
        if info.st_mode & 0o022 or info.st_uid != getattr(os, "geteuid", lambda: info.st_uid)():
            raise ValueError("a file someone else may have written")
        return file.read()


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _entries() -> Iterator[tuple[str, int]]:
    """Each word of jieba's default dictionary and its count, in the file's order."""
    import jieba

    with jieba.Tokenizer().get_dict_file() as raw:
        for number, line in enumerate(raw, 1):
            try:
                word, freq = line.strip().decode("utf-8").split(" ")[:2]
                yield word, int(freq)
            except ValueError:
                raise ValueError(f"jieba's dictionary is damaged at line {number}") from None


def _give_back_freed_memory() -> None:
    """Return to the system what building the trie took and freed: glibc keeps freed heap for
    the process otherwise, about 30 MB of it here (nothing happens where it is not glibc)."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):  # TypeError: no CDLL(None), as on Windows
        return
    trim(0)
