"""A resident of two years asks /mine (QA round 31): her tickets are read with their reports
at once, not one read per ticket."""

from __future__ import annotations

from bot.devtools.runner import settle
from bot.runtime.services import SERVICES_KEY
from tests.e2e.test_qa31_desk_history import PROBLEMS, counting_reads
from tests.factories import T0, ZHANG, new_report

GROUP, OTHER = -7801, -7802


async def test_mine_reads_her_tickets_reports_in_one_read_however_many(fake, run_bot):
    zhang = fake.person(ZHANG.id, "张阿姨")
    async with run_bot() as app:
        tickets = app.bot_data[SERVICES_KEY].stores.tickets
        for n, (category, text) in enumerate(PROBLEMS, start=1):
            chat = GROUP if n % 2 else OTHER
            said = {"at": T0, "category": category, "location": f"{n}栋", "author": ZHANG}
            await tickets.file_report(new_report(n * 10, f"{text} {n}", chat_id=chat, **said))
        reads = counting_reads(tickets.db)
        fake.say(fake.private(zhang), zhang, "/mine")
        await settle(app, fake)
    answer = fake.bot_messages(501)[-1].text
    assert all(f"#{n}" in answer for n in range(1, len(PROBLEMS) + 1)), answer
    assert reads["SELECT * FROM reports"] == 1, reads  # was one per ticket: six
