"""The 督办 of a ticket that holds another group's report (a cross-group merge): posted once
in the group where it was raised — the kept ticket's, and in the group whose report went into
it, told its progress would be announced there; or, held for the morning when the other
group's ticket was merged away overnight, in that group, saying where it went — never naming
the other building's flat."""

from __future__ import annotations

from typing import Any

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from tests.e2e.scenes import shanghai, tick, water_cut_merged_across_groups
from tests.factories import WORKER_ID, make_config

GROUP, OTHER = -100820, -100821


def escalations(fake: FakeTelegram, chat_id: int) -> list[str]:
    return [m.text for m in fake.bot_messages(chat_id) if m.text.startswith("⏫")]


async def levels_one_and_two(app: Any, fake: FakeTelegram, clock: Any) -> None:
    """The clock raises the urgent water cut to level 1 at 12:01 (once: nothing more at
    12:02), and to level 2 at 14:01."""
    clock.now = shanghai(23, 12, 1)
    assert (await tick(app, fake))["escalated"] == 1
    clock.now = shanghai(23, 12, 2)
    assert (await tick(app, fake))["escalated"] == 0
    clock.now = shanghai(23, 14, 1)
    assert (await tick(app, fake))["escalated"] == 1


async def raise_by_hand(app: Any, fake: FakeTelegram, web: Any, worker: Any) -> None:
    """The office raises #1 one level on its desk (督办), signed in as `worker`."""
    from tests.e2e.test_desk import _csrf, _nonce, ask_link

    await web.get(await ask_link(app, fake, worker))
    page = (await web.get("/tickets/1")).text
    form = {"csrf": _csrf(page), "nonce": _nonce(page), "level": "0"}
    assert (await web.post("/tickets/1/escalate", data=form)).status_code == 303
    await settle(app, fake)


async def kept_group_removes_the_bot(app: Any, fake: FakeTelegram, group: Any) -> None:
    """3栋's group, whose ticket holds 5栋's report, removes the bot."""
    fake.bot_membership(group, "member", "kicked")
    fake.blocked.add(GROUP)
    await settle(app, fake)


