"""A JSON-lines ledger read on every core: worker processes parse and check blocks of lines
and build their database rows; this process only checks what spans blocks (a number or a
message given twice in the file) and writes. A file of one block is read right here,
without starting a process."""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from bot.ledger import JSONL_WORDING, CategoryTable, FileChecks, RowProblems
from bot.ledger_jsonl import parse_line
from storage.ledger_rows import PreparedBlock

__all__ = ["BLOCK", "default_workers", "prepare_lines", "read_prepared"]

BLOCK = 5_000  # lines a worker reads at a time
# Workers yield the processor to this process: writing is the slower half, so it sets the pace.
WORKER_NICENESS = 5
# What the file-wide checks need of a line: its number, the ticket's number, the group messages
# it reports, and its problems (plain data: exceptions and dataclasses pickle slowly or badly).
Check = tuple[int, int | None, tuple[tuple[int, int], ...], list[str]]

_worker_categories = CategoryTable({})  # set in each worker by _start_worker


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
    lines: Iterable[str],
    categories: CategoryTable,
    workers: int | None = None,
    block: int = BLOCK,
) -> Iterator[PreparedBlock]:
    """Blocks of rows as the lines are read; after the last block, LedgerError naming each bad
    line if any was bad (so an import writing blocks as they come rolls back)."""
    checks = FileChecks(JSONL_WORDING)
    for found, prepared in _prepared(lines, categories, workers or default_workers(), block):
        for line, number, message_keys, problems in found:
            checks.row(line, number, message_keys, problems)
        if not checks.problems:  # once a line is bad, read on only to name every bad line
            yield prepared
    checks.finish()


def _blocks(lines: Iterable[str], block: int) -> Iterator[tuple[int, list[str]]]:
    source = iter(lines)
    first_line = 1
    while chunk := list(itertools.islice(source, block)):
        yield first_line, chunk
        first_line += len(chunk)


def _prepared(
    lines: Iterable[str], categories: CategoryTable, workers: int, block: int
) -> Iterator[tuple[list[Check], PreparedBlock]]:
    blocks = _blocks(lines, block)
    head = list(itertools.islice(blocks, 2))
    if len(head) < 2 or workers < 2:  # one block, or one core: no process is worth starting
        for first_line, chunk in itertools.chain(head, blocks):
            yield prepare_lines(first_line, chunk, categories)
        return
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),  # not fork: this process has threads
        initializer=_start_worker,
        initargs=(categories,),
    )
    try:
        pending: deque[Future[tuple[list[Check], PreparedBlock]]] = deque()
        for first_line, chunk in itertools.chain(head, blocks):
            pending.append(pool.submit(_prepare_block, first_line, chunk))
            if len(pending) > 2 * workers:  # read ahead, but only so far: memory stays flat
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _start_worker(categories: CategoryTable) -> None:
    global _worker_categories
    _worker_categories = categories
    if hasattr(os, "nice"):  # not on Windows
        os.nice(WORKER_NICENESS)


def _prepare_block(first_line: int, lines: list[str]) -> tuple[list[Check], PreparedBlock]:
    return prepare_lines(first_line, lines, _worker_categories)
