"""研判 timeouts settle the workers' copies even when the run stops early."""

from __future__ import annotations

import pytest

from bot.devtools.runner import settle
from bot.runtime.schedule import supervise
from bot.runtime.services import SERVICES_KEY
from bot.runtime.triage import file_overdue
from tests.e2e.test_triage import notice_of, workers_started
from tests.engines import rows
from tests.factories import WORKER_ID

GROUP, OTHER = -7521, -7522
UNSURE_FLOOD = "我家菜地里头全是水"


async def test_an_item_decided_by_timeout_is_settled_even_if_a_later_one_fails(
    fake, run_bot, clock
):
    """Two 研判 items time out; the second hits a database hiccup. The first was decided (and
    filed): its copy in the worker's chat says so and loses its buttons, as it did when each
    was settled at once (now the edits wait for the end of the run, and the hiccup drops them
    — no later run picks the item up again: it is no longer pending)."""
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(fake.private(wang), wang, "/start")
        await settle(app, fake)
        fake.say(fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨"), UNSURE_FLOOD)
        await settle(app, fake)
        fake.say(fake.group(OTHER, "5栋群"), fake.person(2, "李叔"), UNSURE_FLOOD)
        await settle(app, fake)
        notices = [m for m in fake.bot_messages(WORKER_ID) if m.reply_markup]
        assert len(notices) == 2, [m.text for m in fake.bot_messages(WORKER_ID)]
        clock.advance(minutes=61)
        tickets = services.stores.tickets
        real, calls = tickets.ticket_of_message, []

        async def flaky(*args, **kwargs):
            calls.append(args)
            if len(calls) == 2:
                raise ConnectionError("database went away for a moment")
            return await real(*args, **kwargs)

        tickets.ticket_of_message = flaky
        with pytest.raises(ConnectionError):
            await file_overdue(services)
        tickets.ticket_of_message = real
        await settle(app, fake)
    first = notices[0]
    assert first.edited and first.reply_markup is None, (first.text, first.reply_markup)


async def test_a_category_picked_after_the_clock_filed_it_says_how_to_change_it(
    fake, run_bot, config, clock
):
    """A worker pressed 改类别, and picked 绿化 once the hour was up: told only "不是诉求请发
    /cancel 8" — as if her choice had been taken, the ticket still 供水排水 (QA round 30)."""
    group = fake.group(-7531, "3栋群")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        await workers_started(app, fake, wang)
        fake.say(group, fake.person(1, "张阿姨"), UNSURE_FLOOD)
        await settle(app, fake)
        notice = notice_of(fake, WORKER_ID)
        fake.press(notice, wang, "triage:1:c")  # 改类别: the categories as buttons
        await settle(app, fake)
        clock.advance(minutes=61)
        assert (await supervise(services))["triage_filed"] == 1
        await settle(app, fake)
        fake.press(notice, wang, "tcat:1:greenery")  # a press already on its way
        await settle(app, fake)
    assert fake.callback_answers[-1]["text"] == (
        "这条已超时自动登记为 #1，类别未改；改类别请发 /category 1 绿化"
    )
    assert rows(config, "SELECT category FROM tickets") == [("water",)]
