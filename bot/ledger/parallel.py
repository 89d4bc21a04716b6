"""A JSON-lines ledger read on every core: worker processes read, parse and check blocks of
the file and build their database rows; this process only finds where blocks begin, checks
what spans blocks (a number or a message given twice in the file) and writes. A file of one
block is read right here, without starting a process."""

from __future__ import annotations

import gc
import itertools
import marshal
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from bot.ledger.jsonl import parse_line
from bot.ledger.rows import JSONL_WORDING, CategoryTable, FileChecks, RowProblems
from storage.ledger_rows import PreparedBlock

__all__ = ["BLOCK_BYTES", "default_workers", "prepare_lines", "read_prepared"]

BLOCK_BYTES = 2_000_000  # what a worker reads at a time: about 4,000 tickets
# Workers yield the processor to this process: writing is the slower half, so it sets the pace.
WORKER_NICENESS = 5
# What the file-wide checks need of a line: its number, the ticket's number, the group messages
# it reports, and its problems (plain data: exceptions and dataclasses pickle slowly or badly).
Check = tuple[int, int | None, tuple[tuple[int, int], ...], list[str]]


def default_workers() -> int:
    """Worker processes: one per core this process may use, at most four."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(4, cores))


def prepare_lines(
    first_line: int, lines: Iterable[str], categories: CategoryTable
) -> tuple[list[Check], PreparedBlock]:
    """Each non-blank line parsed and checked, and the good ones turned into rows."""
    checks: list[Check] = []
    block = PreparedBlock()
    for number, line in enumerate(lines, start=first_line):
        if not line.strip():
            continue
        try:
            ticket = parse_line(number, line, categories)
        except RowProblems as exc:
            checks.append((number, exc.number, (), exc.problems))
        else:
            checks.append((number, ticket.id, ticket.message_keys, []))
            block.add(ticket)
    return checks, block


def read_prepared(
    path: Path,
    categories: CategoryTable,
    workers: int | None = None,
    block_bytes: int = BLOCK_BYTES,
) -> Iterator[PreparedBlock]:
    """Blocks of rows as the file is read; after the last block, LedgerError naming each bad
    line if any was bad (so an import writing blocks as they come rolls back).
    UnicodeDecodeError if the file is not UTF-8."""
    checks = FileChecks(JSONL_WORDING)
    spans = _spans(path, block_bytes)
    for found, prepared in _prepared(spans, categories, workers or default_workers()):
        for line, number, message_keys, problems in found:
            checks.row(line, number, message_keys, problems)
        if not checks.problems:  # once a line is bad, read on only to name every bad line
            yield prepared
    checks.finish()


# A block of the file: its first line's number, the file, where the block starts, its length.
Span = tuple[int, str, int, int]


def _spans(path: Path, block_bytes: int) -> Iterator[Span]:
    """Blocks of whole lines (after a UTF-8 byte order mark, if any). Lines end as in a file
    read as text: at \\r\\n, \\n or \\r (a block ends at a \\n, or at the end)."""
    with path.open("rb") as source:
        start = 3 if source.read(3) == b"\xef\xbb\xbf" else 0
        source.seek(start)
        first_line = 1
        while data := source.read(block_bytes) + source.readline():
            yield first_line, str(path), start, len(data)
            first_line += data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")
            start += len(data)


def _read_span(span: Span) -> list[str]:
    _, path, start, length = span
    with open(path, "rb") as source:
        source.seek(start)
        data = source.read(length)
    text = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")  # not splitlines: JSON text may hold U+2028


def _prepared(
    spans: Iterator[Span], categories: CategoryTable, workers: int
) -> Iterator[tuple[list[Check], PreparedBlock]]:
    head = list(itertools.islice(spans, 2))
    if len(head) < 2 or workers < 2:  # one block, or one core: no process is worth starting
        for span in itertools.chain(head, spans):
            yield _prepare_span(span, categories)
        return
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),  # not fork: this process has threads
        initializer=_start_worker,
    )
    try:
        rest = itertools.chain(head[1:], spans)
        pending: deque[Future[bytes]] = deque(
            pool.submit(_prepare_packed, span, categories)
            for span in itertools.islice(rest, 2 * workers)
        )  # read ahead, but only so far: memory stays flat
        yield _prepare_span(head[0], categories)  # here, while the workers start
        while pending:
            done = pending.popleft().result()
            pending.extend(
                pool.submit(_prepare_packed, span, categories) for span in itertools.islice(rest, 1)
            )
            yield _unpack(done)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _start_worker() -> None:
    gc.disable()  # what a worker makes is freed by reference counting; no cycles to look for
    if hasattr(os, "nice"):  # not on Windows
        os.nice(WORKER_NICENESS)


def _prepare_span(span: Span, categories: CategoryTable) -> tuple[list[Check], PreparedBlock]:
    return prepare_lines(span[0], _read_span(span), categories)


def _prepare_packed(span: Span, categories: CategoryTable) -> bytes:
    """What a worker does with a span."""
    return _pack(*_prepare_span(span, categories))


# A block crosses to this process as marshal data: plain tuples of text and numbers, packed
# and unpacked in about half the time pickle takes.
def _pack(checks: list[Check], block: PreparedBlock) -> bytes:
    assert not block.unprepared and not block.groups  # JSON lines give every number and group
    return marshal.dumps((checks, block.ids, block.tickets, block.reports, block.events))


def _unpack(data: bytes) -> tuple[list[Check], PreparedBlock]:
    checks, ids, tickets, reports, events = marshal.loads(data)
    return checks, PreparedBlock(ids=ids, tickets=tickets, reports=reports, events=events)
