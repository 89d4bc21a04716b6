"""QA round 28: a new community's first two weeks, as residents and workers lived them."""

from __future__ import annotations

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from tests.engines import rows
from tests.factories import WORKER_ID

GROUP = -2801


async def test_a_report_edited_back_into_a_greeting_keeps_its_problem_words(
    fake: FakeTelegram, run_bot, config
):
    """A greeting ("早上好各位") edited into a complaint, then back: she is told how to
    withdraw it, but the ticket the worker goes on with keeps the problem's words — its /list
    line, the ledger and what its /done teaches the classifier (the greeting, as 停车, before)."""
    group, sun = fake.group(GROUP, "5栋群"), fake.person(1, "孙大爷")
    wang = fake.person(WORKER_ID, "小王")
    complaint = "早上好各位 5栋地下车库一直有人占我车位"
    async with run_bot() as app:
        said = fake.say(group, sun, "早上好各位")
        await settle(app, fake)
        fake.edit(said, complaint)
        await settle(app, fake)
        fake.edit(said, "早上好各位")
        await settle(app, fake)
        assert "/cancel 1" in fake.bot_messages(GROUP)[-1].text
        fake.say(group, sun, "/list")
        await settle(app, fake)
        assert complaint in fake.bot_messages(GROUP)[-1].text
        fake.say(group, wang, "/done 1 已贴警示单")
        await settle(app, fake)
    assert rows(config, "SELECT summary FROM tickets") == [(complaint,)]
    assert rows(config, "SELECT text, edited_text FROM reports") == [(complaint, "早上好各位")]
    assert rows(config, "SELECT text FROM lessons WHERE source = 'done'") == [(complaint,)]
