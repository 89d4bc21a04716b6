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

    async def work(stores: Stores) -> tuple[str | None, str | None]:
        chat = await _named_group(stores, args.chat)
        if isinstance(chat, str):
            return chat, None
        bulletins = Bulletins(stores.stats, stores.chats, stores.triage, texts, config)
        told = await stores.schedule.last_told("digest", chat, bulletins.digest_instant(day))
        return None, await bulletins.digest(chat, day, now, since=told)

    problem, text = use_stores(config, work)
    if problem is not None:
        return fail(problem)
    if text is None:
        print(f'(a quiet day: with quiet_day = "none" nothing is posted for {day})')
    else:
        print(html_to_plain(text))
    return 0


async def _named_group(stores: Stores, named: str) -> int | str:
    """The chat id of the group `named` by its chat id or its title (a chat the bot knows by
    that id first: a group may be titled "-12345"); else the line saying what it knows."""
    text = named.strip()
    try:
        number: int | None = int(text)
    except ValueError:
        number = None
    fits = number is not None and -(2**63) <= number < 2**63
    if number is not None and fits and await stores.chats.get(number) is not None:
        return number
    titles = await stores.chats.titles()
    titled = sorted([chat for chat, title in titles.items() if title.strip() == text and chat < 0])
    titled = [chat for chat in titled if await stores.chats.moved_to(chat) is None]
    if len(titled) == 1:
        return titled[0]
    if titled:
        listed = ", ".join(map(str, titled))
        return f"--chat: two or more groups are titled {text!r} ({listed}); give its chat id"
    if number is None:
        said = f"--chat: the bot has not seen a group {text!r} (by id or title); "
    elif not fits:
        said = f"--chat: {text} is too large for a Telegram id, and no group is titled so; "
    else:
        said = f"--chat: the bot has not seen a group {text}; "
    known = ", ".join(f"{chat} ({title})" for chat, title in list(titles.items())[:10])
    return said + (f"the groups it knows: {known}" if known else "it knows no group yet")
