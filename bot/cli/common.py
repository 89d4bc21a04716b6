"""What every command of the command line shares: the config, the database, one-line errors.

Exit status 0 when done, 1 when a file is refused, 2 for a wrong command line, a bad config or
a missing, damaged or busy database, 130 for Ctrl-C; every problem is said in one line on
standard error, never a traceback. Every file a command writes is readable by its owner only (0600).
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import os
import re
import sqlite3
import stat
import sys
from collections.abc import Awaitable, Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from bot.cli.environment import temp_folder_problem
from bot.config import Config, ConfigError, load_config
from bot.logs import RedactSecrets
from storage.db import DatabaseDamaged, MigrationFailed, SchemaTooNew, is_database_file
from storage.lock import lock_path
from storage.pg_database import refused_reason, unreachable_reason
from storage.stores import Stores

__all__ = [
    "database_problem",
    "fail",
    "load_or_exit",
    "no_database",
    "output_problem",
    "owner_only",
    "private",
    "refuse_live_database",
    "refuse_special_output",
    "refuse_standard_output",
    "storage_path_problem",
    "use_stores",
    "with_stores",
]

T = TypeVar("T")
# SQLite's words for a file or folder this user may not write
_CANNOT_WRITE = re.compile(r"unable to open|readonly|read-only|permission denied", re.IGNORECASE)
# SQLite's words for a file another program holds locked past the busy timeout
_BUSY = re.compile(r"database is (locked|busy)|database table is locked", re.IGNORECASE)


def fail(message: str, status: int = 2) -> int:
    """Say what is wrong in one line; the exit status."""
    print(message, file=sys.stderr)
    return status


def load_or_exit(path: str, *, require_token: bool = True) -> Config:
    """The validated config, or one clear line on stderr and exit status 2 (also for a
    SQLite database's temporary folder that takes no file)."""
    try:
        config = load_config(path, require_token=require_token)
    except ConfigError as exc:
        print(f"config error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    if config.storage.url is None and (problem := temp_folder_problem()) is not None:
        print(problem, file=sys.stderr)
        raise SystemExit(2)
    return config


def database_missing(config: Config) -> bool:
    """Is the configured database not there yet: no SQLite file, or a PostgreSQL database the
    bot never opened (a wrong name in the URL)? A server that cannot be asked is left to the
    command's own one line when it opens the database."""
    if config.storage.url is None:
        return config.storage.path is not None and not config.storage.path.exists()
    from storage.pg_database import holds_yuanzi

    try:
        return not holds_yuanzi(config.storage.url)
    except Exception:
        return False


def no_database(config: Config) -> int:
    if config.storage.url is not None:
        return fail(
            f"no Yuanzi tables in {config.storage.name} yet (the bot makes them at its first "
            "start); check the database's name in [storage] url"
        )
    return fail(f"no database at {config.storage.name} yet (the bot creates it)")


async def with_stores(config: Config, work: Callable[[Stores], Awaitable[T]]) -> T:
    """Open (creating and migrating if need be) the database, do the work, close it."""
    stores = await Stores.open(
        config.storage.target, policy=config.deadline_policy(), loop=config.loop_policy()
    )
    try:
        return await work(stores)
    finally:
        await stores.close()


def use_stores(config: Config, work: Callable[[Stores], Awaitable[T]]) -> T:
    """`with_stores` in a new event loop; a database that cannot be used is one line and exit
    status 2."""
    try:
        return asyncio.run(with_stores(config, work))
    except DatabaseDamaged as exc:
        print(f"database refused: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    except Exception as exc:
        line = database_problem(exc, config.storage.name, config.storage.secrets)
        if line is None and isinstance(exc, OSError) and config.storage.path is not None:
            line = storage_path_problem(exc, config.storage.path)
        if line is None:
            raise
        print(line, file=sys.stderr)
        raise SystemExit(2) from None


def database_problem(exc: BaseException, name: str, secrets: Sequence[str] = ()) -> str | None:
    """One line for an operator on why the database named `name` cannot be used: written by
    a newer version, a file this user cannot write, a file another program keeps locked, a
    server not reached, or one that refuses (a wrong password, no such database, no right to
    create the tables, a URL it cannot read); None for anything else (a bug)."""
    if isinstance(exc, SchemaTooNew | MigrationFailed):
        return RedactSecrets(*secrets).redact(f"database refused ({name}): {exc}")
    if isinstance(exc, sqlite3.OperationalError) and _BUSY.search(str(exc)):
        return (
            f"database busy ({name}): another program kept it locked for over 10 s (a sqlite3 "
            "shell or a database browser with a change not yet saved or rolled back?); close "
            "that program, then try again"
        )
    if isinstance(exc, sqlite3.OperationalError) and _CANNOT_WRITE.search(str(exc)):
        return (
            f"database not writable ({name}): {exc}; this user must be able to write the file "
            "and its folder"
        )
    if (reason := refused_reason(exc)) is not None:  # reached, but the login or name is wrong
        return RedactSecrets(*secrets).redact(f"database refused ({name}): {reason}")
    if (reason := unreachable_reason(exc)) is not None:
        return RedactSecrets(*secrets).redact(f"database unreachable ({name}): {reason}")
    return None


def storage_path_problem(exc: OSError, database: Path) -> str | None:
    """One line for an operator when the SQLite database (or its folder, lock or journal
    files) cannot be created where [storage] path says; None when `exc` is about another
    file."""
    named = exc.filename
    if named is None:
        return None
    try:
        found, target = Path(named).resolve(), database.resolve()
    except (OSError, ValueError):
        return None
    beside = found.parent == target.parent and found.name.startswith(target.name)
    if not beside and found not in target.parents:  # the file, its lock, -wal, -shm, a folder
        return None
    why = exc.strerror or type(exc).__name__
    if isinstance(exc, (FileExistsError, NotADirectoryError)):
        for folder in target.parents:  # a file where a folder should be
            if folder.exists():
                why = why if folder.is_dir() else f"{folder} is a file, not a folder"
                break
    return (
        f"config error: [storage] path: cannot create {database} ({why}); name a file in a "
        "folder the bot's user can write to"
    )


def refuse_live_database(config: Config, output: str | None, *also: str) -> int | None:
    """The exit status when --output (or a file written on the way to it) is the live
    database or its -wal or -shm file; None when it is another path."""
    paths = (output, *also) if output else ()
    database = config.storage.path
    if database is not None and any(is_database_file(Path(path), database) for path in paths):
        return fail(
            f"--output: {output} is the live database (or its -wal/-shm file); give another path"
        )
    kept = [lock_path(database)] if database is not None else []
    kept += [config.source] if config.source else []
    if any(_same_file(Path(path), other) for path in paths for other in kept):
        return fail(f"--output: {output} is the bot's config or lock file; give another path")
    return None


def refuse_special_output(output: str | None, what: str) -> int | None:
    """The exit status when --output is there but not a regular file (a FIFO no one reads,
    or a device, would hold the command forever when opened); None when it is a file, or
    nothing yet (standard output when not given)."""
    if not output:
        return None
    try:
        mode = os.stat(output).st_mode
    except OSError:  # nothing there yet (or a folder not to be looked in: open says why)
        return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return fail(f"--output: {output} is a folder; give {what} file name")
    return fail(
        f"--output: {output} is not a regular file (a device, a pipe?); give {what} file name"
    )


def refuse_standard_output(output: str | None, what: str, instead: str) -> int | None:
    """The exit status when --output is "-" (standard output, by the usual convention) for a
    command that writes no one stream: rather than a file or a folder named "-"; None else."""
    if output != "-":
        return None
    return fail(f"--output: {what}, not one for standard output; give {instead}")


def output_problem(exc: OSError, output: str, *beside: str) -> str | None:
    """One line on why --output (a file in it, when a folder, or a file written on the way
    to it, `beside`) cannot be written, and what to give instead; None when the error is
    about another file."""
    path = Path(output)
    named = Path(exc.filename) if exc.filename else None
    if named is None or (
        named not in (*map(Path, beside), *path.parents) and path not in (named, *named.parents)
    ):
        return None
    why = exc.strerror or str(exc)
    for folder in path.parents:  # a file where a folder should be: `exports` kept as a file
        if folder.exists():
            why = why if folder.is_dir() else f"{folder} is a file, not a folder"
            break
    return f"--output: cannot write {output} ({why}); give a path in a folder this user can write"


def _same_file(path: Path, other: Path) -> bool:
    try:
        return path.resolve() == other.resolve() or path.samefile(other)
    except OSError:
        return False


def private(path: str, flags: int) -> int:
    """An `opener` for open(): the file is readable by its owner only, also when it existed.
    A terminal or another device is refused (OSError): a file is what --output writes."""
    fd = os.open(path, flags, 0o600)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(errno.EINVAL, "not a regular file (a terminal, a device?)", path)
    os.fchmod(fd, 0o600)
    return fd


@contextlib.contextmanager
def owner_only() -> Iterator[None]:
    """Files and folders created meanwhile are readable by their owner only (umask 077)."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)
