"""The office's chat and an escalation level's chat that became supergroups (QA round 24):
Telegram gives them new ids the config does not know. They stay the office's: staff talking
there file nothing, no daily digest comes, and what the config sends them (the community's
look back, an escalation) is posted there, not held for the old group, which is gone."""

from __future__ import annotations

from datetime import timedelta

from bot.devtools.runner import settle
from bot.runtime.schedule import supervise
from bot.runtime.services import SERVICES_KEY
from tests.e2e.test_schedule import MORNING, tick
from tests.engines import rows
from tests.factories import ADMIN_ID, make_config

GROUP, OFFICE, NEW_OFFICE = -24101, -24444, -1002444400001
STREET, NEW_STREET = -24333, -1002433300001


async def test_the_office_chat_become_a_supergroup_is_still_the_office(
    fake, run_bot, clock, tmp_path, storage
):
    config = make_config(tmp_path, fake.base_url, storage=storage, schedule={"office_chat": OFFICE})
    group = fake.group(GROUP, "3栋群")
    office = fake.group(OFFICE, "社区办公室", kind="group")
    admin, zhang = fake.person(ADMIN_ID, "刘主任"), fake.person(1, "张阿姨")
    clock.now = MORNING - timedelta(days=2)  # a Saturday morning
    async with run_bot(config) as app:
        fake.bot_membership(office, "left", "member")
        fake.bot_membership(group, "left", "member")
        await settle(app, fake)
        fake.say(office, None, "", migrate_to_chat_id=NEW_OFFICE)  # now a supergroup
        await settle(app, fake)
        moved = fake.group(NEW_OFFICE, "社区办公室")
        fake.say(moved, admin, "3栋电梯又坏了 物业到现在都没来修 大家盯一下")
        edited = fake.say(moved, admin, "今天下午开会")
        fake.edit(edited, "5栋楼道里的垃圾堆了三天没人收")
        fake.say(group, zhang, "3栋电梯又坏了 天天爬楼")
        await settle(app, fake)
        clock.now = MORNING - timedelta(days=2) + timedelta(hours=12, minutes=5)  # 20:05
        await tick(app, fake)
        clock.now = MORNING + timedelta(hours=1, minutes=1)  # Monday 09:01
        await tick(app, fake)
    said = [m.text for m in fake.bot_messages(NEW_OFFICE)]
    assert rows(config, "SELECT chat_id FROM tickets") == [(GROUP,)]
    assert not [t for t in said if "诉求日报" in t or "已受理" in t], said
    assert [t for t in said if t.startswith("🔍 全社区")], said  # the community's look back
    assert not [t for t in said if t.startswith("🔍 社区办公室")], said  # not a building's


async def test_an_escalation_chat_become_a_supergroup_gets_its_escalations(
    fake, run_bot, clock, tmp_path, storage
):
    config = make_config(
        tmp_path,
        fake.base_url,
        storage=storage,
        escalation={"level2_chat": STREET},
        schedule={"quiet_hours": ""},
    )
    group, zhang = fake.group(GROUP, "阳光花园3栋群"), fake.person(1, "张阿姨")
    street = fake.group(STREET, "街道督办群", kind="group")
    async with run_bot(config) as app:
        services = app.bot_data[SERVICES_KEY]
        fake.bot_membership(street, "left", "member")
        await settle(app, fake)
        fake.say(street, None, "", migrate_to_chat_id=NEW_STREET)
        fake.say(group, zhang, "3栋门口垃圾桶满了好几天没人收")
        await settle(app, fake)
        clock.advance(days=3)
        await supervise(services)  # level 1, in the group
        clock.advance(days=3)
        await supervise(services)  # level 2, in the street's chat
        await settle(app, fake)
    said = [m.text for m in fake.bot_messages(NEW_STREET)]
    assert [t for t in said if t.startswith("⏫ 督办升级 · 2级")], said
