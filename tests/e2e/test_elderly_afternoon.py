"""An elderly resident's afternoon in the building group, and the building chief (楼栋长): the
way they really chase, repeat and answer — each met politely, no ticket lost or doubled."""

from __future__ import annotations

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from tests.engines import peek

GROUP = -2311


async def test_her_impatient_words_under_the_acknowledgement_are_answered(
    fake: FakeTelegram, run_bot, config, clock
):
    """Two hours after the lift was filed 张奶奶 writes under its acknowledgement "怎么还没修",
    then just "？？？", and later, on her own, "咋还没人来": each is answered with where her
    ticket stands — not met with silence. Nothing new is filed."""
    group = fake.group(GROUP, "3栋群")
    zhang = fake.person(1, "张奶奶")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了")
        await settle(app, fake)
        ack = fake.bot_messages(GROUP)[-1]
        clock.advance(hours=2)
        for words, reply_to in [("怎么还没修", ack.message_id), ("？？？", ack.message_id),
                                ("咋还没人来", None), ("怎么没人管", None)]:  # fmt: skip
            asked = fake.say(group, zhang, words, reply_to=reply_to)
            await settle(app, fake)
            answer = fake.bot_messages(GROUP)[-1]
            assert answer.reply_to == asked["message_id"], words
            assert "#1【电梯】" in answer.text and "等网格员接单" in answer.text, answer.text
    with peek(config) as conn:
        assert conn.execute("SELECT count(*), max(households) FROM tickets").fetchone() == (1, 1)
        assert conn.execute("SELECT count(*) FROM triage").fetchone() == (0,)


async def test_question_marks_alone_are_nobodys_question(fake: FakeTelegram, run_bot, config):
    """Question marks ("？？？") on their own, or under a neighbour's words, react to the chat:
    they ask nothing of her ticket, and nothing is said."""
    group = fake.group(GROUP, "3栋群")
    zhang, li = fake.person(1, "张奶奶"), fake.person(2, "李叔")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了")
        await settle(app, fake)
        before = len(fake.bot_messages(GROUP))
        chatter = fake.say(group, li, "今晚广场舞取消了")
        fake.say(group, zhang, "？？？", reply_to=chatter)
        fake.say(group, zhang, "???")
        await settle(app, fake)
        assert fake.bot_messages(GROUP)[before:] == []
