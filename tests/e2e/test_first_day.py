"""A community's first day: the bot added to a building group, and what the group sees first."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from pathlib import Path

from bot import texts
from bot.app import WORKERS_CHECK_KEY
from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from bot.runtime import groups
from bot.runtime.schedule import run_schedule
from bot.runtime.services import SERVICES_KEY
from tests.factories import ADMIN_ID, FAST, WORKER_ID, make_config

GROUP, SUPER = -5101, -1005101


def said(fake: FakeTelegram, chat_id: int = GROUP) -> list[str]:
    return [m.text for m in fake.bot_messages(chat_id)]


async def test_a_group_that_adds_the_bot_is_told_what_to_do(fake: FakeTelegram, run_bot):
    group = fake.group(GROUP, "🏠 <b>3栋</b> 业主群")
    async with run_bot() as app:
        fake.bot_membership(group, "left", "member")
        fake.join(group, fake.bot_user)  # Telegram's service message, beside my_chat_member
        await settle(app, fake)
        welcome = said(fake)
        assert len(welcome) == 1, welcome
        assert "直接在群里说" in welcome[0] and "/help" in welcome[0], welcome
        assert "管理员" not in welcome[0]  # the bot reads the group: nothing to fix

        fake.bot_membership(group, "member", "kicked")  # removed by mistake, added back
        await settle(app, fake)
        fake.bot_membership(group, "kicked", "member")
        await settle(app, fake)
    assert said(fake) == welcome  # welcomed once, not again on its return


async def test_a_group_that_becomes_a_supergroup_is_not_welcomed_again(fake: FakeTelegram, run_bot):
    old = fake.group(GROUP, "3栋群", kind="group")
    async with run_bot() as app:
        fake.bot_membership(old, "left", "member")
        await settle(app, fake)
        assert len(said(fake)) == 1
        fake.say(old, None, "", migrate_to_chat_id=SUPER)
        await settle(app, fake)
        new = fake.group(SUPER, "3栋群")
        fake.bot_membership(new, "left", "member")  # Telegram adds the bot to the supergroup
        await settle(app, fake)
    assert said(fake, SUPER) == []


async def test_privacy_mode_is_explained_to_the_group_that_added_the_bot(run_bot, tmp_path: Path):
    async with FakeTelegram(can_read_all_group_messages=False) as blind:
        config = make_config(tmp_path, blind.base_url)
        group, other = blind.group(GROUP, "3栋群"), blind.group(GROUP - 1, "5栋群")
        async with run_bot(config) as app:
            blind.bot_membership(group, "left", "member")
            await settle(app, blind)
            welcome = said(blind)
            assert len(welcome) == 1 and "设为管理员" in welcome[0], welcome

            blind.bot_membership(group, "member", "administrator")  # the group's owner does so
            await settle(app, blind)
            assert len(said(blind)) == 2 and "都能看到" in said(blind)[-1], said(blind)

            blind.bot_membership(other, "left", "administrator")  # an admin from the start
            await settle(app, blind)
    assert len(said(blind, GROUP - 1)) == 1
    assert "设为管理员" not in said(blind, GROUP - 1)[0]


async def test_a_configured_chat_the_bot_cannot_post_in_is_named_at_start(
    fake: FakeTelegram, run_bot, tmp_path: Path, caplog
):
    """The escalation chats left as config.example.toml has them, an office chat the bot was
    never added to: said at start, naming the key, not the day a ticket escalates there."""
    fake.group(GROUP, "社区办公室")
    config = make_config(
        tmp_path,
        fake.base_url,
        escalation={"level2_chat": -1002222222222, "level3_chat": GROUP},
        schedule={"office_chat": -1004444444444},
        notices=[{"cron": "0 9 10 * *", "chat": GROUP, "text": "居民议事日"}],
    )
    with caplog.at_level(logging.WARNING):
        async with run_bot(config):
            pass
    warned = [r.getMessage() for r in caplog.records if "cannot post" in r.getMessage()]
    assert len(warned) == 2, warned
    assert warned[0].startswith("[escalation] level2_chat -1002222222222: "), warned
    assert warned[1].startswith("[schedule] office_chat -1004444444444: "), warned


async def test_a_worker_starting_the_bot_in_private_learns_the_bot_knows_them(
    fake: FakeTelegram, run_bot
):
    """The /start each worker is asked to send on the first day says back that the bot knows
    them as a worker and will write to them there; a resident's help stays as it was."""
    wang, boss, zhang = (
        fake.person(WORKER_ID, "小王"),
        fake.person(ADMIN_ID, "主任"),
        fake.person(1, "张"),
    )
    async with run_bot() as app:
        for person in (wang, boss, zhang):
            fake.say(fake.private(person), person, "/start")
        await settle(app, fake)
    [for_worker] = said(fake, WORKER_ID)
    assert f"已登记为网格员（用户编号 {WORKER_ID}）" in for_worker, for_worker
    assert "在这里私信通知您" in for_worker
    [for_admin] = said(fake, ADMIN_ID)
    assert f"已登记为社区工作人员（用户编号 {ADMIN_ID}）" in for_admin, for_admin
    assert said(fake, 1) == [texts.HELP_RESIDENT]


async def test_a_bot_started_with_nobody_on_the_roster_says_so(
    fake: FakeTelegram, run_bot, tmp_path: Path, caplog
):
    """[roles] left empty: tickets would be filed that nobody may take or close, and urgent
    complaints would reach nobody. The start says so, naming the key."""
    config = make_config(tmp_path, fake.base_url, roles={"workers": [], "admins": []})
    with caplog.at_level(logging.WARNING):
        async with run_bot(config):
            pass
    warned = [r.getMessage() for r in caplog.records if r.getMessage().startswith("[roles]")]
    assert len(warned) == 1 and "workers = [" in warned[0], warned


