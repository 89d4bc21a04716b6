"""The command line as an operator meets it — a database from a newer version, a database in a
folder the command cannot write, a mistyped --url, a user who may not create the tables — one
line, never a traceback nor a password (QA round 5)."""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli.common import database_problem
from storage.pg_database import refused_reason
from storage.postgres import with_database
from tests.cli.test_cli import ROOT, run_cli
from tests.engines import need_postgres
from tests.factories import TOKEN

# commands that read or change a deployment's database (run is tested elsewhere)
COMMANDS = [  # one of each kind: reads, changes the lessons, copies, imports
    ["export"],
    ["learned", "--reset"],
    ["backup", "--output", "{tmp}/copy.sqlite3"],
    ["import", "--format", "jsonl", "{tmp}/empty.jsonl"],
]


async def _one_ticket(path: Path) -> None:
    from storage.stores import Stores
    from tests.factories import new_report

    stores = await Stores.open(path)
    await stores.tickets.file_report(new_report(1))
    await stores.close()


def _deployment(tmp_path: Path, db: Path) -> Path:
    asyncio.run(_one_ticket(db))
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    config = tmp_path / "c.toml"
    config.write_text(f'[storage]\npath = "{db}"\n', encoding="utf-8")
    config.chmod(0o600)
    return config


def _args(command: list[str], config: Path, tmp_path: Path) -> list[str]:
    return [command[0], "--config", str(config), *(a.format(tmp=tmp_path) for a in command[1:])]


def _postgres_config(tmp_path: Path, url: str) -> Path:
    config = tmp_path / "c.toml"
    config.write_text(f'[storage]\nurl = "{url}"\n', encoding="utf-8")
    config.chmod(0o600)
    return config


def _one_line(result: subprocess.CompletedProcess[str]) -> str:
    """The command refused with exit status 2 and one line, no traceback: that line."""
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_database_from_a_newer_version_is_one_line(tmp_path: Path, command: list[str]):
    """After a downgrade (or a copy from a newer deployment) every command refuses the file —
    rightly — but with a Python traceback instead of the one line the README promises."""
    db = tmp_path / "y.sqlite3"
    config = _deployment(tmp_path, db)
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 99")
    result = run_cli(*_args(command, config, tmp_path))
    assert "newer" in _one_line(result)


def test_migrate_to_postgres_from_a_newer_database_is_one_line(tmp_path: Path, pg_url: str):
    db = tmp_path / "y.sqlite3"
    config = _deployment(tmp_path, db)
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 99")
    result = run_cli("migrate-to-postgres", "--config", str(config), "--url", pg_url)
    _one_line(result)


