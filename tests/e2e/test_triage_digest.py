"""A 研判 item decided after the evening digest is in the next digest: in its 新增 (the day it
was acknowledged) and in its 研判 line (the day it was decided); one filed into an older ticket
does not make that ticket new again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.classify import Verdict
from bot.core.tickets import Person
from bot.core.triage import Decision
from bot.devtools.runner import settle
from bot.runtime.hearing import GroupMessage, queue_for_triage
from bot.runtime.schedule import run_schedule
from bot.runtime.services import SERVICES_KEY
from bot.runtime.triage import decide
from tests.factories import WORKER_ID

GROUP = -7511
UNSURE_FLOOD = "我家菜地里头全是水"  # right at the complaint line: goes to 研判
EVENING = datetime(2026, 11, 23, 11, 30, tzinfo=UTC)  # 19:30 in Shanghai; digest at 20:00


def digests(fake):
    return [m.text for m in fake.bot_messages(GROUP) if "诉求日报" in m.text]


async def test_triage_item_filed_after_the_digest_is_reported_in_the_next_digest(
    fake, run_bot, clock
):
    clock.now = EVENING
    group = fake.group(GROUP, "3栋群")
    zhang, wang = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(fake.private(wang), wang, "/start")
        await settle(app, fake)
        fake.say(group, zhang, UNSURE_FLOOD)  # 19:30: waits for a worker
        await settle(app, fake)
        clock.now = EVENING + timedelta(minutes=31)  # 20:01: the digest
        await run_schedule(services)
        await settle(app, fake)
        assert "待研判 1" in digests(fake)[-1]
        clock.now = EVENING + timedelta(minutes=61)  # 20:31: nobody judged it, filed
        counts = await run_schedule(services)
        await settle(app, fake)
        assert counts["triage_filed"] == 1
        assert fake.bot_messages(GROUP)[-1].text.startswith("已受理 #1")
        clock.now = EVENING + timedelta(days=1, minutes=31)  # next day 20:01
        await run_schedule(services)
        await settle(app, fake)
    today = digests(fake)[-1]
    # #1 became a ticket after the first digest: the second one must count it as new and
    # say how its 研判 ended (登记 1, 超时自动登记 1).
    assert "新增 1 件" in today, today
    assert "研判 1 条：登记 1（其中超时自动登记 1）" in today, today


JOINED_GROUP = -7611
DAY_ONE = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai; digest at 20:00


def joined_digests(fake):
    return [m.text for m in fake.bot_messages(JOINED_GROUP) if "诉求日报" in m.text]


async def test_triage_item_merged_into_yesterdays_ticket_is_not_new_again(fake, run_bot, clock):
    clock.now = DAY_ONE
    group = fake.group(JOINED_GROUP, "3栋群")
    zhang, wang = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(fake.private(wang), wang, "/start")
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        clock.now = DAY_ONE + timedelta(hours=10, minutes=1)  # day 1 20:01 digest
        await run_schedule(services)
        await settle(app, fake)
        assert "新增 1 件" in joined_digests(fake)[-1], joined_digests(fake)[-1]
        clock.now = DAY_ONE + timedelta(days=1)  # day 2 10:00: an unsure message, same lift
        li = Person(2, "李叔")
        msg = GroupMessage(JOINED_GROUP, 9001, li, "3栋2单元电梯那个门")
        verdict = Verdict(False, None, False, "3栋2单元", margin=0.0, guess="lift")
        item = await queue_for_triage(services, msg, verdict)
        assert item is not None
        await decide(services, item.id, Person(WORKER_ID, "网格员小王"), Decision.FILE, "lift")
        await settle(app, fake)
        rows = await services.stores.triage.get(item.id)
        clock.now = DAY_ONE + timedelta(days=1, hours=10, minutes=1)  # day 2 20:01 digest
        await run_schedule(services)
        await settle(app, fake)
    today = joined_digests(fake)[-1]
    assert rows.ticket_id == 1  # merged into yesterday's #1
    assert "新增 1 件" not in today, today  # #1 was already 新增 yesterday
