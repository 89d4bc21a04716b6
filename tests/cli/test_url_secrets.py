"""A PostgreSQL URL whose password holds an @ written as it is: refused where it is configured,
and never shown in part when it reaches libpq anyway. libpq ends the password at the first @
and takes the rest for the server's name, which its errors repeat; a URL's mask and secrets
ended it at the last."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from bot.core.redact import loose_at, mask_url, url_secrets
from bot.logs import RedactSecrets
from tests.cli.test_cli import run_cli

LOOSE = "postgresql://yuanzi:Tr0ub4dor@Kx9secret@127.0.0.1:1/yuanzi"


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    """The command refused with exit status 2 and one line, no traceback: that line."""
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize("command", [["export"], ["learned"]], ids=lambda c: c[0])
def test_a_password_with_an_unencoded_at_sign_is_never_shown(tmp_path: Path, command):
    """[storage] url = "postgresql://yuanzi:Tr0ub4dor@Kx9secret@…" was accepted (urlsplit splits
    at the last @), and libpq's 'failed to resolve host Kx9secret@127.0.0.1' printed half of
    the password: now the config reader refuses it in one line, saying how to write it."""
    config = tmp_path / "c.toml"
    config.write_text(f'[storage]\nurl = "{LOOSE}"\n', encoding="utf-8")
    config.chmod(0o600)
    result = run_cli(command[0], "--config", str(config), timeout=60)
    said = result.stderr + result.stdout
    assert result.returncode == 2 and "Traceback" not in said, said
    assert "Tr0ub4dor" not in said, said
    assert "Kx9secret" not in said, said
    line = one_line(result)
    assert line.startswith("config error: [storage] url: more than one @"), line
    assert "write an @ in the user name or password as %40" in line, line


def test_migrate_to_postgres_refuses_such_a_url_too(tmp_path: Path):
    """Its --url is no config's: it is refused the same way, before any database is opened."""
    db, config = tmp_path / "y.sqlite3", tmp_path / "c.toml"
    db.touch()
    config.write_text(f'[storage]\npath = "{db}"\n', encoding="utf-8")
    config.chmod(0o600)
    result = run_cli("migrate-to-postgres", "--config", str(config), "--url", LOOSE, timeout=60)
    line = one_line(result)
    assert line.endswith("write an @ in the user name or password as %40 (percent-encoded)")
    assert "Tr0ub4dor" not in line and "Kx9secret" not in line


def test_each_piece_of_a_password_split_at_an_at_sign_is_a_secret():
    """Should such a URL reach libpq all the same, what it says of the host is redacted."""
    assert loose_at(LOOSE) and not loose_at("postgresql://yuanzi:Tr0ub4dor%40Kx9@db/yuanzi")
    assert not loose_at("postgresql://yuanzi@db/yuanzi?options=a@b")  # a query's @ is no host
    secrets = url_secrets(LOOSE)
    assert {"Tr0ub4dor@Kx9secret", "Tr0ub4dor", "Kx9secret"} <= set(secrets)
    error = "failed to resolve host 'Kx9secret@127.0.0.1': Name or service not known"
    shown = RedactSecrets(*secrets).redact(f"database unreachable ({mask_url(LOOSE)}): {error}")
    assert "Tr0ub4dor" not in shown and "Kx9secret" not in shown, shown
    encoded = url_secrets("postgresql://yuanzi:Tr0ub4dor%40Kx9secret@db/yuanzi")
    assert {"Tr0ub4dor%40Kx9secret", "Tr0ub4dor@Kx9secret"} <= set(encoded)
