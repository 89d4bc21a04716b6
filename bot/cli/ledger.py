"""The ledger commands: `export --format xlsx`, `import`, `report` (each: Namespace → exit status).

Exit status 0 when done, 1 when the file to import is refused, 2 for a wrong command line or a
missing database; every problem is said in one line (one per bad row) on standard error.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

from bot.cli.commands import load_or_exit
from bot.config import Config
from bot.ledger.monthly import Month
from bot.ledger.parallel import read_prepared
from bot.ledger.rows import CategoryTable
from storage.db import Database

__all__ = ["export_xlsx", "import_ledger", "monthly_report"]

T = TypeVar("T")


def _fail(message: str, status: int = 2) -> int:
    print(message, file=sys.stderr)
    return status


def _month(args: argparse.Namespace) -> tuple[Month | None, bool]:
    """The --month given (or None), and whether it was understood."""
    text = getattr(args, "month", None)
    if not text:
        return None, True
    month = Month.parse(text)
    return month, month is not None


def _bad_month(text: str) -> int:
    return _fail(f"--month: expected YYYY-MM such as 2026-11, got {text!r}")


async def _with_db(config: Config, work: Callable[[Database], Awaitable[T]]) -> T:
    """Open (creating and migrating if need be) the database, do the work, close it."""
    db = await Database.open(config.storage.path)
    try:
        return await work(db)
    finally:
        await db.close()


def _no_database(config: Config) -> int:
    return _fail(f"no database at {config.storage.path} yet (the bot creates it)")


def export_xlsx(args: argparse.Namespace) -> int:
    """The ledger workbook (all tickets, or --month) to --output or to standard output."""
    from bot.ledger.monthly import ledger_workbook
    from bot.runtime.services import utc_now
    from storage.ledger import LedgerStore

    config = load_or_exit(args.config, require_token=False)
    month, understood = _month(args)
    if not understood:
        return _bad_month(args.month)
    if not config.storage.path.exists():
        return _no_database(config)
    if not args.output and sys.stdout.isatty():
        return _fail("an xlsx workbook is binary: give --output FILE (or redirect the output)")
    categories = CategoryTable.of(config.categories)

    async def work(db: Database) -> tuple[bytes, int]:
        store = LedgerStore(db)
        return await ledger_workbook(store, categories, config.schedule.tz, utc_now(), month)

    data, count = asyncio.run(_with_db(config, work))
    if args.output:
        path = Path(args.output)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"wrote {count} ticket(s) to {path}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def import_ledger(args: argparse.Namespace) -> int:
    """Load tickets from JSON lines (as `export` writes them) or a ledger workbook: all or none.

    Rows are parsed and written as they are read, in one transaction: a bad row found late
    rolls back everything written before it."""
    from bot.ledger.rows import LedgerError
    from bot.runtime.services import utc_now
    from storage.ledger import ImportClash, ImportOutcome, LedgerStore

    config = load_or_exit(args.config, require_token=False)
    path = Path(args.file)
    if not path.is_file():
        return _fail(f"{path}: no such file")
    kind = args.format or ("xlsx" if path.suffix.lower() in (".xlsx", ".xlsm") else "jsonl")
    categories = CategoryTable.of(config.categories)

    async def work(db: Database) -> ImportOutcome:
        store = LedgerStore(db)
        if kind == "xlsx":
            from bot.ledger.xlsx import stream_workbook

            return await store.import_stream(
                stream_workbook(path, categories, config.schedule.tz), utc_now()
            )
        return await store.import_blocks(read_prepared(path, categories), utc_now())

    created = not config.storage.path.exists()
    try:
        outcome = asyncio.run(_with_db(config, work))
    except (UnicodeDecodeError, LedgerError, ImportClash) as exc:
        if created:  # leave no empty database behind for a file that was refused
            for suffix in ("", "-wal", "-shm"):
                Path(f"{config.storage.path}{suffix}").unlink(missing_ok=True)
        if isinstance(exc, UnicodeDecodeError):
            return _fail(f"{path}: not UTF-8 text; is it a JSON lines file?", 1)
        if isinstance(exc, ImportClash):
            return _fail(f"{path}: {exc}", 1)
        print(f"{path}: not imported, nothing was changed:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    groups = f", {outcome.new_groups} new group(s)" if outcome.new_groups else ""
    numbers = f" #{outcome.first_id}–#{outcome.last_id}" if outcome.tickets else ""
    print(
        f"imported {outcome.tickets} ticket(s){numbers} with {outcome.reports} report(s)"
        f"{groups} from {path}",
        file=sys.stderr,
    )
    return 0


def monthly_report(args: argparse.Namespace) -> int:
    """The month's ledger, charts and summary for the joint meeting, written to --output."""
    from bot.ledger.monthly import write_monthly_report
    from bot.runtime.bulletins import Bulletins
    from bot.runtime.services import utc_now
    from bot.texts import Texts
    from storage.chats import ChatStore
    from storage.ledger import LedgerStore
    from storage.stats import StatsStore

    config = load_or_exit(args.config, require_token=False)
    month, understood = _month(args)
    if month is None or not understood:
        return _bad_month(args.month)
    if not config.storage.path.exists():
        return _no_database(config)
    categories = CategoryTable.of(config.categories)
    texts = Texts(config.schedule.tz, dict(categories.names))

    async def work(db: Database) -> list[Path]:
        bulletins = Bulletins(StatsStore(db), ChatStore(db), texts, config)
        store = LedgerStore(db)
        return await write_monthly_report(
            bulletins, store, categories, month, Path(args.output), utc_now()
        )

    try:
        written = asyncio.run(_with_db(config, work))
    except OSError as exc:
        return _fail(f"{args.output}: cannot write the report ({exc.strerror or exc})")
    for path in written:
        print(path)
    return 0
