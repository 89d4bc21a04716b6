"""After a storm: the outage one repair ended was reported in many groups. A worker closes
their tickets with one command (/done 1、2 已恢复供电), each group told and asked to rate, and
is told back once what was closed and what was not."""

from __future__ import annotations

from bot.devtools.runner import settle
from tests.engines import peek
from tests.factories import WORKER_ID


async def test_one_done_closes_the_tickets_it_names_in_every_group(fake, run_bot, config):
    north, south = fake.group(-7551, "3栋群"), fake.group(-7552, "5栋群")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        fake.say(north, fake.person(1, "甲"), "整栋楼都停电了 电梯也停了")  # #1
        fake.say(south, fake.person(2, "乙"), "5栋整栋停电了 冰箱都不转了")  # #2
        fake.say(north, fake.person(3, "丙"), "3栋门口的路灯坏了 晚上黑乎乎的")  # #3
        await settle(app, fake)
        fake.say(fake.private(wang), wang, "/done 1、2 9 已恢复供电")
        await settle(app, fake)
        fake.say(fake.private(wang), wang, "/done 1、2 已恢复供电")  # again: already done
        await settle(app, fake)

    with peek(config) as conn:
        rows = conn.execute("SELECT id, status, done_note FROM tickets ORDER BY id").fetchall()
    assert rows == [(1, "done", "已恢复供电"), (2, "done", "已恢复供电"), (3, "open", None)]
    for group, number in ((-7551, "#1"), (-7552, "#2")):
        notice = [m for m in fake.bot_messages(group) if m.text.startswith("✅")]
        assert len(notice) == 1 and number in notice[0].text and notice[0].reply_markup
    told = [m.text for m in fake.bot_messages(WORKER_ID)]
    assert len(told) == 2, told  # one answer each time, not one per ticket
    assert "#1" in told[0] and "#2" in told[0] and "#9" in told[0], told[0]
    assert "3栋群" in told[0] and "5栋群" in told[0], told[0]
    assert "已办结" in told[1], told[1]


async def test_a_note_that_starts_with_a_number_is_a_note(fake, run_bot, config):
    group = fake.group(-7551, "3栋群")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        fake.say(group, fake.person(1, "甲"), "3栋门口的路灯坏了 晚上黑乎乎的")
        await settle(app, fake)
        fake.say(group, wang, "/done 1 13800138000 有问题打这个电话")
        await settle(app, fake)
    with peek(config) as conn:
        [(note,)] = conn.execute("SELECT done_note FROM tickets").fetchall()
    assert note == "13800138000 有问题打这个电话"
