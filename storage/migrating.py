"""The numbered migrations: `NNNN_name.sql` files read into statements, applied on SQLite in
order (`migrate`); `storage.pg_database.migrate_postgres` applies PostgreSQL's.

A migration that fails on a statement (data it did not expect, a statement the engine
refuses) or would break a reference is `MigrationFailed`: its file and the line in it, the
engine's words, and that nothing was changed. A database that cannot be written or is busy is
left to the engine's own error (the commands say those in their own words)."""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

from storage.dbfile import is_damage

__all__ = [
    "Migration",
    "MigrationFailed",
    "SchemaTooNew",
    "load_migrations",
    "migrate",
    "read_migrations",
    "split_statements",
    "statement_failed",
]

log = logging.getLogger(__name__)

# SQLite's words for a database it cannot use now (not the migration's fault)
_ENVIRONMENT = re.compile(
    r"locked|busy|readonly|read-only|unable to open|disk i/o|disk is full|interrupted", re.I
)
_PG_LINE = re.compile(r"^LINE (\d+):", re.MULTILINE)  # PostgreSQL's line of the statement


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]
    lines: tuple[int, ...] = ()  # the line of its file where each statement begins
    source: str = ""  # its file, as an operator may find it (storage/migrations/0002_x.sql)

    @property
    def file(self) -> str:
        return self.source or f"{self.version} ({self.name})"


class SchemaTooNew(RuntimeError):
    """The database was written by a newer version of the bot: this one must not touch it."""

    def __init__(self, current: int, latest: int) -> None:
        super().__init__(
            f"the database is at schema version {current}, newer than this program ({latest}); "
            "upgrade yuanzi"
        )


class MigrationFailed(RuntimeError):
    """A migration could not be applied; the database is as it was before it."""

    def __init__(self, migration: Migration, what: str, current: int) -> None:
        super().__init__(
            f"migration {migration.file} {what}; nothing was changed, the database is still at "
            f"version {current}: keep the previous release of yuanzi running on it, and report "
            "this line"
        )
        self.migration = migration


def statement_failed(
    migration: Migration, index: int, exc: BaseException, current: int
) -> MigrationFailed:
    """The failure of the migration's statement `index`, at the line of its file (PostgreSQL
    names the line within the statement)."""
    words = " ".join(str(exc).splitlines()[0].split()) if str(exc).strip() else type(exc).__name__
    within = _PG_LINE.search(str(exc))
    if index < len(migration.lines):
        line = migration.lines[index] + (int(within.group(1)) - 1 if within else 0)
        return MigrationFailed(migration, f"failed at line {line} ({words})", current)
    return MigrationFailed(migration, f"failed at statement {index + 1} ({words})", current)


def _numbered_statements(script: str) -> list[tuple[str, int]]:
    """The complete statements of a SQL script, each with the line it begins on."""
    statements: list[tuple[str, int]] = []
    buffer, first = "", 0
    for number, line in enumerate(script.splitlines(keepends=True), start=1):
        if not buffer and (not line.strip() or line.lstrip().startswith("--")):
            continue
        if not buffer:
            first = number
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append((buffer.strip(), first))
            buffer = ""
    if buffer.strip():
        raise ValueError(
            f"incomplete SQL statement at the end of a migration, line {first}: {buffer[:60]!r}"
        )
    return statements


def split_statements(script: str) -> tuple[str, ...]:
    """Split a SQL script into complete statements (executescript would commit midway)."""
    return tuple(statement for statement, _ in _numbered_statements(script))


def read_migrations(folder: Traversable, label: str) -> tuple[Migration, ...]:
    """The numbered `NNNN_name.sql` files of `folder` (named `label/NNNN_name.sql`), in
    order, numbered 1..n without gaps."""
    found = []
    for entry in folder.iterdir():
        if not entry.name.endswith(".sql"):
            continue
        number, _, rest = entry.name.partition("_")
        source = f"{label}/{entry.name}"
        try:
            numbered = _numbered_statements(entry.read_text("utf-8"))
        except ValueError as exc:
            raise ValueError(f"{source}: {exc}") from None
        statements = tuple(s for s, _ in numbered)
        lines = tuple(n for _, n in numbered)
        found.append(Migration(int(number), rest.removesuffix(".sql"), statements, lines, source))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..n without gaps, found {versions}")
    return tuple(found)


def load_migrations(engine: str = "sqlite") -> tuple[Migration, ...]:
    """The numbered `NNNN_name.sql` files shipped for the engine ("sqlite" or "postgres"), in
    order; both engines have the same numbers."""
    folder = resources.files("storage.migrations")
    if engine == "postgres":
        return read_migrations(folder.joinpath("postgres"), "storage/migrations/postgres")
    return read_migrations(folder, "storage/migrations")


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration]) -> int:
    """Apply every migration above the file's `user_version`, each in its own transaction
    together with the new version number.

    Foreign keys are off meanwhile (a migration may rebuild a table others point to) and
    checked before each migration commits."""
    current = int(conn.execute("PRAGMA user_version").fetchone()[0])
    latest = migrations[-1].version if migrations else 0
    if current > latest:
        raise SchemaTooNew(current, latest)
    keys_were_on = bool(conn.execute("PRAGMA foreign_keys").fetchone()[0])
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        for migration in migrations:
            if migration.version > current:
                _apply(conn, migration, current)
                current = migration.version
    finally:
        conn.execute(f"PRAGMA foreign_keys = {'ON' if keys_were_on else 'OFF'}")
    return current


def _apply(conn: sqlite3.Connection, migration: Migration, current: int) -> None:
    log.info("migrating the database to version %d (%s)…", migration.version, migration.name)
    conn.execute("BEGIN IMMEDIATE")
    try:
        for index, statement in enumerate(migration.statements):
            try:
                conn.execute(statement)
            except sqlite3.DatabaseError as exc:
                if is_damage(exc) or _ENVIRONMENT.search(str(exc)):
                    raise
                raise statement_failed(migration, index, exc, current) from exc
        broken = conn.execute("PRAGMA foreign_key_check").fetchone()
        if broken is not None:
            raise MigrationFailed(
                migration,
                f"would leave table {broken[0]} row {broken[1]} pointing at a missing row of "
                f"{broken[2]}",
                current,
            )
        conn.execute(f"PRAGMA user_version = {int(migration.version)}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    log.info("database migrated to version %d (%s)", migration.version, migration.name)
