"""The commands that need the bot's config or database: run, demo, export."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TextIO

from bot.config import Config, ConfigError, load_config, readable_by_others

__all__ = ["load_or_exit", "run_command"]

log = logging.getLogger("yuanzi")


def load_or_exit(path: str, *, require_token: bool = True) -> Config:
    """The validated config, or one clear line on stderr and exit status 2."""
    try:
        return load_config(path, require_token=require_token)
    except ConfigError as exc:
        print(f"config error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def _run(args: argparse.Namespace) -> int:
    from telegram import Update
    from telegram.error import InvalidToken

    from bot.app import build_application
    from bot.logs import setup_logging

    config = load_or_exit(args.config)
    setup_logging(config.telegram.token, logging.DEBUG if args.verbose else logging.INFO)
    if config.source is not None and readable_by_others(config.source):
        log.warning(
            "%s can be read by other users of this machine and may hold the bot token; "
            "run: chmod 600 %s",
            config.source,
            config.source,
        )
    log.info("starting; database %s", config.storage.path)
    application = build_application(config)
    try:
        application.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)
    except InvalidToken:  # its message repeats the token: never print it
        print(
            "config error: [telegram] token: Telegram rejected the token; copy it again from "
            "@BotFather (or check TELEGRAM_BOT_TOKEN)",
            file=sys.stderr,
        )
        return 2
    return 0


async def _with_tickets(config: Config, work: Callable[..., Awaitable[int]]) -> int:
    from storage.db import Database
    from storage.tickets import TicketStore

    if not config.storage.path.exists():
        print(f"no database at {config.storage.path} yet (the bot creates it)", file=sys.stderr)
        return 2
    db = await Database.open(config.storage.path)
    try:
        return await work(TicketStore(db))
    finally:
        await db.close()


def _export(args: argparse.Namespace) -> int:
    from bot.ledger.export import write_csv, write_jsonl

    if args.format == "xlsx":
        from bot.cli.ledger import export_xlsx

        return export_xlsx(args)
    config = load_or_exit(args.config, require_token=False)
    if args.month:
        print("--month works with --format xlsx", file=sys.stderr)
        return 2
    writer = write_csv if args.format == "csv" else write_jsonl

    async def work(tickets: object) -> int:
        out: TextIO
        if args.output:
            path = Path(args.output)
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("w", encoding="utf-8", newline="") as out:
                count = await writer(tickets.iter_all(), out)  # type: ignore[attr-defined]
            print(f"wrote {count} ticket(s) to {path}", file=sys.stderr)
        else:
            await writer(tickets.iter_all(), sys.stdout)  # type: ignore[attr-defined]
        return 0

    return asyncio.run(_with_tickets(config, work))


def _digest(args: argparse.Namespace) -> int:
    """Print a group's digest for a day, exactly as it would be posted, without sending it."""
    from datetime import date

    from bot.core.categories import CATEGORIES
    from bot.runtime.bulletins import Bulletins
    from bot.runtime.delivery import html_to_plain
    from bot.runtime.services import utc_now
    from bot.texts import Texts
    from storage.chats import ChatStore
    from storage.db import Database
    from storage.stats import StatsStore

    config = load_or_exit(args.config, require_token=False)
    now = utc_now()
    try:
        day = (
            date.fromisoformat(args.date)
            if args.date
            else now.astimezone(config.schedule.tz).date()
        )
    except ValueError:
        print(f"--date: expected YYYY-MM-DD, got {args.date!r}", file=sys.stderr)
        return 2
    names = {c.id: c.name for c in CATEGORIES} | {c.id: c.name for c in config.categories if c.name}

    async def work() -> int:
        if not config.storage.path.exists():
            print(f"no database at {config.storage.path} yet (the bot creates it)", file=sys.stderr)
            return 2
        db = await Database.open(config.storage.path)
        try:
            bulletins = Bulletins(
                StatsStore(db), ChatStore(db), Texts(config.schedule.tz, names), config
            )
            text = await bulletins.digest(args.chat, day, now)
        finally:
            await db.close()
        if text is None:
            print(f'(a quiet day: with quiet_day = "none" nothing is posted for {day})')
        else:
            print(html_to_plain(text))
        return 0

    return asyncio.run(work())


def _demo(args: argparse.Namespace) -> int:
    from bot.devtools.demo import run_demo

    return asyncio.run(run_demo(sys.stdout))


def _backup(args: argparse.Namespace) -> int:
    from bot.cli.ops import backup

    return backup(load_or_exit(args.config, require_token=False), Path(args.output))


def _import(args: argparse.Namespace) -> int:
    from bot.cli.ledger import import_ledger

    return import_ledger(args)


def _report(args: argparse.Namespace) -> int:
    from bot.cli.ledger import monthly_report

    return monthly_report(args)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "run": _run,
    "demo": _demo,
    "export": _export,
    "digest": _digest,
    "import": _import,
    "report": _report,
    "backup": _backup,
}


def run_command(args: argparse.Namespace) -> int:
    return COMMANDS[args.command](args)
