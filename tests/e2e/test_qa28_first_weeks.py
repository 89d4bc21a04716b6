"""QA round 28: a new community's first two weeks, as residents and workers lived them."""

from __future__ import annotations

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from tests.e2e.scenes import done_lift
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


async def test_a_pointer_to_the_rating_buttons_answers_the_words_it_is_about(
    fake: FakeTelegram, run_bot
):
    """张阿姨's "谢谢" under the done notice, 王姐's "没修好" under a ticket she did not report:
    each pointer ("请点…按钮评价", "只有反映…可以评价") was posted to the whole group, naming
    nobody; it is now a reply to the words it answers."""
    async with run_bot() as app:
        group, zhang, _, done = await done_lift(fake, app, GROUP)
        thanks = fake.say(group, zhang, "谢谢", reply_to=done.message_id)
        await settle(app, fake)
        pointer = fake.bot_messages(GROUP)[-1]
        assert "按钮评价" in pointer.text and pointer.reply_to == thanks["message_id"], pointer
        wang_jie = fake.person(3, "王姐")
        not_hers = fake.say(group, wang_jie, "没修好", reply_to=done.message_id)
        await settle(app, fake)
        told = fake.bot_messages(GROUP)[-1]
        assert "评价" in told.text and told.reply_to == not_hers["message_id"], told
