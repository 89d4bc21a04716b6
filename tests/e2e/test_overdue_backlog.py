"""A district's backlog of 500 overdue tickets already at the top escalation level never hides a
newer overdue ticket from escalation or from its reminder — nor do taken tickets reminded a
minute ago, or in groups that removed the bot (the page holds only tickets with something left
to do)."""

from __future__ import annotations

from datetime import timedelta

from bot.core.tickets import Person
from bot.devtools.runner import settle
from bot.runtime import schedule
from bot.runtime.schedule import remind_overdue, supervise
from bot.runtime.services import SERVICES_KEY
from storage.db import to_db_time
from tests.factories import WORKER2_ID, WORKER_ID, new_report

GROUP = -7514


async def _backlog(stores, start, count: int) -> None:
    """A district's backlog: one old lift ticket in each of `count` groups."""
    for i in range(count):
        report = new_report(
            i + 1,
            f"{i + 1}栋电梯坏了",
            chat_id=-100_000 - i,
            at=start,
            location=f"{i + 1}栋",
            author=Person(10_000 + i, f"居民{i}"),
        )
        await stores.tickets.file_report(report)


async def test_a_new_overdue_ticket_escalates_and_is_reminded_behind_a_backlog(
    fake, run_bot, clock
):
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        stores = services.stores
        start = clock()
        await _backlog(stores, start, 500)  # one old lift ticket in each of 500 groups
        await stores.tickets.db.write(
            lambda conn: conn.execute(
                "UPDATE tickets SET escalation_level = 3, assignee_id = ?, assignee_name = ?",
                (WORKER2_ID, "小李"),
            )
        )  # every one of them long since raised to 区级联办, and taken
        for i in range(1, 500, 2):  # half of them in groups that removed the bot since
            await stores.chats.seen(-100_000 - i, f"{i + 1}栋群", "group", start)
            await stores.chats.set_active(-100_000 - i, False, start)
        clock.advance(hours=1)
        fresh = await stores.tickets.file_report(
            new_report(1, "3栋电梯坏了", chat_id=GROUP, at=clock(), author=Person(1, "张阿姨"))
        )
        worker = Person(WORKER_ID, "小王")
        await stores.actions.assign(fresh.ticket.id, GROUP, worker, worker, clock())
        clock.now = fresh.ticket.due_at + timedelta(minutes=5)
        clock.now = clock.now.replace(hour=2)  # 10:xx in Shanghai, within working hours
        assert clock() > fresh.ticket.due_at
        just_now = to_db_time(clock() - timedelta(minutes=1))
        await stores.tickets.db.write(  # the other half: reminded a minute ago
            lambda conn: conn.execute(
                "UPDATE tickets SET reminded_at = ? WHERE chat_id % 2 = 0 AND chat_id < ?",
                (just_now, GROUP),
            )
        )
        reminded = await remind_overdue(services)  # the worker is mentioned in the group
        escalated = (await supervise(services))["escalated"]
        await settle(app, fake, timeout=90)  # a backlog's notices, on a slow machine
        ticket = await stores.tickets.get(fresh.ticket.id)
    assert (reminded, escalated, ticket.escalation_level) == (1, 1, 1)


async def test_a_new_overdue_ticket_escalates_behind_a_page_waiting_for_their_next_level(
    fake, run_bot, clock, monkeypatch
):
    """Overdue tickets already at level 1, each waiting its step for level 2, fill whole pages:
    a ticket just overdue behind them — an urgent one — is still escalated (review, session
    27; the page is cut to 4 so that 9 tickets span three pages)."""
    monkeypatch.setattr(schedule, "PAGE", 4)
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        stores = services.stores
        start = clock()
        await _backlog(stores, start, 9)
        await stores.tickets.db.write(
            lambda conn: conn.execute("UPDATE tickets SET escalation_level = 1")
        )
        clock.advance(hours=25)  # the backlog is an hour past its deadline, raised once
        fresh = await stores.tickets.file_report(
            new_report(
                1,
                "3栋电梯困人了 里面有老人",
                chat_id=GROUP,
                at=clock(),
                author=Person(1, "张阿姨"),
                urgent=True,
            )
        )
        clock.now = fresh.ticket.due_at + timedelta(minutes=5)
        escalated = (await supervise(services))["escalated"]
        await settle(app, fake, timeout=90)  # a backlog's notices, on a slow machine
        ticket = await stores.tickets.get(fresh.ticket.id)
    assert (escalated, ticket.escalation_level) == (1, 1)
