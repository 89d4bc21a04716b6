"""Operations on a running deployment's database: the online backup, a digest preview."""

from __future__ import annotations

import argparse
import stat
from datetime import date
from pathlib import Path

from bot.cli.common import (
    database_missing,
    fail,
    load_or_exit,
    no_database,
    output_problem,
    refuse_live_database,
    refuse_standard_output,
    use_stores,
)
from bot.core.timeutil import utc_now
from storage.stores import Stores

__all__ = ["backup", "digest"]


def backup(args: argparse.Namespace) -> int:
    """Copy the database with SQLite's online backup API; safe while the bot is running. The
    copy is readable by its owner only; it is written beside --output, then renamed."""
    config = load_or_exit(args.config, require_token=False)
    output = Path(args.output)
    dash = refuse_standard_output(
        args.output, "a backup is a database file", "the copy's file name"
    )
    if dash is not None:
        return dash
    if config.storage.url is not None:
        return fail(
            "backup copies a SQLite file; this config's database is PostgreSQL: use its own "
            f'tools, e.g. pg_dump --format=custom --file={output} "$URL" '
            "(the [storage] url; its password from PGPASSWORD or ~/.pgpass)"
        )
    if database_missing(config):
        return no_database(config)
    refused = refuse_live_database(config, args.output, f"{args.output}.partial")
    if refused is not None:
        return refused
    if output.is_dir():
        return fail(f"--output: {output} is a folder; give the backup's file name")
    if not _absent_or_file(output):  # the copy is renamed over it: a device would be gone
        return fail(
            f"--output: {output} is not a regular file (a device, a pipe, a link?); give the "
            "backup's own file name"
        )

    try:
        verdict = use_stores(config, lambda stores: stores.backup(output))
    except OSError as exc:
        line = output_problem(exc, args.output, f"{args.output}.partial")
        if line is None:
            raise
        return fail(line, 1)
    if verdict != "ok":
        return fail(f"the copy failed its integrity check: {verdict}", 1)
    return fail(f"backed up {config.storage.name} to {output} (integrity ok)", 0)


def _absent_or_file(path: Path) -> bool:
    """Is nothing at `path` yet, or a regular file (not a link to one)?"""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:  # nothing there (or a folder not to be looked in: the copy says why)
        return True


def digest(args: argparse.Namespace) -> int:
    """Print a group's digest for a day, exactly as it would be posted, without sending it."""
    from bot.ledger.rows import CategoryTable
    from bot.runtime.bulletins import Bulletins
    from bot.texts import Texts, html_to_plain

    config = load_or_exit(args.config, require_token=False)
    now = utc_now()
    try:
        today = now.astimezone(config.schedule.tz).date()
        day = date.fromisoformat(args.date) if args.date else today
    except ValueError:
        return fail(f"--date: expected YYYY-MM-DD, got {args.date!r}")
    if not 2000 <= day.year <= 2999:
        return fail(f"--date: expected a day between 2000 and 2999, got {args.date!r}")
    if day > today:  # as /digest in the group: a day to come has nothing to tell yet
        return fail(
            f"--date: {day} has not come yet (today is {today}); give today or a day gone by, "
            "YYYY-MM-DD, or leave --date out"
        )
    if database_missing(config):
        return no_database(config)
    texts = Texts(config.schedule.tz, CategoryTable.of(config.categories).names)

    async def work(stores: Stores) -> tuple[dict[int, str] | None, str | None]:
        if await stores.chats.get(args.chat) is None:
            return await stores.chats.titles(), None
        bulletins = Bulletins(stores.stats, stores.chats, stores.triage, texts, config)
        told = await stores.schedule.last_told("digest", args.chat, bulletins.digest_instant(day))
        return None, await bulletins.digest(args.chat, day, now, since=told)

    groups, text = use_stores(config, work)
    if groups is not None:
        known = ", ".join(f"{chat} ({title})" for chat, title in list(groups.items())[:10])
        return fail(
            f"--chat: the bot has not seen a group {args.chat}; "
            + (f"the groups it knows: {known}" if known else "it knows no group yet")
        )
    if text is None:
        print(f'(a quiet day: with quiet_day = "none" nothing is posted for {day})')
    else:
        print(html_to_plain(text))
    return 0
