"""The database file itself: created readable by its owner only, checked before use, never
written over by a copy or an export.

SQLite gives a database's -wal and -shm files the mode of the database file, so creating that
one 0600 keeps all three private.
"""

from __future__ import annotations

import codecs
import os
import sqlite3
from pathlib import Path

__all__ = [
    "DatabaseDamaged",
    "create_private",
    "is_damage",
    "is_database_file",
    "prepare_file",
    "quick_check",
]

_RESTORE = "put the latest copy made with `python -m bot backup` in its place"
_WRONG_FILE = (
    "check that [storage] path names the bot's database (if the database was this file, "
    f"{_RESTORE})"
)
_SQLITE_HEADER = b"SQLite format 3\x00"
_DAMAGE_CODES = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def create_private(path: Path) -> None:
    """A new empty file at `path` (replacing any), readable and writable by its owner only."""
    path.unlink(missing_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


class DatabaseDamaged(Exception):
    """The database file is not a sound SQLite database: nothing may run on it."""

    def __init__(self, path: Path, what: str, fix: str = _RESTORE) -> None:
        super().__init__(f"{path}: {' '.join(what.split())}; {fix}")
        self.path = path


def is_damage(exc: sqlite3.DatabaseError) -> bool:
    """Whether SQLite's error says the file is corrupt or not a database at all."""
    return getattr(exc, "sqlite_errorcode", 0) & 0xFF in _DAMAGE_CODES


def prepare_file(path: Path) -> bool:
    """Make `path` ready for SQLite: whether the database already existed.

    A missing database is created owner-only (0600) under a temporary name and appears under
    its own only once SQLite has written its header, so that a crash can never leave an empty
    file behind. An existing empty file is refused: started on, it would number tickets from #1
    again (only a write-ahead log with content may still hold its data)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        wal = Path(f"{path}-wal")
        if path.stat().st_size == 0 and not (wal.exists() and wal.stat().st_size > 0):
            raise DatabaseDamaged(
                path,
                "the database file is empty (0 bytes): started on, it would number tickets "
                "from #1 again",
            )
        if (kind := _other_kind(path)) is not None:  # a wrong path, not a damaged database
            raise DatabaseDamaged(path, f"not a database but {kind}", _WRONG_FILE)
        if tables := _foreign_tables(path):  # checked before SQLite may set WAL mode on it
            shown = ", ".join(tables[:3]) + (", …" if len(tables) > 3 else "")
            raise DatabaseDamaged(
                path,
                f"a database of another program (tables {shown}), not the bot's",
                "check that [storage] path names the bot's database; nothing was written to it",
            )
        return True
    fresh = path.with_name(f"{path.name}.new")
    create_private(fresh)
    conn = sqlite3.connect(fresh)
    try:
        conn.execute("PRAGMA journal_mode = WAL")  # writes the header: no longer an empty file
    finally:
        conn.close()
    try:
        os.link(fresh, path)  # never over a database another process made meanwhile
    except FileExistsError:
        pass
    except OSError:  # a file system without hard links
        fresh.replace(path)
    finally:
        fresh.unlink(missing_ok=True)
    return False


def _other_kind(path: Path) -> str | None:
    """What a file that is plainly not a SQLite database is (a workbook, a text file), or None
    for a database, or for bytes that may be one's damaged beginning."""
    with path.open("rb") as file:
        head = file.read(4096)
    if head.startswith(_SQLITE_HEADER):
        return None
    if head.startswith(b"PK\x03\x04"):
        return "a ZIP file (an .xlsx workbook?)"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head)  # a character cut off is fine
    except UnicodeDecodeError:
        return None
    return "a text file" if head and b"\x00" not in head else None


def _foreign_tables(path: Path) -> list[str]:
    """The tables of a SQLite file the bot never made: the bot's migrations number every
    database they touch, from 1. Read without writing anything, not even a -shm file; a file
    with a write-ahead log in use is left to the usual checks."""
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return []
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
    except sqlite3.Error:
        return []
    try:
        if conn.execute("PRAGMA user_version").fetchone()[0] != 0:
            return []
        rows = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        ).fetchall()
    except sqlite3.Error:  # damaged: said by the checks that follow
        return []
    finally:
        conn.close()
    return [str(row[0]) for row in rows]


def quick_check(conn: sqlite3.Connection) -> str:
    row = conn.execute("PRAGMA quick_check(1)").fetchone()
    return str(row[0]) if row else "no answer"


def is_database_file(candidate: Path, database: Path) -> bool:
    """Whether writing `candidate` would write over `database`, its -wal, -shm or -journal
    (the same path once resolved, or the same file under another name)."""
    target = candidate.resolve()
    for suffix in ("", "-wal", "-shm", "-journal"):
        own = Path(f"{database}{suffix}")
        if target == own.resolve():
            return True
        try:
            if os.path.samefile(candidate, own):
                return True
        except OSError:  # one of them does not exist
            continue
    return False
