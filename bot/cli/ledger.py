"""The ledger commands: `export`, `import`, `report` (each: Namespace → exit status).

Exit status 0 when done, 1 when the file to import is refused, 2 for a wrong command line or a
missing database; every problem is said in one line (one per bad row) on standard error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from bot import texts
from bot.cli.common import (
    database_missing,
    fail,
    load_or_exit,
    no_database,
    output_problem,
    owner_only,
    private,
    refuse_live_database,
    refuse_special_output,
    refuse_standard_output,
    use_stores,
)
from bot.config import Config
from bot.core.timeutil import Month, utc_now
from bot.ledger.rows import CategoryTable
from storage.stores import Stores

__all__ = ["export", "import_ledger", "monthly_report"]


def _month(args: argparse.Namespace) -> tuple[Month | None, bool]:
    """The --month given (or None), and whether it was understood."""
    text = getattr(args, "month", None)
    if not text:
        return None, True
    month = Month.parse(text)
    return month, month is not None


def _bad_month(text: str) -> int:
    return fail(f"--month: expected YYYY-MM such as 2026-11 (years 2000–2999), got {text!r}")


def _month_to_come(month: Month | None, config: Config) -> int | None:
    """The exit status when --month has not come yet (as `digest --date` refuses a day to
    come: a typo, 2062 for 2026, more likely than a wish for an empty file); None else."""
    today = utc_now().astimezone(config.schedule.tz).date()
    if month is None or (month.year, month.month) <= (today.year, today.month):
        return None
    return fail(
        f"--month: {month.label} has not come yet (this month is {today:%Y-%m}); give this "
        "month or one gone by, YYYY-MM"
    )


def _refuse_output(config: Config, output: str | None) -> int | None:
    """The exit status when an export's --output is the live database (or the bot's own
    files), or a FIFO or a device; None when it may be written."""
    refused = refuse_live_database(config, output)
    return refused if refused is not None else refuse_special_output(output, "the export's own")


# What an --output's name says it holds (`export 台账.xlsx` is a workbook)
_FORMAT_OF = {".xlsx": "xlsx", ".csv": "csv", ".jsonl": "jsonl"}


def export(args: argparse.Namespace) -> int:
    """The ledger, one record per ticket: JSON lines or CSV (all, or the tickets reported in
    --month), or the workbook (--format, or as --output's name says); to --output, or to
    standard output without it or with "-"."""
    if args.output == "-":
        args.output = None
    named = _FORMAT_OF.get(Path(args.output).suffix.lower()) if args.output else None
    if args.format is not None and named is not None and named != args.format:
        return fail(
            f"--output: {args.output} ends in .{named} but --format is {args.format}; "
            f"give --format {named}, or a name ending in .{args.format}"
        )
    args.format = args.format or named or "jsonl"
    if args.format == "xlsx":
        return _export_xlsx(args)
    from bot.ledger.export import write_csv, write_jsonl

    config = load_or_exit(args.config, require_token=False)
    month, understood = _month(args)
    if not understood:
        return _bad_month(args.month)
    start, end = month.bounds(config.schedule.tz) if month else (None, None)
    refused = _month_to_come(month, config) or _refuse_output(config, args.output)
    if refused is not None:
        return refused
    if database_missing(config):
        return no_database(config)
    writer = write_csv if args.format == "csv" else write_jsonl

    async def work(stores: Stores) -> int:
        out: TextIO
        if not args.output:
            return await writer(stores.ledger.iter_with_reports(start, end), sys.stdout)
        path = Path(args.output)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="", opener=private) as out:
            count = await writer(stores.ledger.iter_with_reports(start, end), out)
        print(f"wrote {count} ticket(s) to {path}", file=sys.stderr)
        return count

    try:
        use_stores(config, work)
    except OSError as exc:
        return _unwritable(exc, args.output)
    return 0


def _unwritable(exc: OSError, output: str | None) -> int:
    """Exit status 1 and one line when --output cannot be written; other errors go on."""
    line = output_problem(exc, output) if output else None
    if line is None:
        raise exc
    return fail(line, 1)


def _export_xlsx(args: argparse.Namespace) -> int:
    """The ledger workbook (all tickets, or --month) to --output or to standard output."""
    from bot.ledger.monthly import ledger_workbook

    config = load_or_exit(args.config, require_token=False)
    month, understood = _month(args)
    if not understood:
        return _bad_month(args.month)
    refused = _month_to_come(month, config) or _refuse_output(config, args.output)
    if refused is not None:
        return refused
    if database_missing(config):
        return no_database(config)
    if not args.output and sys.stdout.isatty():
        return fail("an xlsx workbook is binary: give --output FILE (or redirect the output)")
    categories = CategoryTable.of(config.categories)

    async def work(stores: Stores) -> tuple[bytes, int]:
        titles = await stores.chats.titles()
        tz = config.schedule.tz
        lessons = await stores.lessons.all(*(month.bounds(tz) if month else (None, None)))
        now = utc_now()
        return await ledger_workbook(stores.ledger, titles, categories, tz, now, month, lessons)

    data, count = use_stores(config, work)
    if args.output:
        path = Path(args.output)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "wb", opener=private) as book:
                book.write(data)
        except OSError as exc:
            return _unwritable(exc, args.output)
        print(f"wrote {count} ticket(s) to {path}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def import_ledger(args: argparse.Namespace) -> int:
    """Load tickets from JSON lines (as `export` writes them) or a ledger workbook: all or none.

    Rows are parsed and written as they are read, in one transaction: a bad row found late
    rolls back everything written before it."""
    from bot.ledger.parallel import read_prepared
    from bot.ledger.rows import LedgerError
    from storage.dialect import data_error_text, data_errors
    from storage.ledger import ImportClash, ImportOutcome

    config = load_or_exit(args.config, require_token=False)
    path = Path(args.file)
    if path.is_dir():
        return fail(f"{path}: is a folder; give the ledger file in it (.jsonl or .xlsx)")
    if not path.is_file():
        if path.exists():  # read more than once (its end, its workers): a file, not a stream
            return fail(
                f"{path}: not a regular file (a device, a pipe?); give the ledger file itself "
                "(.jsonl or .xlsx), not a stream"
            )
        return fail(f"{path}: no such file")
    if args.format is None and path.suffix.lower() == ".csv":  # an export format, not read
        return fail(
            f"{path}: not imported, nothing was changed: import reads the JSON lines or the "
            "xlsx workbook export writes, not CSV; export --format jsonl (or xlsx) and import "
            "that",
            1,
        )
    kind = args.format or ("xlsx" if path.suffix.lower() in (".xlsx", ".xlsm") else "jsonl")
    categories = CategoryTable.of(config.categories)

    async def work(stores: Stores) -> ImportOutcome:
        if kind == "xlsx":
            from bot.ledger.xlsx import stream_workbook

            chunks = stream_workbook(path, categories, config.schedule.tz)
            return await stores.ledger.import_stream(chunks, utc_now())
        return await stores.ledger.import_blocks(read_prepared(path, categories), utc_now())

    created = database_missing(config)
    refused: tuple[type[Exception], ...] = (UnicodeDecodeError, LedgerError, ImportClash)
    try:
        outcome = use_stores(config, work)
    except (*refused, *data_errors()) as exc:
        if created:  # no empty database left behind
            _remove_database(config)
        if isinstance(exc, UnicodeDecodeError):
            return fail(f"{path}: not UTF-8 text; is it a JSON lines file?", 1)
        if isinstance(exc, ImportClash):
            why = texts.REPEATED_MESSAGES if exc.messages else texts.import_clash(exc.ticket_ids)
            return fail(f"{path}: {why}", 1)
        if not isinstance(exc, LedgerError):  # a number past the rows' own checks
            return fail(
                f"{path}: not imported, nothing was changed: a value the database cannot hold "
                f"({data_error_text(exc)}); correct it in the file and import again",
                1,
            )
        print(f"{path}: not imported, nothing was changed:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    if not outcome.tickets and kind == "jsonl" and _blank(path):  # a copy come out as 0 bytes
        if created:
            _remove_database(config)
        return fail(
            f"{path}: not imported, nothing was changed: the file is empty; give the JSON "
            "lines file `python -m bot export` wrote",
            1,
        )
    groups = f", {outcome.new_groups} new group(s)" if outcome.new_groups else ""
    numbers = f" #{outcome.first_id}–#{outcome.last_id}" if outcome.tickets else ""
    return fail(
        f"imported {outcome.tickets} ticket(s){numbers} with {outcome.reports} report(s)"
        f"{groups} from {path}",
        0,
    )


def _remove_database(config: Config) -> None:
    """Remove the SQLite database an import made and left empty (and its -wal, -shm)."""
    if config.storage.path is not None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{config.storage.path}{suffix}").unlink(missing_ok=True)


def _blank(path: Path) -> bool:
    """Is the file empty, or only blank lines?"""
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 16):
            if chunk.strip():
                return False
    return True


def monthly_report(args: argparse.Namespace) -> int:
    """The month's ledger, charts and summary for the joint meeting, written to --output."""
    from bot.ledger.monthly import write_monthly_report
    from bot.runtime.bulletins import Bulletins
    from bot.texts import Texts

    config = load_or_exit(args.config, require_token=False)
    month, understood = _month(args)
    if month is None or not understood:
        return _bad_month(args.month)
    refused = _month_to_come(month, config) or refuse_live_database(config, args.output)
    refused = refused or refuse_standard_output(
        args.output,
        "the report is several files (the ledger, two charts, a summary)",
        "the folder to write them into",
    )
    if refused is not None:
        return refused
    if Path(args.output).exists() and not Path(args.output).is_dir():
        return fail(f"--output: {args.output} is a file; give the folder to write the report into")
    if database_missing(config):
        return no_database(config)
    categories = CategoryTable.of(config.categories)
    texts = Texts(config.schedule.tz, dict(categories.names))

    async def work(stores: Stores) -> tuple[list[Path], int]:
        bulletins = Bulletins(stores.stats, stores.chats, stores.triage, texts, config)
        titles = await stores.chats.titles()
        lessons = await stores.lessons.all(*month.bounds(config.schedule.tz))
        return await write_monthly_report(
            bulletins,
            stores.ledger,
            titles,
            categories,
            month,
            Path(args.output),
            utc_now(),
            lessons,
        )

    try:
        with owner_only():  # the files, and the folder if it is new
            written, tickets = use_stores(config, work)
        for path in written:
            path.chmod(0o600)  # also those written over
    except OSError as exc:
        line = output_problem(exc, args.output)
        return fail(line or f"{args.output}: cannot write the report ({exc.strerror or exc})", 1)
    for path in written:
        print(path)
    if not tickets:  # before the first ticket, or a month the bot was not running
        return fail(
            f"no tickets were reported in {month.label}: the report is written all the same "
            "and counts none; check --month if you expected some",
            0,
        )
    return 0
