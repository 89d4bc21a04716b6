"""响应率 through the running bot: a lift reported broken in the morning and made urgent at noon
by someone trapped in it owes the urgent limit from noon, not from the morning."""

from __future__ import annotations

import re

import httpx

from bot.devtools.runner import settle
from tests.e2e.test_desk import desk_config
from tests.e2e.test_desk_office import log_in, plain
from tests.factories import WORKER_ID

GROUP = -7811


async def test_a_lift_made_urgent_later_and_taken_within_the_hour_responded_in_time(
    fake, run_bot, clock, tmp_path, storage
):
    config, base = desk_config(tmp_path, fake, storage)
    group = fake.group(GROUP, "3栋群")
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        fake.say(group, fake.person(1, "张阿姨"), "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        clock.advance(hours=4)
        fake.say(group, fake.person(2, "李叔"), "3栋2单元电梯困人了 有人在里面出不来")
        await settle(app, fake)
        clock.advance(hours=1)  # five hours after filing, one after the trapping
        fake.say(group, fake.person(WORKER_ID, "网格员小王"), "/assign 1")
        await settle(app, fake)
        clock.advance(hours=1)
        await log_in(app, fake, web)
        overview = plain((await web.get("/")).text)
    said = [m.text for m in fake.bot_messages(GROUP)]
    assert any("🚨#1" in t for t in said)  # the trapping made #1 urgent
    today = re.search(r"今天 (\S+) ", overview)
    assert today and today.group(1) == "100.0%（1/1）", overview
