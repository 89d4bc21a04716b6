"""One grid worker for three building groups through a busy week (QA round 22): 研判 items of
several groups answered out of order or by the clock, commands from a private chat about a
group that removed the bot."""

from __future__ import annotations

from bot.devtools.runner import settle
from bot.runtime.schedule import supervise
from bot.runtime.services import SERVICES_KEY
from tests.engines import rows
from tests.factories import WORKER_ID

B = -22802
UNSURE_WATER = "水好像有点黄"  # right at the complaint line: it waits for a worker


async def test_an_item_the_clock_joined_to_a_neighbours_ticket_offers_no_cancel(
    fake, run_bot, config, clock
):
    """The timeout files a 研判 item into the open ticket a neighbour raised: the worker is
    not told to /cancel that ticket if it was no complaint, which would withdraw the
    neighbour's complaint with it."""
    five = fake.group(B, "5栋业主群")
    zhao, li = fake.person(604, "赵大爷"), fake.person(602, "李叔")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(fake.private(wang), wang, "/start")
        fake.say(five, zhao, "5栋自来水发黄 有股铁锈味 没法喝")  # #1
        await settle(app, fake)
        fake.say(five, li, UNSURE_WATER)
        await settle(app, fake)
        notice = fake.bot_messages(WORKER_ID)[-1]
        assert "研判" in notice.text and UNSURE_WATER in notice.text
        clock.advance(minutes=61)
        await supervise(services)
        await settle(app, fake)
    said = next(m for m in fake.bot_messages(WORKER_ID) if m.message_id == notice.message_id)
    assert rows(config, "SELECT ticket_id FROM triage") == [(1,)]  # it joined #1
    assert "#1" in said.text, said.text
    assert "/cancel" not in said.text, said.text  # #1 is 赵大爷's complaint too
