"""A report edited after a worker took it, a neighbour joined it or a worker judged it (研判):
the ticket keeps the words it was filed and handled on, the resident is told what to do, and a
resident's edit never decides what a worker's /done teaches (review, session 27)."""

from __future__ import annotations

from bot.devtools.runner import settle
from tests.e2e.test_triage import UNSURE_FLOOD, notice_of, workers_started
from tests.engines import rows
from tests.factories import WORKER_ID

GROUP = -8901


async def test_a_report_edited_into_another_problem_after_it_was_taken(fake, run_bot, config):
    group, zhang, li = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨"), fake.person(2, "李叔")
    wang = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        report = fake.say(group, zhang, "3栋电梯又坏了 门关不上")
        await settle(app, fake)
        fake.say(group, wang, "/assign 1")
        await settle(app, fake)
        metoo = fake.say(group, li, "+1")
        await settle(app, fake)
        fake.edit(report, "3栋楼道里垃圾堆了三天没人收 臭死了")
        fake.edit(metoo, "5栋门口垃圾堆了三天没人收 臭死了")
        await settle(app, fake)
        told = {m.reply_to: m.text for m in fake.bot_messages(GROUP) if "另发一条消息" in m.text}
        fake.say(group, wang, "/done 1 电梯已修好")
        await settle(app, fake)
    assert set(told) == {report["message_id"], metoo["message_id"]}, told
    assert "#1【电梯】" in told[report["message_id"]]
    assert rows(config, "SELECT category, summary FROM tickets") == [
        ("lift", "3栋电梯又坏了 门关不上")
    ]
    lessons = rows(config, "SELECT text, category FROM lessons WHERE source = 'done'")
    assert lessons == [("3栋电梯又坏了 门关不上", "lift")]


async def test_a_report_a_worker_filed_edited_into_its_over(fake, run_bot, config):
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        await workers_started(app, fake, wang)
        said = fake.say(group, zhang, UNSURE_FLOOD)
        await settle(app, fake)
        fake.press(notice_of(fake, WORKER_ID), wang, "triage:1:f")
        await settle(app, fake)
        fake.edit(said, "没事了 已经好了")
        await settle(app, fake)
        hint = [m.text for m in fake.bot_messages(GROUP) if m.reply_to == said["message_id"]]
        fake.say(group, wang, "/done 1 已处理")
        await settle(app, fake)
    assert any("/cancel 1" in text for text in hint), hint
    assert rows(config, "SELECT summary FROM tickets") == [(UNSURE_FLOOD,)]
    lessons = rows(config, "SELECT text FROM lessons")
    assert ("没事了 已经好了",) not in lessons, lessons