@pytest.mark.parametrize("command", [c for c in COMMANDS if c[0] in ("learned", "import")])
def test_a_database_another_program_keeps_locked_is_one_line(
    tmp_path: Path, command: list[str]
) -> None:
    """The office's volunteer looks at the tickets in a database browser and leaves a change
    unsaved: `import` and `learned --reset` waited their 10 s, then ended in a traceback
    ("sqlite3.OperationalError: database is locked"), as `run` ended in "the bot stopped:
    OperationalError: database is locked" (QA round 36)."""
    db = tmp_path / "y.sqlite3"
    config = _deployment(tmp_path, db)
    holder = sqlite3.connect(db, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        result = run_cli(*_args(command, config, tmp_path))
    finally:
        holder.close()
    line = _one_line(result)
    assert line.startswith(f"database busy ({db})"), line
    assert "close that program" in line


def _without_dac_override(args: list[str]) -> subprocess.CompletedProcess[str]:
    """The command run so that file permissions hold (root ignores them otherwise)."""
    cmd = [sys.executable, "-m", "bot", *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("root without setpriv: file permissions cannot be made to hold")
        cmd = [setpriv, "--inh-caps=-dac_override", "--bounding-set=-dac_override", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_database_in_a_folder_the_command_cannot_write_is_one_line(
    tmp_path: Path, command: list[str]
):
    """The database on a read-only mount, or in a folder the office's user may only read (the
    bot's own /var/lib/yuanzi): sqlite3.OperationalError ("unable to open database file" /
    "attempt to write a readonly database") comes out as a traceback from every command."""
    folder = tmp_path / "data"
    folder.mkdir()
    db = folder / "y.sqlite3"
    config = _deployment(tmp_path, db)
    db.chmod(0o400)
    folder.chmod(0o500)
    try:
        result = _without_dac_override(_args(command, config, tmp_path))
    finally:
        folder.chmod(0o700)
    assert "Traceback" not in result.stderr, result.stderr
    if result.returncode != 0:
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert str(db) in result.stderr, result.stderr


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://yuanzi:s3cretpw@[::1/yuanzi",  # an IPv6 host without its closing bracket
        "postgresql://yuanzi:s3cretpw@db.example:5432/yuanzi?sslmode",  # an option without =
    ],
)
def test_a_mistyped_url_is_one_line_without_the_password(tmp_path: Path, url: str):
    """[storage] url is checked by the config reader; migrate-to-postgres --url is not: psycopg's
    ProgrammingError comes out as a traceback that repeats the URL with its password."""
    config = _deployment(tmp_path, tmp_path / "y.sqlite3")
    result = run_cli("migrate-to-postgres", "--config", str(config), "--url", url, timeout=60)
    _one_line(result)
    assert "s3cretpw" not in result.stderr + result.stdout, result.stderr


def _database_owned_by_another(pg_url: str) -> str:
    """pg_url's database (owned by the server's superuser) as a role that may connect but not
    create tables there: `createdb yuanzi` without `-O yuanzi`, on PostgreSQL 15 or newer."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(
            "DO $$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'yuanzi_guest') "
            "THEN CREATE ROLE yuanzi_guest LOGIN; END IF; END$$"
        )
        conn.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    parts = urlsplit(pg_url)
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit((parts.scheme, f"yuanzi_guest:s3cretpw@{host}", parts.path, "", ""))


def test_migrating_into_a_database_the_user_may_not_create_tables_in_is_one_line(
    tmp_path: Path, pg_url: str
):
    """The operator ran `createdb yuanzi` but forgot `-O yuanzi` (docs/scaling.md): psycopg's
    InsufficientPrivilege comes out as a traceback instead of one line saying what is wrong."""
    config = _deployment(tmp_path, tmp_path / "y.sqlite3")
    url = _database_owned_by_another(pg_url)
    result = run_cli("migrate-to-postgres", "--config", str(config), "--url", url, timeout=60)
    _one_line(result)
    assert "s3cretpw" not in result.stderr


@pytest.mark.parametrize("command", COMMANDS[:2], ids=lambda c: " ".join(c[:2]))
def test_a_postgres_database_the_user_may_not_create_tables_in_is_one_line(
    tmp_path: Path, pg_url: str, command: list[str]
):
    url = _database_owned_by_another(pg_url)
    config = _postgres_config(tmp_path, url)
    result = run_cli(*_args(command, config, tmp_path), timeout=60)
    _one_line(result)


@pytest.mark.parametrize(
    "command",
    [
        ["export"],
        ["learned"],
        ["digest", "--chat", "-1"],
        ["report", "--month", "2026-11", "--output", "{tmp}/r"],
    ],
    ids=lambda c: c[0],
)
def test_a_url_naming_a_database_the_bot_never_opened_is_one_line_and_writes_nothing(
    tmp_path: Path, pg_url: str, command: list[str]
) -> None:
    """[storage] url named the server's `postgres` database (or another program's) instead of
    the one migrate-to-postgres filled: `export` printed an empty ledger and quietly made the
    bot's 19 tables there (QA round 36). A SQLite file not there yet is refused the same way."""
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
    config = _postgres_config(tmp_path, pg_url)
    line = _one_line(run_cli(*_args(command, config, tmp_path), timeout=60))
    assert line.startswith("no Yuanzi tables in postgresql://"), line
    assert "[storage] url" in line
    with psycopg.connect(pg_url, autocommit=True) as conn:
        tables = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        assert [row[0] for row in tables] == ["customers"]


def _newer_postgres(pg_url: str) -> None:
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(
            "CREATE TABLE yuanzi_schema (id INTEGER PRIMARY KEY CHECK (id = 1), "
            "version INTEGER NOT NULL)"
        )
        conn.execute("INSERT INTO yuanzi_schema VALUES (1, 99)")


