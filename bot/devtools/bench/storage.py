"""Storage benchmark: a district's history (up to a million tickets in 1,000 groups over two
years) and the time of what the bot and the office ask of it, each next to a bare baseline.

- digest: one group's daily digest (five queries, the rates, the text) — baseline: the same
  five queries with plain sqlite3, rows left as tuples;
- /list and /ticket: what the commands read and the reply text — baseline: the same queries;
- month export: the ledger workbook of the last full month — baseline: openpyxl writing the
  same number of rows of plain values;
- import: an export of up to `import_rows` tickets read back into an empty database by the
  `import` command's path, best and median of three runs — baseline: the same rows (already
  built) inserted with bare `executemany`, as often.

The made-up history is written once per size and kept in a cache folder (it takes a while
for a million tickets); `YUANZI_BENCH_CACHE` chooses the folder.
"""

from __future__ import annotations

import asyncio
import io
import os
import random
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.config import Config, parse_config
from bot.core.timeutil import Month
from bot.ledger.export import write_jsonl
from bot.ledger.monthly import ledger_workbook
from bot.ledger.parallel import read_prepared
from bot.ledger.rows import CategoryTable
from bot.runtime.bulletins import Bulletins
from bot.texts import Texts
from storage import baseline
from storage.chats import ChatStore
from storage.db import Database
from storage.desk import DeskStore, SearchTerm, TicketFilter, TicketOrder
from storage.ledger import ImportOutcome, LedgerStore
from storage.sql import Door
from storage.stats import StatsStore
from storage.synthetic import fill
from storage.tickets import TicketStore
from storage.triage import TriageStore

__all__ = ["END", "SIZES", "digest_and_list", "measure_storage"]

SIZES = (1_000, 10_000, 100_000, 1_000_000)
GROUPS = 1_000
END = datetime(2026, 11, 20, 4, 0, tzinfo=UTC)  # the history ends at noon in Shanghai
_GENERATOR_VERSION = 2
# The import is timed a few times: on a shared machine one run can lose seconds to neighbours.
# The best run says what the code can do (as `timeit` advises); the median is shown beside it.
IMPORT_RUNS = 3


def _cache_folder() -> Path:
    folder = Path(os.environ.get("YUANZI_BENCH_CACHE") or Path.home() / ".cache" / "yuanzi")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _config(path: Path) -> Config:
    return parse_config({"storage": {"path": str(path)}}, base_dir=path.parent, env={},
                        require_token=False)  # fmt: skip


async def _district(size: int) -> tuple[Path, float | None]:
    """The cached history of `size` tickets; seconds spent writing it if it was not cached."""
    path = _cache_folder() / f"district-{size}-{GROUPS}-v{_GENERATOR_VERSION}.sqlite3"
    if path.exists():
        return path, None
    partial = path.with_suffix(".partial")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    db = await Database.open(partial)
    try:
        await fill(db, size, min(GROUPS, size), END)
    finally:
        await db.close()
    partial.rename(path)
    return path, time.perf_counter() - started


def _ms(samples: Sequence[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 3),
        "p95_ms": round(p95 * 1000, 3),
    }


async def _timed(work: Callable[[int], Awaitable[Any]], chats: Sequence[int]) -> dict[str, float]:
    samples = []
    for chat_id in chats:
        started = time.perf_counter()
        await work(chat_id)
        samples.append(time.perf_counter() - started)
    return _ms(samples)


async def _queries(path: Path, size: int, samples: int) -> dict[str, Any]:
    config = _config(path)
    texts = Texts(config.schedule.tz)
    rng = random.Random(size)
    groups = min(GROUPS, size)
    chats = [-1_000_000_000_000 - rng.randrange(groups) for _ in range(samples)]
    numbers = [rng.randint(1, size) for _ in range(samples)]
    db = await Database.open(path)
    try:
        tickets = TicketStore(db)
        titles = await ChatStore(db).titles()

        async def detail(index: int) -> None:
            ticket = await tickets.get(numbers[index])
            texts.ticket_detail(ticket, await tickets.history(ticket.id), END)

        desk = DeskStore(db)

        async def desk_page(chat_id: int) -> None:  # the desk's first page, all groups
            await desk.search(TicketFilter(), END, limit=50)

        async def desk_queue(chat_id: int) -> None:  # the same, active ones first
            await desk.search(TicketFilter(), END, order=TicketOrder.QUEUE, limit=50)

        async def desk_due(chat_id: int) -> None:  # the same, by deadline
            await desk.search(TicketFilter(), END, order=TicketOrder.DUE, limit=50)

        async def desk_search(chat_id: int) -> None:  # two words in every ticket's reports
            words = (SearchTerm("电梯"), SearchTerm("3", 3))
            await desk.search(TicketFilter(words=words), END, limit=50)

        async def desk_group(chat_id: int) -> None:  # one group's open tickets
            await desk.search(TicketFilter(chat_id=chat_id, status="open"), END, limit=50)

        async def desk_overdue(chat_id: int) -> None:  # every overdue ticket, as 超时 shows them
            await desk.search(TicketFilter(overdue=True), END, order=TicketOrder.DUE, limit=50)

        figures = {
            **await digest_and_list(db, config, chats),
            "ticket": await _timed(detail, range(samples)),
            "desk_page": await _timed(desk_page, chats[:10]),
            "desk_queue": await _timed(desk_queue, chats[:10]),
            "desk_due": await _timed(desk_due, chats[:10]),
            "desk_search": await _timed(desk_search, chats[:10]),
            "desk_group": await _timed(desk_group, chats[:10]),
            "desk_overdue": await _timed(desk_overdue, chats[:10]),
        }
        month = Month(2026, 10)  # the last full month before END
        store, categories = LedgerStore(db), CategoryTable.of()
        started = time.perf_counter()
        _, rows = await ledger_workbook(store, titles, categories, config.schedule.tz, END, month)
        figures["export_month"] = {"seconds": round(time.perf_counter() - started, 3),
                                   "rows": rows}  # fmt: skip
    finally:
        await db.close()
    figures["digest_baseline"] = _ms(
        baseline.time_queries(path, baseline.digest_queries(END), chats)
    )
    figures["list_baseline"] = _ms(baseline.time_queries(path, baseline.list_queries(), chats))
    figures["ticket_baseline"] = _ms(
        baseline.time_queries(path, baseline.ticket_queries(numbers), range(samples))
    )
    figures["export_month_baseline"] = {
        "seconds": round(_bare_workbook(int(figures["export_month"]["rows"])), 3)
    }
    return figures