async def test_the_group_help_gives_the_deployments_own_reopen_window(
    fake: FakeTelegram, run_bot, tmp_path: Path
):
    """[loop] reopen_days = 3: a resident told "7 天内" would try on day 5 and be refused."""
    config = make_config(tmp_path, fake.base_url, loop={"reopen_days": 3})
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张")
    async with run_bot(config) as app:
        fake.say(group, zhang, "/help")
        await settle(app, fake)
    [usage] = said(fake)
    assert "办结后 3 天内" in usage and "7 天" not in usage, usage


async def test_the_office_hears_of_each_group_the_bot_joins(fake: FakeTelegram, run_bot):
    """Anyone can add a bot to a group: the admins learn of each new one (its title and its id,
    for the config's chats), and of nothing when a known group adds it back or moves."""
    boss = fake.person(ADMIN_ID, "主任")
    group = fake.group(GROUP, "🏠 <b>3栋</b> 业主群", kind="group")
    async with run_bot() as app:
        fake.say(fake.private(boss), boss, "/start")
        await settle(app, fake)
        fake.bot_membership(group, "left", "member")
        await settle(app, fake)
        fake.bot_membership(group, "member", "left")
        fake.bot_membership(group, "left", "member")
        fake.say(group, None, "", migrate_to_chat_id=SUPER)
        await settle(app, fake)
        fake.bot_membership(fake.group(SUPER, "🏠 <b>3栋</b> 业主群"), "left", "member")
        await settle(app, fake)
    told = said(fake, ADMIN_ID)[1:]
    assert len(told) == 1, told
    assert "🏠 <b>3栋</b> 业主群" in told[0] and str(GROUP) in told[0] and "群主" in told[0]


async def _no_digest_today_one_tomorrow(app, fake: FakeTelegram, clock) -> None:
    """A minute after the bot came (after digest_time), no digest; the next day's comes."""
    services = app.bot_data[SERVICES_KEY]
    for hours, digests in ((0, 0), (24, 1)):
        clock.advance(minutes=1, hours=hours)
        await run_schedule(services)
        await settle(app, fake)
        assert len([t for t in said(fake) if "📋" in t]) == digests


async def test_a_group_that_adds_the_bot_after_digest_time_gets_no_digest_of_before_it_came(
    fake: FakeTelegram, run_bot, clock
):
    """Added at 20:30, half an hour after digest_time: the group is not told, a minute after
    the greeting, that 昨日20:00以来没有新的诉求 — a day the bot did not see. The next day's
    digest comes as usual."""
    group = fake.group(GROUP, "3栋群")
    async with run_bot() as app:
        clock.advance(hours=11, minutes=30)  # 20:30 in Shanghai
        fake.bot_membership(group, "left", "member")
        await settle(app, fake)
        await _no_digest_today_one_tomorrow(app, fake, clock)


async def test_the_office_still_hears_of_a_new_group_after_a_crash(
    fake: FakeTelegram, run_bot, monkeypatch
):
    """The greeting was queued (committed), then the process died before the admins' notices
    were: the update is handled again at the next start, and the admins are told, once."""
    boss = fake.person(ADMIN_ID, "主任")
    group = fake.group(GROUP, "3栋群")
    async with run_bot() as app:
        fake.say(fake.private(boss), boss, "/start")
        await settle(app, fake)

    async def dies(*args, **kwargs):
        raise RuntimeError("the process died here")

    with monkeypatch.context() as patched:
        patched.setattr(groups, "_tell_office", dies)
        async with run_bot() as app:
            fake.bot_membership(group, "left", "member")
            await settle(app, fake)
    async with run_bot() as app:  # the update is tried again at the start
        await settle(app, fake)
    assert len(said(fake)) == 1, said(fake)
    told = [t for t in said(fake, ADMIN_ID) if str(GROUP) in t]
    assert len(told) == 1, said(fake, ADMIN_ID)


async def test_a_group_that_adds_the_bot_again_after_digest_time_gets_no_digest_of_before_it(
    fake: FakeTelegram, run_bot, clock
):
    """Removed for some days, added again at 20:30: no digest of a day the bot was not there,
    although the group is known from long ago. The next day's digest comes as usual."""
    group = fake.group(GROUP, "3栋群")
    async with run_bot() as app:
        fake.bot_membership(group, "left", "member")
        await settle(app, fake)
        clock.advance(hours=2)
        fake.bot_membership(group, "member", "left")
        await settle(app, fake)
        clock.advance(days=4, hours=9, minutes=30)  # 20:30 in Shanghai, four days on
        fake.bot_membership(group, "left", "member")
        await settle(app, fake)
        await _no_digest_today_one_tomorrow(app, fake, clock)


async def test_a_worker_whose_start_waits_in_the_backlog_is_not_said_unreachable(
    fake: FakeTelegram, run_bot, config, caplog
):
    """The first start: worker 9001 sent /start while the bot was not yet running, worker 9002
    never did. The log named both as "never started a private chat" (the check came before the
    waiting messages were read); it names only 9002 — the check waits for what waited, however
    long it takes to read (no time at all given here: the check waits for the backlog alone)."""
    worker = fake.person(WORKER_ID, "小王")
    fake.say(fake.private(worker), worker, "/start")
    with caplog.at_level(logging.WARNING):
        async with run_bot(tuning=dataclasses.replace(FAST, workers_check_after=0)) as app:
            await settle(app, fake)
            await asyncio.wait_for(app.bot_data[WORKERS_CHECK_KEY], 20)  # a hang fails, not holds
    warned = [r.getMessage() for r in caplog.records if "never started" in r.getMessage()]
    assert len(warned) == 1 and "[9002]" in warned[0], warned
