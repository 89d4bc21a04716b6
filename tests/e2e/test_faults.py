"""Telegram misbehaving on purpose: 429, 5xx, timeouts, 403, migrations, bad markup, limits."""

from __future__ import annotations

from dataclasses import replace

from bot.devtools.fakeapi.server import FakeTelegram, Fault
from bot.devtools.runner import settle
from bot.runtime.schedule import run_schedule
from bot.runtime.services import SERVICES_KEY
from tests.conftest import FAST
from tests.engines import peek
from tests.factories import WORKER_ID

GROUP, SUPER = -6001, -1006001


def one(config, sql, params=()):
    with peek(config) as conn:
        return conn.execute(sql, params).fetchone()


def acks(fake: FakeTelegram, chat_id: int = GROUP) -> list[str]:
    return [m.text for m in fake.bot_messages(chat_id) if m.text.startswith("已受理")]


async def test_429_is_waited_out_and_the_acknowledgement_still_arrives(fake, run_bot, config):
    group, zhang = fake.group(GROUP, "g"), fake.person(1, "张")
    fake.faults.append(
        Fault("sendMessage", 429, "Too Many Requests: retry after 1", times=2, retry_after=1)
    )
    async with run_bot() as app:
        fake.say(group, zhang, "电梯又坏了 三天没人修")
        await settle(app, fake)
    assert len(acks(fake)) == 1
    assert one(config, "SELECT ack_state FROM reports") == ("sent",)


async def test_server_errors_are_retried_with_backoff(fake, run_bot, config):
    group, zhang = fake.group(GROUP, "g"), fake.person(1, "张")
    fake.faults.append(Fault("sendMessage", 502, "Bad Gateway", times=3))
    async with run_bot() as app:
        fake.say(group, zhang, "电梯又坏了 三天没人修")
        await settle(app, fake)
    assert len(acks(fake)) == 1
    assert len(fake.calls_of("sendMessage")) == 4


async def test_a_timeout_is_retried_and_never_doubles_the_ticket(fake, run_bot, config):
    group, zhang = fake.group(GROUP, "g"), fake.person(1, "张")
    fake.faults.append(Fault("sendMessage", 0, "", times=1, delay=2.5))
    async with run_bot(tuning=replace(FAST, read_timeout=1.0)) as app:
        fake.say(group, zhang, "电梯又坏了 三天没人修")
        await settle(app, fake)
        await fake.wait_for(lambda: len(fake.calls_of("sendMessage")) >= 2, what="a retry")
    assert one(config, "SELECT count(*) FROM tickets") == (1,)
    assert one(config, "SELECT ack_state FROM reports") == ("sent",)
    assert acks(fake)


async def test_a_group_that_removed_the_bot_gets_nothing_until_it_is_back(
    fake: FakeTelegram, run_bot, clock, config
):
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张")
    async with run_bot() as app:
        fake.say(group, zhang, "早上好")
        await settle(app, fake)
        fake.blocked.add(GROUP)
        fake.say(group, zhang, "3栋电梯又坏了")
        await settle(app, fake)
        assert one(config, "SELECT active FROM chats WHERE chat_id = ?", (GROUP,)) == (0,)
        calls = len(fake.calls_of("sendMessage"))
        clock.now = clock.now.replace(hour=12, minute=1)  # 20:01 local: digest time
        await run_schedule(app.bot_data[SERVICES_KEY])
        await settle(app, fake)
        assert len(fake.calls_of("sendMessage")) == calls  # no digest to a group that left

        fake.blocked.discard(GROUP)
        fake.bot_membership(group, "left", "member")
        await settle(app, fake)
        assert one(config, "SELECT active FROM chats WHERE chat_id = ?", (GROUP,)) == (1,)
        assert len(acks(fake)) == 1  # the acknowledgement waited and went out

        fake.bot_membership(group, "member", "kicked")
        await settle(app, fake)
    assert one(config, "SELECT active FROM chats WHERE chat_id = ?", (GROUP,)) == (0,)


async def test_a_group_where_the_bot_was_muted_keeps_its_acknowledgements_for_later(
    fake: FakeTelegram, run_bot, config
):
    """A 400 that says the bot may not write there (muted by an admin): the group waits, like
    one that removed the bot; nothing is dropped, and it is posted once the group speaks."""
    group, zhang, li = fake.group(GROUP, "3栋群"), fake.person(1, "张"), fake.person(2, "李")
    muted = "Bad Request: not enough rights to send text messages to the chat"
    fake.faults.append(Fault("sendMessage", 400, muted, times=99))
    async with run_bot() as app:
        fake.say(group, zhang, "3栋电梯又坏了 三天没人修")
        await settle(app, fake)
        assert one(config, "SELECT active FROM chats WHERE chat_id = ?", (GROUP,)) == (0,)
        assert one(config, "SELECT ack_state FROM reports") != ("sent",)
        fake.faults.clear()  # the admin lets the bot speak again
        fake.say(group, li, "5栋门口垃圾两天没人收了 臭死了")
        await settle(app, fake)
    assert one(config, "SELECT active FROM chats WHERE chat_id = ?", (GROUP,)) == (1,)
    said = "\n".join(acks(fake))
    assert "#1" in said and "#2" in said, said


