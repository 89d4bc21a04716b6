"""She says it plainly a moment later: her unsure message that waits for a worker goes with the
complaint just filed (same category), instead of waiting its hour and then being posted under
as a second report of hers. Another matter of hers still waits."""

from __future__ import annotations

from bot.devtools.runner import settle
from bot.runtime.services import SERVICES_KEY
from bot.runtime.triage import file_overdue
from tests.e2e.test_triage import UNSURE_CHAT, UNSURE_FLOOD, workers_started
from tests.engines import rows
from tests.factories import WORKER_ID

GROUP = -7531
PLAIN_WATER = "3栋自来水又是黄的 放了好久都不清"


async def test_her_unsure_message_goes_with_her_plain_complaint_of_a_moment_later(
    fake, run_bot, config, clock
):
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot(config) as app:
        await workers_started(app, fake, wang)
        fake.say(group, zhang, UNSURE_CHAT)  # another matter: still waits
        fake.say(group, zhang, UNSURE_FLOOD)
        await settle(app, fake)
        assert len(rows(config, "SELECT id FROM triage WHERE state = 'pending'")) == 2
        notice = next(m for m in fake.bot_messages(WORKER_ID) if UNSURE_FLOOD in m.text)
        clock.advance(minutes=5)
        fake.say(group, zhang, PLAIN_WATER)
        await settle(app, fake)
        settled = notice.text
        clock.advance(minutes=61)
        await file_overdue(app.bot_data[SERVICES_KEY])
        await settle(app, fake)
    flood = rows(config, f"SELECT state, ticket_id, how FROM triage WHERE text = '{UNSURE_FLOOD}'")
    assert flood == [("filed", 1, None)]  # with #1, nobody's judgement: counted in no tally
    other = rows(config, f"SELECT ticket_id, how FROM triage WHERE text = '{UNSURE_CHAT}'")
    assert other[0][0] != 1 and other[0][1] == "timeout"  # its own hour, its own fate
    assert settled.startswith("👌 居民随后在群里说清楚了") and "#1" in settled
    assert notice.edited and notice.reply_markup is None
    said = [m.text for m in fake.bot_messages(GROUP)]
    assert len([t for t in said if "#1" in t]) == 1, said  # her acknowledgement, nothing more
