"""The command line: a chat id too large for any database is refused in words."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_ledger_commands import cli, populated


async def test_digest_of_a_chat_id_too_large_for_any_database_is_refused_in_words(tmp_path: Path):
    config = await populated(tmp_path)
    printed = await cli("digest", "--config", str(config), "--chat", "99999999999999999999999")
    assert "Traceback" not in printed.stderr, printed.stderr
    assert printed.returncode == 2 and "too large for a Telegram id" in printed.stderr
