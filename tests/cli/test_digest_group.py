"""`digest --chat` names the group by its chat id or by its title, as an operator knows it: a
title was refused as "expected a Telegram id" (with argparse's usage line), and a group titled
like a number ("-12345") was looked for as that chat id and not found."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from storage.chats import ChatStore
from storage.stores import open_database
from tests.cli.test_ledger_commands import cli, populated
from tests.ledger.test_ledger import EAST

TITLED_LIKE_AN_ID = -1007007  # the group titled "-12345"


async def _digest(config: Path, chat: str):
    return await cli("digest", "--config", str(config), "--chat", chat, "--date", "2026-11-03")


async def test_a_group_is_found_by_its_title_too(tmp_path: Path):
    config = await populated(tmp_path)
    db = await open_database(tmp_path / "a.sqlite3")
    try:
        when = datetime(2026, 10, 1, tzinfo=UTC)
        await ChatStore(db).seen(TITLED_LIKE_AN_ID, "-12345", "supergroup", when)
        await ChatStore(db).seen(-1007008, "二号楼", "supergroup", when)
        await ChatStore(db).seen(-1007009, "二号楼", "supergroup", when)
    finally:
        await db.close()
    by_id = await _digest(config, str(EAST))
    assert by_id.returncode == 0 and by_id.stdout.strip(), by_id.stderr
    by_title = await _digest(config, " 东苑3栋业主群 ")
    assert by_title.returncode == 0, by_title.stderr
    assert by_title.stdout == by_id.stdout
    like_an_id = await _digest(config, "-12345")  # no chat -12345: the group of that title
    assert like_an_id.returncode == 0, like_an_id.stderr
    assert like_an_id.stdout == (await _digest(config, str(TITLED_LIKE_AN_ID))).stdout

    unknown = await _digest(config, "3栋")
    assert unknown.returncode == 2 and unknown.stderr.count("\n") == 1, unknown.stderr
    assert unknown.stderr.startswith("--chat: the bot has not seen a group '3栋' (by id or title)")
    assert f"{EAST} (东苑3栋业主群)" in unknown.stderr
    twice = await _digest(config, "二号楼")
    assert twice.returncode == 2 and twice.stderr == (
        "--chat: two or more groups are titled '二号楼' (-1007009, -1007008); give its chat id\n"
    )
