"""A ticket that holds another group's report (merged across groups) after its own group
removed the bot: 5栋's residents still wait on it, so the workers still see it in /todo, and
its worker's overdue reminder is said in 5栋's group, as 5栋 sees it (no flat of 3栋)."""

from __future__ import annotations

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from tests.e2e.scenes import shanghai, tick, water_cut_merged_across_groups
from tests.e2e.test_merged_across_escalation import (
    GROUP,
    OTHER,
    kept_group_removes_the_bot,
    levels_one_and_two,
)
from tests.factories import make_config


def reminders(fake: FakeTelegram, chat_id: int) -> list[str]:
    return [m.text for m in fake.bot_messages(chat_id) if m.text.startswith("⏰ 提醒")]


async def test_the_workers_still_see_the_ticket_after_its_own_group_removed_the_bot(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    """3栋's #1 (an urgent water cut) holds 5栋's #2; 3栋's group removes the bot before anyone
    takes it. 5栋 still waits: the worker's /todo counts it among those to take and names it
    among the urgent ones."""
    config = make_config(tmp_path, fake.base_url, storage=storage)
    clock.now = shanghai(23, 10)
    async with run_bot(config) as app:
        cast = await water_cut_merged_across_groups(fake, app, GROUP, OTHER)
        await kept_group_removes_the_bot(app, fake, cast.group)
        fake.say(fake.private(cast.worker), cast.worker, "/todo")
        await settle(app, fake)
    todo = fake.bot_messages(cast.worker["id"])[-1].text
    assert "还有 1 件待接单" in todo and "#1【供水排水】" in todo, todo


async def test_the_reminder_of_a_ticket_whose_own_group_left_is_said_in_the_merged_group(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    """小王 takes 3栋's #1 (5栋's #2 went into it); 3栋's group removes the bot. The 督办 goes
    to 5栋 (and stands for that tick's reminder there); the next morning the worker's reminder
    is said in 5栋's group — once, naming 3栋's building but not its flat."""
    config = make_config(tmp_path, fake.base_url, storage=storage)
    clock.now = shanghai(23, 10)
    async with run_bot(config) as app:
        cast = await water_cut_merged_across_groups(fake, app, GROUP, OTHER)
        fake.say(cast.other, cast.worker, "/assign 1")
        await settle(app, fake)
        await kept_group_removes_the_bot(app, fake, cast.group)
        await levels_one_and_two(app, fake, clock)
        clock.now = shanghai(24, 9)
        assert (await tick(app, fake))["reminders"] == 1
    [said] = reminders(fake, OTHER)
    assert "网格员小王" in said and "#1【供水排水】" in said, said
    assert "501" not in said, said
    assert reminders(fake, GROUP) == []
