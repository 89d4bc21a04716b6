"""A storm evening: the power goes in one building after another. The office is told once that
one problem is reported in many groups (with the tickets and a /done for all of them), and that
one notice grows as more groups report it; two groups, or two problems, are no such event."""

from __future__ import annotations

from bot.devtools.runner import settle
from tests.factories import ADMIN_ID, WORKER_ID


def bursts(fake) -> list:
    return [m for m in fake.bot_messages(ADMIN_ID) if "片区" in m.text]


async def test_the_office_hears_once_of_an_outage_many_groups_report(fake, run_bot, clock):
    groups = [fake.group(-7560 - n, f"{n}栋群") for n in range(1, 5)]
    async with run_bot() as app:
        fake.say(
            fake.private(fake.person(ADMIN_ID, "社区办")), fake.person(ADMIN_ID, "社区办"), "/start"
        )
        fake.say(groups[0], fake.person(1, "甲"), "1栋停电了 冰箱都不转了")
        fake.say(
            groups[1], fake.person(2, "乙"), "3栋门口的路灯坏了 晚上黑乎乎的"
        )  # another problem
        await settle(app, fake)
        clock.advance(minutes=10)
        fake.say(groups[1], fake.person(3, "丙"), "2栋也停电了 啥时候来电")
        await settle(app, fake)
        assert bursts(fake) == []  # two groups: not yet
        clock.advance(minutes=10)
        fake.say(groups[2], fake.person(4, "丁"), "3栋停电了 电梯也不动了")
        await settle(app, fake)
        [notice] = bursts(fake)
        assert "3 个群" in notice.text and "【供电】" in notice.text, notice.text
        assert "「1栋群」" in notice.text and "/done 1、3、4" in notice.text, notice.text
        clock.advance(minutes=10)
        fake.say(groups[3], fake.person(5, "戊"), "4栋停电了 家里一片黑")
        await settle(app, fake)
    [notice] = bursts(fake)  # the same message, rewritten
    assert (
        "4 个群" in notice.text and "「4栋群」" in notice.text and "/done 1、3、4、5" in notice.text
    )


async def test_reports_an_hour_apart_are_no_burst(fake, run_bot, clock):
    groups = [fake.group(-7560 - n, f"{n}栋群") for n in range(1, 4)]
    async with run_bot() as app:
        for n, group in enumerate(groups, 1):
            fake.say(group, fake.person(n, "居民"), f"{n}栋停电了 冰箱都不转了")
            await settle(app, fake)
            clock.advance(minutes=40)
    assert bursts(fake) == []


async def test_a_storm_longer_than_the_hour_is_still_one_notice(fake, run_bot, clock):
    groups = [fake.group(-7560 - n, f"{n}栋群") for n in range(1, 5)]
    async with run_bot() as app:
        fake.say(
            fake.private(fake.person(ADMIN_ID, "社区办")), fake.person(ADMIN_ID, "社区办"), "/start"
        )
        for n, group in enumerate(groups[:3], 1):
            fake.say(group, fake.person(n, "居民"), f"{n}栋停电了 冰箱都不转了")
            await settle(app, fake)
            clock.advance(minutes=10)
        clock.advance(minutes=40)  # 70 minutes after the first group's report
        fake.say(groups[3], fake.person(4, "居民"), "4栋停电了 家里一片黑")
        await settle(app, fake)
    [notice] = bursts(fake)  # the same notice, rewritten: not a second one without 1栋
    assert "「1栋群」" in notice.text and "「4栋群」" in notice.text, notice.text
    assert "/done 1、2、3、4" in notice.text, notice.text


async def test_the_first_group_done_does_not_start_a_second_notice(fake, run_bot, clock):
    groups = [fake.group(-7560 - n, f"{n}栋群") for n in range(1, 5)]
    admin = fake.person(ADMIN_ID, "社区办")
    async with run_bot() as app:
        fake.say(fake.private(admin), admin, "/start")
        for n, group in enumerate(groups[:3], 1):
            fake.say(group, fake.person(n, "居民"), f"{n}栋停电了 冰箱都不转了")
            await settle(app, fake)
            clock.advance(minutes=5)
        fake.say(fake.private(admin), admin, "/done 1 1栋跳闸 已合上")
        await settle(app, fake)
        fake.say(groups[3], fake.person(4, "居民"), "4栋停电了 家里一片黑")
        await settle(app, fake)
    [notice] = bursts(fake)
    assert "「4栋群」" in notice.text and "/done 2、3、4" in notice.text, notice.text


async def test_the_workers_hear_of_it_when_no_admin_ever_started_the_bot(fake, run_bot, clock):
    groups = [fake.group(-7560 - n, f"{n}栋群") for n in range(1, 4)]
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        fake.say(fake.private(wang), wang, "/start")
        for n, group in enumerate(groups, 1):
            fake.say(group, fake.person(n, "居民"), f"{n}栋停电了 冰箱都不转了")
            await settle(app, fake)
            clock.advance(minutes=5)
    assert bursts(fake) == []  # the admin cannot be written to
    told = [m.text for m in fake.bot_messages(WORKER_ID) if "片区" in m.text]
    assert len(told) == 1 and "3 个群" in told[0], told
