"""Telegram renumbers its updates after a week without any ("chosen randomly instead of
sequentially"): the next ones may have lower numbers than the inbox has seen, even the same
numbers as updates handled long ago. Each is still kept, and handled once."""

from __future__ import annotations

import pytest

from bot.devtools.runner import settle
from handlers import intake
from tests.e2e.test_crash_replays import (
    DANGER,
    _dies_before_telling_the_workers,
    _dying_before_telling_the_workers,
)
from tests.e2e.test_triage import workers_started
from tests.engines import rows
from tests.factories import WORKER_ID

GROUP = -37201


async def test_an_update_numbered_as_one_handled_long_ago_is_kept_and_tried_again(
    fake, run_bot, config, clock, monkeypatch
):
    """The danger's update has the number of a message of a week before: it is kept all the
    same, and when its handling is cut short it is tried again at the next start."""
    group, zhang, li = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨"), fake.person(2, "李叔")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        await workers_started(app, fake, wang)  # update 1
        fake.say(group, li, "大家好")  # 2
        fake.say(group, li, "今天天气不错")  # 3
        await settle(app, fake)
    clock.advance(days=8)
    fake.renumber(2)  # the danger is update 2 again

    await _dies_before_telling_the_workers(fake, run_bot, monkeypatch, group, zhang, DANGER)

    assert rows(config, "SELECT count(*) FROM tickets") == [(1,)]
    alerts = [m for m in fake.bot_messages(WORKER_ID) if "紧急诉求" in m.text]
    assert len(alerts) == 1, [m.text for m in fake.bot_messages(WORKER_ID)]


@pytest.mark.parametrize("later", [{"minutes": 1}, {"days": 2}])
async def test_updates_replayed_after_a_renumbering_are_not_handled_again_when_fetched(
    fake, run_bot, config, clock, monkeypatch, later
):
    """An update kept but not handled when the process stopped, its number lower than the
    inbox's highest: at the next start it is replayed — and Telegram, never told that it
    arrived, sends it again. It is handled once: the start tells Telegram of the update it
    kept last (not of the highest number), and one sent again is known by the inbox (also
    when the inbox is too old to be confirmed: `later`)."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "网格员小王")
    fake.renumber(700_001)
    async with run_bot() as app:
        await workers_started(app, fake, wang)
        fake.say(group, zhang, "大家好")
        await settle(app, fake)
    clock.advance(days=8)
    fake.renumber(41)
    with _dying_before_telling_the_workers(monkeypatch):
        async with run_bot() as app:
            said = fake.say(group, zhang, DANGER)
            await settle(app, fake)
    # as if the process had died before Telegram heard the danger's offset confirmed
    fake.pending.append({"update_id": 41, "message": said})
    fake.confirmed_offset = 41
    clock.advance(**later)
    heard: list[int] = []
    hear = intake.on_group_message

    async def counted(update, context):
        heard.append(update.update_id)
        await hear(update, context)

    monkeypatch.setattr(intake, "on_group_message", counted)
    async with run_bot() as app:
        await settle(app, fake)

    assert heard == [41]
    assert rows(config, "SELECT count(*) FROM tickets") == [(1,)]
    alerts = [m for m in fake.bot_messages(WORKER_ID) if "紧急诉求" in m.text]
    assert len(alerts) == 1, [m.text for m in fake.bot_messages(WORKER_ID)]
    assert rows(config, "SELECT count(*) FROM inbox WHERE processed_at IS NULL") == [(0,)]
