"""The ledger workbook of a community whose time zone keeps daylight saving time: the hour
the clocks go back comes twice, and the workbook's local times read back in order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from openpyxl import load_workbook

from bot.core.tickets import Person
from storage.chats import ChatStore
from storage.stores import open_database
from storage.ticket_actions import TicketActions
from storage.tickets import TicketStore
from tests.cli.test_ledger_commands import cli
from tests.engines import Places, storage_section, storage_toml
from tests.factories import new_report

GROUP = -1001
WORKER = Person(9001, "网格员小王")


def berlin_config(tmp_path: Path, places: Places, name: str) -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(
        storage_toml(storage_section(places(name))) + '\n[schedule]\ntimezone = "Europe/Berlin"\n',
        encoding="utf-8",
    )
    return path


async def test_a_ticket_done_in_the_hour_the_clocks_go_back_reads_back_from_the_ledger(
    tmp_path: Path, places: Places
):
    """On 25 October 2026 Berlin's clocks go back from 03:00 to 02:00. A lift reported at
    02:50 (summer time) and fixed 20 minutes later at 02:10 (winter time) is in the ledger as
    受理 02:50, 办结 02:10: `import` reads 02:10 as its second occurrence (the one after
    02:50), and the workbook exported again has the same cells."""
    reported = datetime(2026, 10, 25, 0, 50, tzinfo=UTC)  # 02:50 CEST
    db = await open_database(places("a"))
    try:
        await ChatStore(db).seen(GROUP, "3栋群", "supergroup", reported - timedelta(days=1))
        filed = await TicketStore(db).file_report(
            new_report(1, "3栋电梯坏了 困人", chat_id=GROUP, at=reported)
        )
        actions = TicketActions(db)
        number = filed.ticket.id
        await actions.assign(number, GROUP, WORKER, WORKER, reported + timedelta(minutes=5))
        await actions.mark_done(number, GROUP, "已放人", WORKER, reported + timedelta(minutes=20))
    finally:
        await db.close()
    source, target = berlin_config(tmp_path, places, "a"), berlin_config(tmp_path, places, "b")
    book, again = tmp_path / "台账.xlsx", tmp_path / "台账-再导出.xlsx"
    made = await cli("export", "--config", str(source), "--format", "xlsx", "--output", str(book))
    assert made.returncode == 0, made.stderr
    loaded = await cli("import", "--config", str(target), str(book))
    assert loaded.returncode == 0, loaded.stderr
    records = await cli("export", "--config", str(target))
    assert '"done_at": "2026-10-25T01:10:00+00:00"' in records.stdout, records.stdout  # 02:10 CET
    made = await cli("export", "--config", str(target), "--format", "xlsx", "--output", str(again))
    assert made.returncode == 0, made.stderr
    first, second = (
        list(load_workbook(path).active.iter_rows(values_only=True)) for path in (book, again)
    )
    assert second == first
    taken, done = first[1][6], first[1][10]
    assert (taken, done) == (datetime(2026, 10, 25, 2, 50), datetime(2026, 10, 25, 2, 10))
