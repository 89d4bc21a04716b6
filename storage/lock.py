"""One running bot per database: an OS lock on `<database>.lock`, held for the process's life.

`flock` locks belong to the open file: the operating system lets them go when the process
ends, however it ends (even under SIGKILL), so a stale lock file never keeps the bot from
starting. A database that exists is locked by its own file too (flock, which SQLite's own
fcntl locks do not see), so no other name for it — a hard link — gets a second bot either. The
command-line tools that only read (export, report) take no lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

__all__ = ["DatabaseInUse", "lock_path", "only_process"]


class DatabaseInUse(Exception):
    """Another process holds the database's lock (another `run` of the bot)."""


def lock_path(database: Path) -> Path:
    """The lock file beside the database (its real path, so two names of it share one)."""
    real = database.resolve()
    return real.with_name(f"{real.name}.lock")


@contextlib.contextmanager
def only_process(database: Path) -> Iterator[Path]:
    """Hold the database's lock for the block, or raise `DatabaseInUse` at once."""
    path = lock_path(database)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            who = f" (pid {holder})" if holder.isdigit() else ""
            raise DatabaseInUse(
                f"{database}: another process{who} is using this database (a second `run`?); "
                "stop it first, or give this one its own [storage] path"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        with _file_itself(database):
            yield path
    finally:
        os.close(fd)  # lets the lock go


@contextlib.contextmanager
def _file_itself(database: Path) -> Iterator[None]:
    """Hold a lock on the database file itself, when it exists (whatever it is called)."""
    try:
        fd = os.open(database, os.O_RDONLY)
    except FileNotFoundError:
        yield  # a new database: only its lock file can be held, and is
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DatabaseInUse(
                f"{database}: another process is using this database under another name "
                "(a hard link?); stop it first"
            ) from None
        yield
    finally:
        os.close(fd)
