"""A danger merged with a ticket long overdue: the kept ticket keeps the earlier deadline and
its 督办 so far, and its next level comes on the urgent clock from the danger's report — not
at once, the urgent two hours counted from a deadline days past."""

from __future__ import annotations

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from tests.e2e.scenes import shanghai, tick
from tests.factories import WORKER_ID, make_config

GROUP = -4371


def escalations(fake: FakeTelegram) -> list[str]:
    return [m.text for m in fake.bot_messages(GROUP) if m.text.startswith("⏫")]


async def test_a_danger_merged_into_an_overdue_ticket_is_not_raised_at_once(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    """电梯坏了 on the 23rd at 10:00 (a day to fix it), raised to level 1 on the 24th; on the
    26th at 10:00 someone is trapped in 3栋's lift (urgent, #2) and the worker folds #1 into
    it. The kept #2 is two days past #1's deadline, at level 1: level 2 comes at 14:00 (the
    urgent deadline at 12:00, one urgent step on) — not the minute after the merge."""
    config = make_config(tmp_path, fake.base_url, storage=storage)
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    li, wang = fake.person(2, "李叔"), fake.person(WORKER_ID, "小王")
    clock.now = shanghai(23, 10)
    async with run_bot(config) as app:
        fake.say(group, zhang, "电梯坏了")
        await settle(app, fake)
        clock.now = shanghai(24, 10, 1)
        assert (await tick(app, fake))["escalated"] == 1
        clock.now = shanghai(26, 10)
        fake.say(group, li, "3栋电梯里有人被困了 快来人")
        await settle(app, fake)
        fake.say(group, wang, "/merge 2 1")
        await settle(app, fake)
        clock.now = shanghai(26, 10, 2)
        assert (await tick(app, fake))["escalated"] == 0
        clock.now = shanghai(26, 13, 59)
        assert (await tick(app, fake))["escalated"] == 0
        clock.now = shanghai(26, 14, 1)  # 街道承办: no street chat configured, not the group
        assert (await tick(app, fake))["escalated"] == 1
        clock.now = shanghai(26, 15, 59)
        assert (await tick(app, fake))["escalated"] == 0
        clock.now = shanghai(26, 16, 1)  # 区级督办, two hours on
        assert (await tick(app, fake))["escalated"] == 1
    [said] = escalations(fake)  # level 1, on the 24th
    assert "1级" in said and "#1【电梯】" in said, said