async def test_a_group_that_became_a_supergroup_keeps_its_tickets(fake, run_bot, config):
    old = fake.group(GROUP, "3栋群", kind="group")
    zhang, worker = fake.person(1, "张"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(old, zhang, "3栋电梯又坏了")
        await settle(app, fake)
        fake.migrations[GROUP] = SUPER  # Telegram now answers: use the supergroup
        fake.say(old, zhang, "5栋垃圾没人收")
        await settle(app, fake)
        assert one(config, "SELECT count(*) FROM tickets WHERE chat_id = ?", (SUPER,)) == (2,)
        assert acks(fake, SUPER)
        new = fake.group(SUPER, "3栋群")
        fake.say(new, worker, "/done 1 修好了")
        await settle(app, fake)
        assert "已办结" in fake.bot_messages(SUPER)[-1].text

    # the service message path: the old group announces its new id
    fake.migrations.clear()
    third = fake.group(-6002, "7栋群", kind="group")
    async with run_bot() as app:
        fake.say(third, zhang, "7栋楼道灯坏了 晚上黑")
        await settle(app, fake)
        fake.say(third, None, "", migrate_to_chat_id=-1006002)
        await settle(app, fake)
    assert one(config, "SELECT chat_id FROM tickets WHERE id = 3") == (-1006002,)
    assert one(config, "SELECT active FROM chats WHERE chat_id = -6002") == (0,)


async def test_a_group_told_to_slow_down_holds_up_no_other_group(fake, run_bot):
    slowed, other = fake.group(GROUP, "3栋群"), fake.group(GROUP - 1, "8栋群")
    fake.faults.append(
        Fault("sendMessage", 429, "Too Many Requests: retry after 60", 10**6, GROUP, 60)
    )
    async with run_bot():
        fake.say(slowed, fake.person(1, "张"), "3栋门口垃圾堆了三天没人收")
        await fake.wait_for(lambda: any(m == "sendMessage" for m, _ in fake.calls))
        fake.say(other, fake.person(2, "李"), "8栋电梯困人了 快来人 老人被关在里面")
        # answered while the first group is still being told to wait a minute
        await fake.wait_for(lambda: fake.bot_messages(GROUP - 1), timeout=30, what="8栋's ack")
        assert fake.bot_messages(GROUP) == [] and "紧急" in fake.bot_messages(GROUP - 1)[0].text
        fake.faults.clear()


async def test_markup_telegram_cannot_parse_is_resent_as_plain_text(fake, run_bot, config):
    group, zhang = fake.group(GROUP, "g"), fake.person(1, "张")
    fake.faults.append(
        Fault("sendMessage", 400, "Bad Request: can't parse entities: unexpected end tag")
    )
    async with run_bot() as app:
        fake.say(group, zhang, "电梯又坏了 三天没人修")
        await settle(app, fake)
    [ack] = fake.bot_messages(GROUP)
    assert ack.text.startswith("已受理") and ack.parse_mode is None


async def test_a_burst_of_100_complaints_in_one_group_stays_within_telegram_limits(
    run_bot, config, tmp_path
):
    async with FakeTelegram(enforce_limits=True) as limited:
        from tests.factories import make_config

        cfg = make_config(tmp_path / "limited", limited.base_url)
        group = limited.group(GROUP, "3栋群")
        production_pace = replace(FAST, post_burst=5, posts_per_minute=15, group_per_minute=18)
        async with run_bot(cfg, tuning=production_pace) as app:
            for number in range(100):
                resident = limited.person(100 + number, f"居民{number}")
                limited.say(group, resident, f"{number + 1}栋门口垃圾堆了好几天没人收")
            await settle(app, limited, timeout=60)
        messages = limited.bot_messages(GROUP)
        assert limited.limit_hits == 0
        assert len(messages) <= 6
        named = "".join(m.text for m in messages)
        assert all(f"#{n}【" in named for n in range(1, 101))
        with peek(cfg) as conn:
            assert conn.execute("SELECT count(*) FROM reports WHERE ack_state = 'sent'").fetchone()
            assert conn.execute("SELECT count(*) FROM tickets").fetchone() == (100,)