async def test_a_water_cut_merged_across_groups_escalates_once_in_the_kept_tickets_group(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    """3栋's #1 holds 5栋's #2 (an urgent water cut, merged at 10:00): two hours on, level 1
    is posted once in 3栋's group, and not again by the next ticks (level 2, two hours
    later, has no chat configured: no group hears it)."""
    config = make_config(tmp_path, fake.base_url, storage=storage)
    clock.now = shanghai(23, 10)
    async with run_bot(config) as app:
        await water_cut_merged_across_groups(fake, app, GROUP, OTHER)
        await levels_one_and_two(app, fake, clock)
    [said] = escalations(fake, GROUP)
    assert "1级" in said and "#1【供水排水】" in said and "2 户反映" in said, said


async def test_the_group_whose_report_went_into_another_hears_its_escalation_once(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    """5栋's #2 went into 3栋's #1, and 5栋 was told 进展会在这里通知: it hears #1's assign and
    done, and its 督办 too — once, calling the worker on duty as 3栋 hears it, naming 3栋's
    building but not its flat, in 5栋's own words."""
    config = make_config(tmp_path, fake.base_url, storage=storage)
    clock.now = shanghai(23, 10)
    async with run_bot(config) as app:
        cast = await water_cut_merged_across_groups(fake, app, GROUP, OTHER)
        fake.say(fake.private(cast.worker), cast.worker, "/start")
        await settle(app, fake)
        await levels_one_and_two(app, fake, clock)
    [said] = escalations(fake, OTHER)
    assert "1级" in said and "#1【供水排水】" in said and "群：3栋业主群" in said, said
    assert "反映：5栋也停水了" in said and "501" not in said, said
    assert "仍无人接单" in said and "网格员小王" in said, said
    assert len(escalations(fake, GROUP)) == 1


async def test_an_escalation_held_overnight_in_a_group_whose_ticket_went_to_another(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    """5栋's #1, the east gate's street light (three days to fix it), falls due at night
    (level 1 waits for 07:00); 3栋's #2, the same light told that evening, is not due yet. At
    06:30 the worker folds #1 into #2. At 07:00 5栋's group, where the 督办 was raised, is
    told once that it went into #2; 3栋's group is not told again, and nothing names a flat
    of the other building."""
    config = make_config(tmp_path, fake.base_url, storage=storage)
    other, group = fake.group(OTHER, "5栋业主群"), fake.group(GROUP, "3栋业主群")
    li, zhang = fake.person(502, "李叔"), fake.person(501, "张阿姨")
    worker = fake.person(WORKER_ID, "网格员小王")
    clock.now = shanghai(23, 22, 30)
    async with run_bot(config) as app:
        fake.say(other, li, "小区东门的路灯不亮了 5-1-302住户")
        await settle(app, fake)
        clock.now = shanghai(26, 20)
        fake.say(group, zhang, "东门路灯坏了好几天了 3-2-501")
        await settle(app, fake)
        clock.now = shanghai(26, 23)
        assert (await tick(app, fake))["escalated"] == 1
        clock.now = shanghai(27, 6, 30)
        fake.say(fake.private(worker), worker, "/merge 2 1")
        await settle(app, fake)
        clock.now = shanghai(27, 7, 1)
        await tick(app, fake)
        clock.now = shanghai(27, 9)
        assert (await tick(app, fake))["escalated"] == 0
    [said] = escalations(fake, OTHER)
    assert "1级" in said and said.endswith("（#1 已合并到 #2）"), said
    assert "501" not in said, said
    assert escalations(fake, GROUP) == []


async def test_a_level_the_office_raises_by_hand_is_said_in_the_merged_group_too(
    fake: FakeTelegram, run_bot, tmp_path, storage
):
    """The office raises 3栋's #1 (5栋's #2 went into it) by hand on its desk (督办): both
    groups hear it, 5栋's naming 3栋's building but not its flat."""
    import httpx

    from tests.e2e.test_desk import desk_config

    config, base = desk_config(tmp_path, fake, storage)
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        cast = await water_cut_merged_across_groups(fake, app, GROUP, OTHER)
        await raise_by_hand(app, fake, web, cast.worker)
    [here] = escalations(fake, GROUP)
    [there] = escalations(fake, OTHER)
    assert "1级" in here and "501" in here, here
    assert "1级" in there and "群：3栋业主群" in there and "501" not in there, there


async def test_the_merged_group_hears_the_escalation_after_the_kept_tickets_group_removed_the_bot(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    """3栋's #1 holds 5栋's #2; then 3栋's group removes the bot. Level 1, two hours on, has
    nowhere to be said in 3栋 — but 5栋, told 进展会在这里通知, still hears it, once."""
    config = make_config(tmp_path, fake.base_url, storage=storage)
    clock.now = shanghai(23, 10)
    async with run_bot(config) as app:
        cast = await water_cut_merged_across_groups(fake, app, GROUP, OTHER)
        await kept_group_removes_the_bot(app, fake, cast.group)
        await levels_one_and_two(app, fake, clock)
    [said] = escalations(fake, OTHER)
    assert "1级" in said and "#1【供水排水】" in said and "群：3栋业主群" in said, said
    assert "501" not in said, said
    assert escalations(fake, GROUP) == []


async def test_a_level_raised_by_hand_reaches_the_merged_group_after_the_kept_one_left(
    fake: FakeTelegram, run_bot, tmp_path, storage
):
    """The office raises 3栋's #1 by hand after 3栋's group removed the bot: 5栋, whose
    report went into it, hears it all the same."""
    import httpx

    from tests.e2e.test_desk import desk_config

    config, base = desk_config(tmp_path, fake, storage)
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        cast = await water_cut_merged_across_groups(fake, app, GROUP, OTHER)
        await kept_group_removes_the_bot(app, fake, cast.group)
        await raise_by_hand(app, fake, web, cast.worker)
    [there] = escalations(fake, OTHER)
    assert "1级" in there and "群：3栋业主群" in there and "501" not in there, there
    assert escalations(fake, GROUP) == []
