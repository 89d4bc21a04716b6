"""A reply that chases a complaint joins its ticket; a reply about another problem is its own."""

from __future__ import annotations

import sqlite3

from bot.devtools.runner import settle

GROUP = -7401


async def test_a_nudge_under_a_complaint_joins_it_and_another_problem_does_not(
    fake, run_bot, config
):
    group = fake.group(GROUP, "3栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    async with run_bot() as app:
        complaint = fake.say(group, zhang, "3栋停水了 一滴都没有")
        await settle(app, fake)
        fake.say(group, li, "物业到底管不管 都一天了", reply_to=complaint)
        fake.say(group, li, "楼下车乱停 堵死了", reply_to=complaint)
        await settle(app, fake)
    with sqlite3.connect(config.storage.path) as conn:
        tickets = conn.execute("SELECT category, households FROM tickets ORDER BY id").fetchall()
    assert tickets == [
        ("water", 2),  # the nudge joined the water cut: one more household waiting
        ("parking", 1),  # another problem, though said as a reply
    ]
