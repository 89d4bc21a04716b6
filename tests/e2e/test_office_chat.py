"""The community office's own chat ([schedule] office_chat): the bot is in it for the weekly
look back of every group, not as a building group — staff talking about a building's lift
there are not filing a complaint, and it gets no residents' welcome and no daily digest."""

from __future__ import annotations

import logging
from datetime import timedelta

from bot import texts
from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from tests.e2e.test_schedule import MORNING, tick
from tests.engines import peek
from tests.factories import ADMIN_ID, WORKER_ID, make_config

GROUP, OFFICE = -4101, -1004444444444


async def test_the_office_chat_is_not_a_building_group(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    config = make_config(tmp_path, fake.base_url, storage=storage, schedule={"office_chat": OFFICE})
    group, office = fake.group(GROUP, "3栋群"), fake.group(OFFICE, "社区办公室")
    admin, zhang = fake.person(ADMIN_ID, "刘主任"), fake.person(1, "张阿姨")
    clock.now = MORNING - timedelta(days=2)  # a Saturday morning
    async with run_bot(config) as app:
        fake.bot_membership(office, "left", "member")
        fake.bot_membership(group, "left", "member")
        await settle(app, fake)
        fake.say(office, admin, "3栋电梯又坏了 物业到现在都没来修 大家盯一下")
        edited = fake.say(office, admin, "今天下午开会")
        fake.edit(edited, "5栋楼道里的垃圾堆了三天没人收")
        fake.say(group, zhang, "3栋电梯又坏了 天天爬楼")
        await settle(app, fake)
        fake.say(office, admin, "/list")
        await settle(app, fake)
        clock.now = MORNING - timedelta(days=2) + timedelta(hours=12, minutes=5)  # 20:05
        assert (await tick(app, fake))["digests"] == 1  # the building's, not the office's
        clock.now = MORNING + timedelta(hours=1, minutes=1)  # Monday 09:01
        assert (await tick(app, fake))["look_backs"] == 2
    office_said = [m.text for m in fake.bot_messages(OFFICE)]
    assert office_said[0] == texts.staff_chat_welcome(True, [])
    assert "每周回头看" in office_said[0] and "督办" not in office_said[0]
    assert texts.GROUP_WELCOME not in office_said
    assert not [t for t in office_said if "诉求日报" in t or "已登记" in t]
    assert [t for t in office_said if t.startswith("🔍 全社区")]  # its look back, once
    assert len([t for t in office_said if t.startswith("🔍")]) == 1
    with peek(config) as conn:
        filed = conn.execute("SELECT chat_id FROM tickets").fetchall()
    assert [tuple(r) for r in filed] == [(GROUP,)]
    told = [m.text for m in fake.bot_messages(ADMIN_ID)] + [
        m.text for m in fake.bot_messages(WORKER_ID)
    ]
    assert not [t for t in told if "社区办公室" in t and "移出" in t]  # not "remove the bot"
    assert any("3栋群" in t and "移出" in t for t in told)  # the building's group: told


async def test_an_escalation_chat_is_not_a_building_group_either(
    fake: FakeTelegram, run_bot, tmp_path, storage
):
    street = -1003333333333
    config = make_config(
        tmp_path, fake.base_url, storage=storage, escalation={"level2_chat": street}
    )
    chat, admin = fake.group(street, "街道督办群"), fake.person(ADMIN_ID, "刘主任")
    async with run_bot(config) as app:
        fake.bot_membership(chat, "left", "member")
        await settle(app, fake)
        fake.say(chat, admin, "3栋电梯又坏了 物业到现在都没来修")
        await settle(app, fake)
    said = [m.text for m in fake.bot_messages(street)]
    assert said == [texts.staff_chat_welcome(False, [2])]
    assert "督办" in said[0] and "回头看" not in said[0]
    with peek(config) as conn:
        assert conn.execute("SELECT count(*) FROM tickets").fetchone()[0] == 0


async def _a_worker_says_in_the_office(fake: FakeTelegram, run_bot, config, words: str) -> None:
    """The bot joins the office's chat, and 网格员小王 says `words` there."""
    office, worker = fake.group(OFFICE, "社区办公室"), fake.person(WORKER_ID, "网格员小王")
    async with run_bot(config) as app:
        fake.bot_membership(office, "left", "member")
        await settle(app, fake)
        fake.say(office, worker, words)
        await settle(app, fake)


async def test_new_in_the_office_chat_files_nothing_and_says_where(
    fake: FakeTelegram, run_bot, tmp_path, storage
):
    """A phone call heard in the office: /new there would file a ticket of the office chat —
    no building's, its residents never told, no digest — so it is pointed to the group."""
    config = make_config(tmp_path, fake.base_url, storage=storage, schedule={"office_chat": OFFICE})
    await _a_worker_says_in_the_office(
        fake, run_bot, config, "/new 5栋门口垃圾桶满了 居民打电话来说的"
    )
    with peek(config) as conn:
        assert conn.execute("SELECT count(*) FROM tickets").fetchone()[0] == 0
    assert fake.bot_messages(OFFICE)[-1].text == texts.NEW_IN_STAFF_CHAT


async def test_a_workers_mistyped_command_in_the_office_chat_is_still_answered(
    fake: FakeTelegram, run_bot, tmp_path, storage
):
    """The office's chat hears no complaint, but its workers' slips are theirs to correct, as
    in a building's group (the office is where they talk most)."""
    config = make_config(tmp_path, fake.base_url, storage=storage, schedule={"office_chat": OFFICE})
    await _a_worker_says_in_the_office(fake, run_bot, config, "/dnoe 12 已修好")
    assert "您要发的是 /done 吗" in fake.bot_messages(OFFICE)[-1].text


async def test_a_buildings_group_named_as_the_office_chat_is_said_in_the_log_at_start(
    fake: FakeTelegram, run_bot, tmp_path, storage, caplog
):
    """The operator put 3栋's group in office_chat by mistake: its open tickets were filed as a
    building's, and now nothing said there is heard. The start says so, naming the key."""
    group = fake.group(GROUP, "3栋群")
    async with run_bot(make_config(tmp_path, fake.base_url, storage=storage)) as app:
        fake.say(group, fake.person(1, "张阿姨"), "3栋电梯又坏了 天天爬楼")
        await settle(app, fake)
    mistaken = make_config(
        tmp_path, fake.base_url, storage=storage, schedule={"office_chat": GROUP}
    )
    with caplog.at_level(logging.WARNING):
        async with run_bot(mistaken):
            pass
    said = [r.getMessage() for r in caplog.records if "office_chat" in r.getMessage()]
    assert any(f"[schedule] office_chat {GROUP}: 1 open ticket(s)" in line for line in said), said
