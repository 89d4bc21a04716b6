"""After a restart, the scheduled passes that read or change tickets (督办, reminders, digests,
look backs) wait until the updates sent while the bot was down are handled: a /done among them
was in time. A backlog that never comes does not hold them for ever."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.devtools.fakeapi.protocol import Fault
from bot.devtools.runner import settle
from bot.runtime.backlog import BACKLOG_PATIENCE
from bot.runtime.services import SERVICES_KEY
from tests.engines import rows
from tests.factories import WORKER_ID

GROUP = -39201


def overdue_said(fake) -> list[str]:
    """What the group was told of overdue tickets: 督办 posts and reminders."""
    return [m.text for m in fake.bot_messages(GROUP) if "督办" in m.text or "⏰" in m.text]


async def passes_around_the_backlog(app, fake, config, query: str, backlog: asyncio.Event):
    """The schedule's first pass while the backlog is held, then the backlog and a second
    pass; what `query` read after the first pass."""
    (schedule,) = app.job_queue.get_jobs_by_name("schedule")
    await schedule.run(app)  # its first pass, before the backlog came
    waiting = rows(config, query)
    backlog.set()
    await settle(app, fake)
    await schedule.run(app)
    await settle(app, fake)
    return waiting


async def _lift_taken_then_down(fake, run_bot, clock):
    """张阿姨's lift, taken by 小王; the bot goes down, and the lift's deadline passes."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋电梯又坏了，好几天了")
        await settle(app, fake)
        fake.say(group, wang, "/assign 1")
        await settle(app, fake)
        due = (await app.bot_data[SERVICES_KEY].stores.tickets.get(1)).due_at
    clock.now = due + timedelta(hours=1)  # 10:00 in Shanghai: in working hours
    return group, wang


async def test_a_done_sent_while_the_bot_was_down_is_not_told_overdue_by_the_first_pass(
    fake, run_bot, config, clock
):
    """小王 fixed the lift and wrote /done while the bot was down; it came back after the
    deadline. Its first schedule pass, before the backlog with his /done was fetched, raised a
    督办 and reminded him in the group of a lift already fixed. Now it waits for the backlog."""
    group, wang = await _lift_taken_then_down(fake, run_bot, clock)
    fake.say(group, wang, "/done 1 已修好")  # while the bot is down
    backlog = asyncio.Event()
    # (the inbox is over a day old: the start confirms nothing, its first getUpdates is held)
    fake.faults.append(Fault("getUpdates", 0, "", hold=backlog))  # the backlog, on its way
    async with run_bot() as app:
        query = "SELECT status, escalation_level, reminded_at FROM tickets"
        waiting = await passes_around_the_backlog(app, fake, config, query, backlog)
    assert waiting == [("assigned", 0, None)]
    assert rows(config, "SELECT status, escalation_level FROM tickets") == [("done", 0)]
    assert overdue_said(fake) == []


async def test_a_backlog_that_never_comes_holds_the_schedule_only_for_a_while(
    fake, run_bot, config, clock
):
    """Telegram never answers the start's getUpdates: after a while the lift is raised
    anyway, rather than never."""
    await _lift_taken_then_down(fake, run_bot, clock)
    backlog = asyncio.Event()
    fake.faults.append(Fault("getUpdates", 0, "", hold=backlog))
    async with run_bot() as app:
        (schedule,) = app.job_queue.get_jobs_by_name("schedule")
        await schedule.run(app)
        waiting = rows(config, "SELECT escalation_level, reminded_at FROM tickets")
        clock.advance(seconds=BACKLOG_PATIENCE.total_seconds() + 1)
        await schedule.run(app)
        await app.bot_data[SERVICES_KEY].posts.kick_all()
        levels = rows(config, "SELECT escalation_level FROM tickets")
        backlog.set()
        await settle(app, fake)
    assert waiting == [(0, None)]
    assert levels == [(1,)]
    assert [t for t in overdue_said(fake) if "督办" in t]
