"""Messages and presses the bot cannot take at face value: a forwarded command, someone
speaking as a channel, button data tampered with (QA round 3)."""

from __future__ import annotations

import logging

import pytest

from bot import texts
from bot.devtools.runner import settle
from tests.engines import rows
from tests.factories import WORKER_ID

GROUP = -17501
CHANNEL_BOT = {"id": 136817688, "is_bot": True, "first_name": "Channel", "username": "Channel_Bot"}


async def test_a_forwarded_command_is_not_run(fake, run_bot, config):
    """A worker forwards a colleague's "/done 1 已修好" from the workers' own chat into the
    building group, to show it: the forward is not the worker's command here."""
    group, worker = fake.group(GROUP, "3栋群"), fake.person(WORKER_ID, "小王")
    colleague = fake.person(9002, "小李")
    async with run_bot() as app:
        fake.say(group, fake.person(1, "张阿姨"), "3栋电梯坏了 门关不上")
        await settle(app, fake)
        origin = {"type": "user", "date": 0, "sender_user": colleague}
        fake.say(group, worker, "/done 1 已修好", forward_origin=origin)
        await settle(app, fake)
    assert rows(config, "SELECT status FROM tickets WHERE id = 1") == [("open",)]


async def test_someone_speaking_as_a_channel_cannot_file_or_withdraw(fake, run_bot, config):
    """Anyone may speak in a supergroup as one of their channels: Telegram gives every such
    message the same stand-in user (Channel_Bot). The bot cannot tell who is speaking, as with
    an anonymous admin: a command that changes something is answered with the same request."""
    group = fake.group(GROUP, "3栋群")
    mine = {"id": -1001111, "type": "channel", "title": "张家小店"}
    theirs = {"id": -1002222, "type": "channel", "title": "李家频道"}
    async with run_bot() as app:
        fake.say(group, CHANNEL_BOT, "/new 3栋电梯坏了 门关不上", sender_chat=mine)
        await settle(app, fake)
        fake.say(group, CHANNEL_BOT, "/cancel 1", sender_chat=theirs)
        await settle(app, fake)
    said = [m.text for m in fake.bot_messages(GROUP)]
    # another channel's speaker is nobody's "only reporter": the ticket, if filed, stands
    assert rows(config, "SELECT count(*) FROM tickets WHERE status = 'cancelled'") == [(0,)], said
    assert said[-1] == texts.SPEAKING_AS_CHANNEL, said


@pytest.mark.parametrize("data", ["take:²", "rate:1:s:²", "triage:³:f"])
async def test_tampered_button_data_with_odd_digits_is_a_stale_button(
    fake, run_bot, config, caplog, data
):
    group, worker = fake.group(GROUP, "3栋群"), fake.person(WORKER_ID, "小王")
    with caplog.at_level(logging.WARNING):
        async with run_bot() as app:
            fake.say(group, fake.person(1, "张阿姨"), "3栋电梯坏了 门关不上")
            await settle(app, fake)
            ack = fake.bot_messages(GROUP)[-1]
            fake.press(ack, worker, data)
            await settle(app, fake)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert fake.callback_answers and fake.callback_answers[-1].get("text")
