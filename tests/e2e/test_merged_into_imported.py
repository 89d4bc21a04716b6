"""A resident's live report merged into a row of the office's imported ledger whose group the
bot has never been in (a group known only from the ledger): her group was told its progress
would be announced there, so when the row falls overdue its 督办 is said in her group."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from openpyxl import Workbook

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from bot.ledger.rows import CategoryTable
from bot.ledger.xlsx import stream_workbook
from bot.runtime.services import SERVICES_KEY
from tests.e2e.scenes import shanghai, tick
from tests.factories import WORKER_ID, make_config

GROUP = -100830
LEDGER = ["群", "类别", "反映内容", "受理时间", "承办人", "时限"]


async def test_a_live_report_merged_into_an_imported_row_hears_its_escalation(
    fake: FakeTelegram, run_bot, clock, tmp_path: Path, storage
):
    """The ledger brings 8栋群's open lift (#1, due in 30 hours; the bot is not in 8栋群);
    李叔 reports the lift in 3栋群 (#2) and the worker folds #2 into #1. Days later #1 is
    overdue: 3栋群 hears its 督办, about #1, once per level."""
    config = make_config(tmp_path, fake.base_url, storage=storage)
    group, li = fake.group(GROUP, "3栋群"), fake.person(502, "李叔")
    worker = fake.person(WORKER_ID, "网格员小王")
    clock.now = shanghai(23, 9)
    now = clock()
    row = ["8栋群", "电梯", "8栋电梯坏了 关不上门", now.strftime("%Y-%m-%d %H:%M"), None]
    row.append((now + timedelta(hours=30)).strftime("%Y-%m-%d %H:%M"))
    book = Workbook()
    book.active.append(LEDGER)
    book.active.append(row)
    book.save(tmp_path / "ledger.xlsx")
    async with run_bot(config) as app:
        services = app.bot_data[SERVICES_KEY]
        rows = stream_workbook(
            tmp_path / "ledger.xlsx", CategoryTable.of(config.categories), config.schedule.tz
        )
        assert (await services.stores.ledger.import_stream(rows, clock())).tickets == 1
        fake.say(group, li, "8栋电梯坏了 门关不上")
        await settle(app, fake)
        assert "#2" in fake.bot_messages(GROUP)[-1].text
        fake.say(fake.private(worker), worker, "/merge 1 2")
        await settle(app, fake)
        assert (await services.stores.tickets.get(2)).merged_into == 1
        escalated = 0
        for _ in range(20):
            clock.advance(hours=6)
            escalated += (await tick(app, fake))["escalated"]
    said = [m.text for m in fake.bot_messages(GROUP) if m.text.startswith("⏫")]
    assert escalated >= 1 and said, [m.text for m in fake.bot_messages(GROUP)]
    assert all("#1【电梯】" in s for s in said), said
