"""/todo with a long 研判 queue in groups with long names (QA round 38): the queue is listed as
far as Telegram's length allows, its first line saying how many are listed, and no ticket is
said to be left out when the worker has none."""

from __future__ import annotations

import re

from bot.core.tickets import Person
from bot.devtools.runner import settle
from bot.runtime.services import SERVICES_KEY
from bot.texts.fit import TELEGRAM_LIMIT, visible_units
from tests.factories import WORKER_ID

GROUP = -38101
RULES = "阳光花园三期业主交流群（请文明发言，物业问题请@物业管家，广告一律踢出，谢谢配合）"
TITLE = (RULES * 3)[:128]  # as long as Telegram allows


async def test_a_long_triage_queue_lists_what_fits_and_says_how_many(fake, run_bot, clock):
    """20 messages waited, from neighbours with long names in a group with a long title: the
    worker with no ticket of her own read "……另有 0 件未列出（时限较晚）" and a queue whose
    first line said 20 were listed, cut after a few without a word."""
    group = fake.group(GROUP, TITLE)
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        fake.say(group, fake.person(99, "张阿姨"), "大家早上好")  # the bot learns the title
        await settle(app, fake)
        stores = app.bot_data[SERVICES_KEY].stores
        for i in range(20):
            name = (f"{i}号楼热心业主（家里有事请打电话，微信同号）" * 3)[:64]
            await stores.triage.add(
                GROUP, 100 + i, Person(1 + i, name), f"我家菜地里头全是水 {i}", clock(),
                category="water", location=None, score=0.0,
            )  # fmt: skip
        fake.say(fake.private(wang), wang, "/todo")
        await settle(app, fake)
    todo = fake.bot_messages(WORKER_ID)[-1].text
    assert visible_units(todo) <= TELEGRAM_LIMIT
    assert "另有 0 件" not in todo, todo[:300]
    listed = len(re.findall(r"#研\d+", todo))
    assert 0 < listed < 20
    assert f"待研判 20 条，列出最早的 {listed} 条" in todo, todo[:300]