@pytest.mark.parametrize("command", COMMANDS[:2], ids=lambda c: " ".join(c[:2]))
def test_a_postgres_database_from_a_newer_version_is_one_line(
    tmp_path: Path, pg_url: str, command: list[str]
):
    _newer_postgres(pg_url)
    config = _postgres_config(tmp_path, pg_url)
    result = run_cli(*_args(command, config, tmp_path), timeout=60)
    assert "newer" in _one_line(result)


def test_migrating_into_a_database_of_a_newer_version_is_one_line(tmp_path: Path, pg_url: str):
    _newer_postgres(pg_url)
    config = _deployment(tmp_path, tmp_path / "y.sqlite3")
    result = run_cli("migrate-to-postgres", "--config", str(config), "--url", pg_url, timeout=60)
    _one_line(result)


def test_a_server_not_reached_is_named_by_its_url_not_hidden_as_a_token(tmp_path: Path):
    """A URL without a password holds nothing secret, yet the operator read `database
    unreachable (<token>)` — in `run`'s `starting; database <token>` too — and could not tell
    which server was meant, nor why a token came into it."""
    url = "postgresql://yuanzi@127.0.0.1:9/yuanzi"  # nothing listens on port 9
    config = _postgres_config(tmp_path, url)
    line = _one_line(run_cli("export", "--config", str(config), timeout=60))
    assert line.startswith(f"database unreachable ({url}): "), line
    moved = run_cli(
        "migrate-to-postgres",
        "--config",
        str(_deployment(tmp_path, tmp_path / "y.sqlite3")),
        "--url",
        url,
        timeout=60,
    )
    assert f"→ {url})" in _one_line(moved)


def test_a_database_that_does_not_exist_is_refused_naming_the_fix(tmp_path: Path):
    """A database never created (or a name mistyped in the URL) read `database unreachable`,
    sending the operator to check the network of a server that answered."""
    url = with_database(need_postgres(), "yuanzi_never_created")
    config = tmp_path / "c.toml"
    telegram = f'token = "{TOKEN}"\nbase_url = "http://127.0.0.1:9/bot"'
    config.write_text(f'[telegram]\n{telegram}\n[storage]\nurl = "{url}"\n', encoding="utf-8")
    config.chmod(0o600)
    for command in ("run", "export"):
        line = _one_line(run_cli(command, "--config", str(config), timeout=60))
        assert line.startswith(f"database refused ({url}): the server has no such database"), line
        assert "createdb -O <user> <database>" in line, line


@pytest.mark.parametrize(
    "said",
    [
        'FATAL:  password authentication failed for user "yuanzi"',
        "fe_sendauth: no password supplied",
        'FATAL:  role "yuanzi" does not exist',
    ],
)
def test_a_login_the_server_refuses_is_told_with_where_the_password_goes(said: str):
    """A wrong or missing password (PGPASSWORD, ~/.pgpass) read `database unreachable`."""
    import psycopg

    exc = psycopg.OperationalError(
        f'connection failed: connection to server at "db", port 5432 failed: {said}'
    )
    line = database_problem(exc, "postgresql://yuanzi:***@db/yuanzi", ("s3cret",))
    assert line is not None and line.startswith("database refused (postgresql://yuanzi:***@db")
    assert "the server refused the login" in line and "PGPASSWORD or ~/.pgpass" in line, line


def test_a_refusal_on_a_later_line_of_libpqs_answer_is_found() -> None:
    """libpq tries each address of localhost (::1, then 127.0.0.1), a line each: the login
    refused on the second read as unreachable (the reviewer)."""
    psycopg = pytest.importorskip("psycopg")
    said = (
        'connection to server at "localhost" (::1), port 5432 failed: Connection refused\n'
        "\tIs the server running on that host and accepting TCP/IP connections?\n"
        'connection to server at "localhost" (127.0.0.1), port 5432 failed: FATAL:  password '
        'authentication failed for user "yuanzi"'
    )
    reason = refused_reason(psycopg.OperationalError(said))
    assert reason is not None and reason.startswith("the server refused the login (")
    assert "password authentication failed" in reason
