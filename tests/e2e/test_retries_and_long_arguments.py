"""Updates acted on once and tried as promised, and long arguments answered (found by a
review): a complaint whose handling failed after it was filed is, at the next start, filed
again and nothing more — never heard anew as her verdict on the ticket a worker closed
meanwhile; an update whose handling fails is tried three times, once per start, before it is
set aside; a command with thousands of characters of garbage still gets its answer, the words
it repeats shortened (Telegram refuses a message that is too long)."""

from __future__ import annotations

import logging
import sqlite3

import pytest

from bot.devtools.runner import settle
from bot.runtime import photos
from tests.engines import rows
from tests.factories import WORKER_ID

GROUP = -9601


def failing(times: int, real):
    """`real`, failing its first `times` calls as a database blip does."""
    calls: list[int] = []

    async def blip(*args, **kwargs):
        if len(calls) < times:
            calls.append(1)
            raise sqlite3.OperationalError("database is locked")
        return await real(*args, **kwargs)

    return blip


@pytest.mark.parametrize("words", ["电梯又坏了", "3栋电梯还是坏的 门关不上"])
async def test_a_complaint_retried_after_a_blip_is_not_heard_again_as_her_verdict(
    fake, run_bot, config, monkeypatch, words
):
    """Her complaint is filed (#1), then a later step of its handling fails for a moment: the
    update is kept and tried again at the next start. Meanwhile the worker closed #1. The
    retry changes nothing (it heard her complaint anew, as 不满意 on #1, and reopened it)."""
    group = fake.group(GROUP, "3栋群")
    zhang, worker = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    with monkeypatch.context() as patched:
        patched.setattr(photos, "said_plainly", failing(1, photos.said_plainly))
        async with run_bot() as app:
            fake.say(group, zhang, words)
            await settle(app, fake)
            fake.say(group, worker, "/done 1 已修好")
            await settle(app, fake)
    assert rows(config, "SELECT id, status FROM tickets") == [(1, "done")]
    said = [m.text for m in fake.bot_messages(GROUP)]

    async with run_bot() as app:  # the failed update is tried again at the start
        await settle(app, fake)

    assert [m.text for m in fake.bot_messages(GROUP)] == said  # nothing more said
    assert rows(config, "SELECT id, status FROM tickets") == [(1, "done")]  # not reopened


async def test_an_update_that_failed_twice_is_tried_a_third_time(
    fake, run_bot, config, monkeypatch
):
    """README: an update whose handling failed is tried at the next starts and set aside
    after three failures. Two blips (one in each of two runs) must leave a third try."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    hear = failing(2, photos.hear)
    monkeypatch.setattr(photos, "hear", hear)
    async with run_bot() as app:  # first try: fails
        fake.say(group, zhang, "3栋电梯坏了 门关不上")
        await settle(app, fake)
    async with run_bot() as app:  # second try: fails
        await settle(app, fake)
    assert rows(config, "SELECT count(*) FROM tickets") == [(0,)]
    async with run_bot() as app:  # third try: the database is fine again
        await settle(app, fake)
    assert rows(config, "SELECT tries, set_aside FROM inbox WHERE update_id = 1") == [(2, None)]
    assert rows(config, "SELECT count(*) FROM tickets") == [(1,)]


@pytest.mark.parametrize(
    "command",
    [
        "/category 1 " + "长" * 4000,  # not_a_category echoes the word whole
        "/done" + "1" * 4000,  # mistyped_command echoes `/done111…` and `/done 111…`
        "/export " + "月" * 4090,  # not_a_month (in private)
    ],
)
async def test_a_command_with_a_huge_argument_is_still_answered(
    fake, run_bot, config, caplog, command
):
    """A worker's command with 4,000 characters of garbage gets its usual polite answer; the
    bot must not build an answer Telegram refuses as too long (then nobody hears anything)."""
    group, worker = fake.group(GROUP, "3栋群"), fake.person(WORKER_ID, "小王")
    chat = fake.private(worker) if command.startswith("/export") else group
    with caplog.at_level(logging.WARNING):
        async with run_bot() as app:
            fake.say(group, fake.person(1, "张阿姨"), "3栋电梯坏了 门关不上")
            await settle(app, fake)
            before = len(fake.bot_messages(chat["id"]))
            fake.say(chat, worker, command)
            await settle(app, fake)
    assert len(fake.bot_messages(chat["id"])) == before + 1  # answered
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
