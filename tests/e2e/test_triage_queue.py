"""The 研判 queue as workers see it: /todo counts every item waiting (not just those listed),
names a group that removed the bot while items waited, and a timeout filing there does not
claim the resident was answered."""

from __future__ import annotations

from bot.core.tickets import Person
from bot.devtools.runner import settle
from bot.runtime.schedule import supervise
from bot.runtime.services import SERVICES_KEY
from tests.engines import peek
from tests.factories import WORKER_ID

GROUP = -7512
UNSURE_FLOOD = "我家菜地里头全是水"
QUEUE_GROUP = -7517


def notice_of(fake, worker_id):
    said = reversed(fake.bot_messages(worker_id))
    return next(m for m in said if "研判" in m.text and "/help" not in m.text)


async def test_todo_names_the_group_of_a_waiting_item_after_the_bot_left_it(fake, run_bot):
    group = fake.group(GROUP, "3栋群")
    zhang, wang = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        fake.say(fake.private(wang), wang, "/start")
        await settle(app, fake)
        fake.say(group, zhang, UNSURE_FLOOD)
        await settle(app, fake)
        fake.bot_membership(group, "member", "kicked")
        fake.blocked.add(GROUP)
        await settle(app, fake)
        fake.say(fake.private(wang), wang, "/todo")
        await settle(app, fake)
    todo = fake.bot_messages(WORKER_ID)[-1].text
    assert "待研判 1 条" in todo
    assert "3栋群" in todo, todo


async def test_timeout_filing_in_a_group_that_removed_the_bot_does_not_claim_a_reply(
    fake, run_bot, config, clock
):
    group = fake.group(GROUP, "3栋群")
    zhang, wang = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(fake.private(wang), wang, "/start")
        await settle(app, fake)
        fake.say(group, zhang, UNSURE_FLOOD)
        await settle(app, fake)
        notice = notice_of(fake, WORKER_ID)
        fake.bot_membership(group, "member", "kicked")
        fake.blocked.add(GROUP)
        await settle(app, fake)
        clock.advance(minutes=61)
        await supervise(services)
        await settle(app, fake)
    with peek(config) as conn:
        acked = conn.execute("SELECT ack_state FROM reports").fetchall()
    assert not [m for m in fake.bot_messages(GROUP) if m.text.startswith("已受理")]
    # nothing was said in the group (the bot is no longer in it), yet the worker is told
    # "群里已回复居民"
    assert "群里已回复居民" not in notice.text, (notice.text, acked)


async def test_todo_counts_every_waiting_triage_item(fake, run_bot, clock):
    fake.group(QUEUE_GROUP, "3栋群")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        stores = app.bot_data[SERVICES_KEY].stores
        for i in range(25):  # a busy evening across the district: 25 messages wait
            await stores.triage.add(
                QUEUE_GROUP,
                100 + i,
                Person(1 + i, f"居民{i}"),
                f"我家菜地里头全是水 {i}",
                clock(),
                category="water",
                location=None,
                score=0.0,
            )
        assert await stores.triage.count_pending() == 25
        fake.say(fake.private(wang), wang, "/todo")
        await settle(app, fake)
    todo = fake.bot_messages(WORKER_ID)[-1].text
    assert "待研判 25 条" in todo, todo[:200]