def _bare_workbook(rows: int) -> float:
    """openpyxl writing `rows` rows of 14 plain cells, without styles: the library's floor."""
    from openpyxl import Workbook

    started = time.perf_counter()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("台账")
    day = datetime(2026, 10, 1)
    cells: tuple[object, ...] = ("3号楼业主群", "电梯", "3栋", "电梯坏了", 1, day, "工程部", "王")
    cells += (day, day, "已处理", "满意", "已关闭")
    for number in range(rows):
        sheet.append((number, *cells))
    workbook.save(io.BytesIO())
    return time.perf_counter() - started


async def _import(path: Path, rows: int, runs: int = IMPORT_RUNS) -> dict[str, Any]:
    """Export up to `rows` tickets of the history, then import them into an empty database,
    `runs` times (and the bare baseline as often): the best run and the median."""
    with tempfile.TemporaryDirectory(prefix="yuanzi-bench-") as folder:
        source = Path(folder) / "ledger.jsonl"
        db = await Database.open(path)
        try:
            with source.open("w", encoding="utf-8") as out:
                await write_jsonl(_first(LedgerStore(db).iter_with_reports(batch=2000), rows), out)
        finally:
            await db.close()
        seconds: list[float] = []
        bare_seconds: list[float] = []
        for run in range(runs):
            imported = Path(folder) / f"imported-{run}.sqlite3"
            outcome, took, written = await _import_once(source, imported)
            seconds.append(took)
            bare = Path(folder) / f"bare-{run}.sqlite3"
            await _create(bare)
            bare_seconds.append(baseline.bare_insert(imported, bare))
    best, median = min(seconds), statistics.median(seconds)
    return {
        "tickets": outcome.tickets,
        "db_rows": written,
        "runs": runs,
        "seconds": round(best, 3),
        "median_seconds": round(median, 3),
        "tickets_per_s": round(outcome.tickets / best),
        "db_rows_per_s": round(written / best),
        "median_db_rows_per_s": round(written / median),
        "baseline_db_rows_per_s": round(written / min(bare_seconds)),
        "baseline_median_db_rows_per_s": round(written / statistics.median(bare_seconds)),
        "baseline_tickets_per_s": round(outcome.tickets / min(bare_seconds)),
    }


async def _import_once(source: Path, target_path: Path) -> tuple[ImportOutcome, float, int]:
    """The import command's path: worker processes read, this one writes."""
    target = await Database.open(target_path)
    try:
        started = time.perf_counter()
        outcome = await LedgerStore(target).import_blocks(
            read_prepared(source, CategoryTable.of()), datetime.now(UTC)
        )
        seconds = time.perf_counter() - started
    finally:
        await target.close()
    found = baseline.counts(target_path)
    written = found["tickets"] + found["reports"] + found["events"]
    return outcome, seconds, written


async def _first(rows: Any, count: int) -> Any:
    seen = 0
    async for row in rows:
        if seen >= count:
            return
        seen += 1
        yield row


async def _create(path: Path) -> None:
    db = await Database.open(path)
    await db.close()


async def digest_and_list(db: Door, config: Config, chats: Sequence[int]) -> dict[str, Any]:
    """A group's daily digest and /list, each timed once per group of `chats` (after one
    digest that warms the caches the same way for every side measured)."""
    texts = Texts(config.schedule.tz)
    tickets = TicketStore(db)
    bulletins = Bulletins(StatsStore(db), ChatStore(db), TriageStore(db), texts, config)
    day = END.astimezone(config.schedule.tz).date()

    async def digest(chat_id: int) -> None:
        await bulletins.digest(chat_id, day, END)

    async def listing(chat_id: int) -> None:
        found = await tickets.list_active(chat_id, limit=20)
        texts.active_list(found, await tickets.count_active(chat_id), END)

    await digest(chats[0])
    return {"digest": await _timed(digest, chats), "list": await _timed(listing, chats)}


def measure_storage(
    sizes: Sequence[int] = SIZES, samples: int = 50, import_rows: int = 100_000
) -> dict[str, Any]:
    """Figures for each size (ms for queries, s for the export), and the import's throughput
    measured on the largest size."""
    results: dict[str, Any] = {"groups": GROUPS, "sizes": {}}
    for size in sizes:
        path, built = asyncio.run(_district(size))
        figures = asyncio.run(_queries(path, size, samples))
        if built is not None:
            figures["generated_s"] = round(built, 1)
        figures["db_mb"] = round(path.stat().st_size / 2**20, 1)
        results["sizes"][str(size)] = figures
    path, _ = asyncio.run(_district(max(sizes)))
    results["import"] = asyncio.run(_import(path, min(import_rows, max(sizes))))
    return results
