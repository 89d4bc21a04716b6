"""A migration that fails on an operator's database (data it did not expect, a statement the
server refuses) is named by its file and the line in it, and said in one line by every
command: it was the driver's words alone ("no such table: nowhere", PostgreSQL's "LINE 2: …"
counting the lines of one statement), under a traceback, with no word of which file."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

import storage.db
from bot.cli.main import main
from storage.db import Database, Migration, MigrationFailed, read_migrations
from storage.pg_database import PgDatabase
from tests.engines import storage_toml

CARELESS = """-- version 2: a table the data does not have
INSERT INTO t VALUES (1);

INSERT INTO t
  SELECT x FROM nowhere;
"""


def _migrations(tmp_path: Path, second: str = CARELESS) -> tuple[Migration, ...]:
    folder = tmp_path / "migrations"
    folder.mkdir(exist_ok=True)
    (folder / "0001_tables.sql").write_text("CREATE TABLE t (x INTEGER);\n", encoding="utf-8")
    (folder / "0002_careless.sql").write_text(second, encoding="utf-8")
    return read_migrations(folder, "storage/migrations")


async def test_a_failing_sqlite_migration_names_its_file_and_line(tmp_path: Path):
    first, careless = _migrations(tmp_path)
    path = tmp_path / "m.sqlite3"
    await (await Database.open(path, migrations=[first])).close()
    with pytest.raises(MigrationFailed) as failed:
        await Database.open(path, migrations=[first, careless])
    said = str(failed.value)
    assert said == (
        "migration storage/migrations/0002_careless.sql failed at line 4 (no such table: "
        "nowhere); nothing was changed, the database is still at version 1: keep the "
        "previous release of yuanzi running on it, and report this line"
    )
    assert isinstance(failed.value.__cause__, sqlite3.OperationalError)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 0


async def test_a_migration_that_would_break_a_reference_names_its_file(tmp_path: Path):
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "0001_tables.sql").write_text(
        "CREATE TABLE parent (id INTEGER PRIMARY KEY);\n"
        "CREATE TABLE child (parent_id INTEGER REFERENCES parent (id));\n"
        "INSERT INTO parent VALUES (1);\nINSERT INTO child VALUES (1);\n",
        encoding="utf-8",
    )
    (folder / "0002_careless.sql").write_text("DELETE FROM parent;\n", encoding="utf-8")
    first, careless = read_migrations(folder, "storage/migrations")
    path = tmp_path / "m.sqlite3"
    await (await Database.open(path, migrations=[first])).close()
    with pytest.raises(MigrationFailed, match=r"^migration storage/migrations/0002_careless\.sql "
                       r"would leave table child row 1 pointing at a missing row of parent; "
                       r"nothing was changed, the database is still at version 1"):  # fmt: skip
        await Database.open(path, migrations=[first, careless])


def test_every_command_says_it_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    first, careless = _migrations(tmp_path)
    path = tmp_path / "m.sqlite3"

    async def version_1() -> None:
        await (await Database.open(path, migrations=[first])).close()

    asyncio.run(version_1())
    config = tmp_path / "c.toml"
    config.write_text(storage_toml({"path": str(path)}), encoding="utf-8")
    monkeypatch.setattr(storage.db, "load_migrations", lambda: (first, careless))
    with pytest.raises(SystemExit) as ended:
        main(["export", "--config", str(config)])
    assert ended.value.code == 2
    said = capsys.readouterr().err.splitlines()
    assert len(said) == 1, said
    assert said[0].startswith(
        f"database refused ({path}): migration storage/migrations/0002_careless.sql failed at "
        "line 4 (no such table: nowhere)"
    )


async def test_a_failing_postgres_migration_names_the_line_in_its_file(tmp_path: Path, pg_url: str):
    """PostgreSQL's LINE 2 is the statement's second line: the file's line 5."""
    first, careless = _migrations(tmp_path)
    await (await PgDatabase.open(pg_url, migrations=[first])).close()
    with pytest.raises(MigrationFailed) as failed:
        await PgDatabase.open(pg_url, migrations=[first, careless])
    assert str(failed.value).startswith(
        'migration storage/migrations/0002_careless.sql failed at line 5 (relation "nowhere" '
        "does not exist); nothing was changed, the database is still at version 1"
    )


def test_an_unfinished_statement_names_its_file_and_line(tmp_path: Path):
    with pytest.raises(ValueError) as refused:
        _migrations(tmp_path, "INSERT INTO t VALUES (1);\n\n-- then\nINSERT INTO t\n  VALUES (2)\n")
    assert str(refused.value).startswith(
        "storage/migrations/0002_careless.sql: incomplete SQL statement at the end of a "
        "migration, line 4: "
    )
