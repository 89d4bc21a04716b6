"""Command line: `python -m bot <command>` (also installed as `yuanzi`).

Each command lives in the module of its group (`run`, `ledger`, `ops`, `classify`, `dev`) and
is imported only when it runs, so that light commands (`classify`) start fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence

# A bench's sizes are built in memory: a stray run of digits would fill it before any figure
BENCH_MOST = 10**8


def _sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(part.replace("_", "")) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected sizes like 1000,100000; got {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive")
    if max(sizes) > BENCH_MOST:
        raise argparse.ArgumentTypeError(f"sizes must be at most {BENCH_MOST:_}")
    return sizes


def _whole_number(minimum: int, at_least: str, most: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number of at least `minimum` (`at_least` says it), and at
    most `most` when given."""

    def parse(text: str) -> int:
        try:
            number = int(text.replace("_", ""))
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if number < minimum:
            raise argparse.ArgumentTypeError(f"expected {at_least}, got {number}")
        if most is not None and number > most:
            shown = f"{number:_}" if number < 10**40 else f"a number of {len(str(number))} digits"
            raise argparse.ArgumentTypeError(f"expected at most {most:_}, got {shown}")
        return number

    return parse


_count = _whole_number(1, "at least 1", BENCH_MOST)  # a benchmark of nothing measures nothing
_at_least_zero = _whole_number(0, "0 or more")  # 0: no limit


