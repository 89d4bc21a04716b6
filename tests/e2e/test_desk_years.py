"""A ticket of last year on the desk says its year (its history, 受理 and 时限, in the list and
on its page), as the office expects; this year's keep the short form (11-23 09:00)."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx

from bot.devtools.runner import settle
from tests.e2e.test_desk import GROUP, ask_link, desk_config
from tests.e2e.test_desk_office import plain
from tests.factories import WORKER_ID

PAGES = ("/tickets/1", "/tickets/2", "/tickets")


async def test_last_years_ticket_says_its_year_and_this_years_does_not(
    fake, run_bot, clock, tmp_path, storage
):
    config, base = desk_config(tmp_path, fake, storage)
    group, wang = fake.group(GROUP, "3栋群"), fake.person(WORKER_ID, "网格员小王")
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        fake.say(group, fake.person(1, "张阿姨"), "3栋2单元电梯坏了 门关不上")  # 2026-11-23 09:00
        await settle(app, fake)
        clock.advance(hours=1)
        fake.say(group, wang, "/assign 1")
        await settle(app, fake)
        clock.now = datetime(2027, 1, 10, 2, 0, tzinfo=UTC)  # 10:00, 10 January 2027
        fake.say(group, fake.person(2, "李叔"), "5栋门口垃圾三天没人收 臭死了")
        await settle(app, fake)
        await web.get(await ask_link(app, fake, wang))
        old, new, listed = [plain((await web.get(path)).text) for path in PAGES]
    assert "受理 2026-11-23 09:00 · 时限 2026-11-24 09:00" in old, old
    assert "记录 2026-11-23 09:00 张阿姨 受理 2026-11-23 10:00 网格员小王 接单" in old, old
    assert "受理 01-10 10:00" in new and "2027-" not in new, new  # this year: short
    assert "2026-11-23 09:00" in listed and "01-10 10:00" in listed, listed