def _path(text: str) -> str:
    """An argparse type: a path, not empty (`--output "$OUT"` with OUT unset named the current
    folder, and a report was written into it)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("empty (an unset variable?); give a path")
    return text


def _url(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError(
            "empty (an unset variable?); give postgresql://user@host:5432/db"
        )
    return text


def _telegram_id(text: str) -> int:
    """A Telegram chat or user id: a whole number that fits in 64 bits."""
    try:
        number = int(text)
    except ValueError:
        said = f"expected a Telegram id (a whole number), got {text!r}"
        raise argparse.ArgumentTypeError(said) from None
    if not -(2**63) <= number < 2**63:
        raise argparse.ArgumentTypeError(f"{text} is too large for a Telegram id")
    return number


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="yuanzi",
        description="Yuanzi: complaints in building group chats become tracked tickets",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser("run", help="run the bot (long polling)")
    run.add_argument("--config", required=True, type=_path, help="path to config.toml")
    run.add_argument("--verbose", action="store_true", help="log debugging detail")

    demo = sub.add_parser(
        "demo", help="replay a morning in a building group offline (no token needed)"
    )
    demo.add_argument(
        "--desk", action="store_true", help="then keep the office desk open until Ctrl-C"
    )
    demo.add_argument("--desk-port", type=int, default=8080, help="the desk's port (8080)")

    classify = sub.add_parser(
        "classify", help="JSON lines {'text': …} on stdin → verdicts on stdout"
    )
    classify.add_argument("file", nargs="?", help=argparse.SUPPRESS)  # refused: says `< FILE`

    evaluate = sub.add_parser("evaluate", help="measure the classifier on a labelled JSONL file")
    evaluate.add_argument("file", type=_path, help="labelled messages, one JSON object per line")
    evaluate.add_argument(
        "--learn",
        action="store_true",
        help="replay FILE as a stream: learn from workers' corrections of the first half, "
        "measure the second half without and with what was learned",
    )
    evaluate.add_argument("--json", action="store_true", help="with --learn: one JSON object")
    evaluate.add_argument(
        "--band",
        nargs=2,
        type=float,
        metavar=("LOW", "HIGH"),
        help="with --learn: the unsure (triage) band to measure, "
        "as [classify] unsure_band (default -2 1)",
    )

    bench = sub.add_parser("bench", help="print benchmark figures")
    bench.add_argument(
        "what", nargs="?", default="all",
        choices=["classify", "ingest", "storage", "learning", "engines", "all"],
    )  # fmt: skip
    bench.add_argument(
        "--postgres",
        default=os.environ.get("YUANZI_BENCH_POSTGRES"),
        help="engines: a PostgreSQL server URL where the bench may create a database",
    )
    bench.add_argument(
        "--size", type=_count, default=1_000_000, help="engines: the district's tickets"
    )
    bench.add_argument("--json", action="store_true", help="print one JSON object")
    bench.add_argument("--messages", type=_count, default=20_000, help="classify: messages")
    bench.add_argument("--complaints", type=_count, default=2_000, help="ingest: complaints")
    bench.add_argument("--groups", type=_count, default=20, help="ingest: groups")
    bench.add_argument(
        "--sizes",
        type=_sizes,
        default=(1_000, 10_000, 100_000, 1_000_000),
        help="storage: history sizes in tickets, comma separated",
    )
    bench.add_argument("--samples", type=_count, default=50, help="storage: timed runs per query")
    bench.add_argument(
        "--import-rows", type=_count, default=100_000, help="storage: tickets to import"
    )
    bench.add_argument(
        "--lessons", type=_count, default=35_000, help="learning: the community's lessons"
    )

    backup = sub.add_parser("backup", help="a consistent copy of the database, while it runs")
    backup.add_argument("--config", required=True, type=_path)
    backup.add_argument("--output", required=True, type=_path, help="the copy to write")

    digest = sub.add_parser("digest", help="print a group's daily digest without sending it")
    digest.add_argument("--config", required=True, type=_path)
    digest.add_argument("--chat", required=True, help="the group: its chat id, or its title")
    digest.add_argument("--date", help="local day YYYY-MM-DD (default: today)")

    export = sub.add_parser("export", help="write the ticket ledger")
    export.add_argument("--config", required=True, type=_path)
    export.add_argument(
        "--format",
        choices=["jsonl", "csv", "xlsx"],
        help="default: from --output's name (.xlsx, .csv), else jsonl",
    )
    export.add_argument(
        "--output", type=_path, help="file to write (default, or -: standard output)"
    )
    export.add_argument("--month", help="only the tickets reported in this local month, YYYY-MM")

    load = sub.add_parser("import", help="load tickets from an export or a ledger workbook")
    load.add_argument("--config", required=True, type=_path)
    load.add_argument("--format", choices=["jsonl", "xlsx"], help="default: from the file name")
    load.add_argument(
        "file", type=_path, help="JSON lines as export writes them, or a ledger .xlsx"
    )

    link = sub.add_parser("desk-link", help="print a one-time login link for the office desk")
    link.add_argument("--config", required=True, type=_path)
    link.add_argument(
        "--user", required=True, type=_telegram_id, help="a worker's or admin's user id"
    )

    taught = sub.add_parser("learned", help="what the workers taught the classifier; --reset")
    taught.add_argument("--config", required=True, type=_path)
    taught.add_argument("--json", action="store_true", help="print one JSON object")
    taught.add_argument("--reset", action="store_true", help="forget every lesson")
    taught.add_argument(
        "--top",
        type=_at_least_zero,
        default=50,
        help="the N best-backed phrases shown (default 50; 0: every one); --json has all",
    )

    move = sub.add_parser(
        "migrate-to-postgres", help="move the SQLite history into an empty PostgreSQL database"
    )
    move.add_argument(
        "--config", required=True, type=_path, help="the config whose [storage] path to move"
    )
    move.add_argument("--url", required=True, type=_url, help="postgresql://user@host:port/dbname")

    report = sub.add_parser("report", help="a month's ledger, charts and summary for the meeting")
    report.add_argument("--config", required=True, type=_path)
    report.add_argument("--month", required=True, help="local month YYYY-MM")
    report.add_argument(
        "--output", required=True, type=_path, help="folder to write the files into"
    )
    return parser


# command → (module, function taking the parsed arguments and returning the exit status)
COMMANDS: dict[str, tuple[str, str]] = {
    "run": ("bot.cli.run", "run"),
    "demo": ("bot.cli.dev", "demo"),
    "bench": ("bot.cli.dev", "bench"),
    "classify": ("bot.cli.classify", "classify"),
    "evaluate": ("bot.cli.classify", "evaluate"),
    "learned": ("bot.cli.learned", "learned"),
    "desk-link": ("bot.cli.desk", "desk_link"),
    "export": ("bot.cli.ledger", "export"),
    "import": ("bot.cli.ledger", "import_ledger"),
    "report": ("bot.cli.ledger", "monthly_report"),
    "backup": ("bot.cli.ops", "backup"),
    "digest": ("bot.cli.ops", "digest"),
    "migrate-to-postgres": ("bot.cli.transfer", "migrate_to_postgres"),
}


def main(argv: Sequence[str] | None = None) -> int:
    args = _build_parser().parse_args(argv)
    module, name = COMMANDS[args.command]
    try:  # the command's modules load here (a second or so): Ctrl-C meanwhile is one line too
        command: Callable[[argparse.Namespace], int] = getattr(
            importlib.import_module(module), name
        )
        return command(args)
    except KeyboardInterrupt:  # Ctrl-C before `run` takes it over, or in any other command
        print("interrupted (Ctrl-C)", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`… | head`): stop quietly, as cat does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:  # a file that cannot be written or read: one line, no traceback
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"{where}{exc.strerror or exc}", file=sys.stderr)
        return 1
