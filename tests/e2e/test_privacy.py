"""Privacy through the real bot: a phone number however it is typed is masked in everything the
bot posts, in the group and in private; a ticket with a long history still gets its /ticket."""

from __future__ import annotations

from bot.devtools.fakeapi.protocol import utf16_len
from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from tests.e2e.scenes import water_cut_merged_across_groups
from tests.factories import WORKER_ID

GROUP = -100700
NUMBERS = ("13812345678", "13912345678", "15987654321")


def digits_of(text: str) -> str:
    """Every decimal digit in a row (full-width ones too), as a reader could put them."""
    return "".join(str(int(c)) for c in text if c.isdecimal())


async def test_a_phone_number_is_masked_in_every_post(fake: FakeTelegram, run_bot):
    group = fake.group(GROUP, "3栋业主群")
    zhang = fake.person(501, "张阿姨 １３９ １２３４ ５６７８")
    li = fake.person(502, "李叔")
    worker = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了，困在里面了，电话 +86 138-1234-5678")
        fake.say(group, li, "5栋楼道的灯坏了好几天，联系我 １５９８７６５４３２１")
        await settle(app, fake)
        fake.say(group, li, "/list")
        fake.say(group, worker, "/ticket 1")
        fake.say(group, worker, "/assign 1")
        await settle(app, fake)
        fake.say(group, worker, "/note 1 已联系业主 138\u200b1234\u200b5678，师傅马上到")
        fake.say(group, worker, "/done 1 已修好，有问题打 +8615987654321")
        await settle(app, fake)
        fake.say(fake.private(zhang), zhang, "/mine")
        fake.say(fake.private(worker), worker, "/todo")
        await settle(app, fake)
    posts = fake.bot_messages()
    assert {p.chat_id for p in posts} == {GROUP, 501, WORKER_ID}
    assert len(posts) >= 8
    shown = "\n".join(p.text for p in posts)
    for number in NUMBERS:
        assert number not in digits_of(shown), number
    # the numbers are there, masked: in the list, the detail, the note, the result, /mine
    assert shown.count("138****5678") >= 4 and shown.count("159****4321") >= 2
    assert "张阿姨 139****5678" in shown  # the resident's name, as mentioned by /done
    assert "3栋2单元" in shown


async def test_ticket_with_a_long_history_answers_within_telegrams_limit(
    fake: FakeTelegram, run_bot
):
    group = fake.group(GROUP, "3栋业主群")
    zhang = fake.person(501, "张阿姨")
    worker = fake.person(WORKER_ID, "网格员小王")
    note = "维保单位回复零件还在路上，预计明天上午到货后立即安排师傅上门更换，请大家注意安全" * 3
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了，门关不上")
        await settle(app, fake)
        fake.say(group, worker, "/assign 1")
        for n in range(80):
            fake.say(group, worker, f"/note 1 第{n}次：{note}")
        await settle(app, fake, timeout=60)
        fake.say(group, worker, "/ticket 1")
        await settle(app, fake)
    [detail] = [m for m in fake.bot_messages(GROUP) if "记录：" in m.text]
    assert utf16_len(detail.text) <= 4096
    assert detail.text.startswith("#1【电梯】3栋2单元 办理中")
    assert "条记录从略" in detail.text
    assert detail.text.rstrip().split("\n")[-1].split("：", 1)[1].startswith("第79次")


async def test_mine_shows_a_resident_their_own_words_not_another_groups(
    fake: FakeTelegram, run_bot
):
    async with run_bot() as app:
        cast = await water_cut_merged_across_groups(fake, app, GROUP, GROUP - 1)
        other, li, worker = cast.other, cast.second, cast.worker
        assert "合并了 #2" in fake.bot_messages(WORKER_ID)[-1].text
        fake.say(fake.private(li), li, "/mine")
        await settle(app, fake)
        mine = fake.bot_messages(li["id"])[-1].text
        assert "#1" in mine and "5栋也停水了" in mine and "一滴水都没有" not in mine
        assert "501" not in mine  # nor the other group's flat
        for who in (li, worker):  # /ticket in the merged-in group, by its resident or a worker
            fake.say(other, who, "/ticket 1")
            await settle(app, fake)
            shown = fake.bot_messages(GROUP - 1)[-1].text
            assert shown.startswith("🚨#1【供水排水】3-2 ") and "5栋也停水了" in shown
            assert "501" not in shown and "一滴水都没有" not in shown


async def test_progress_in_a_merged_in_group_names_the_building_not_the_flat(
    fake: FakeTelegram, run_bot
):
    async with run_bot() as app:
        cast = await water_cut_merged_across_groups(fake, app, GROUP, GROUP - 1)
        group, worker = cast.group, cast.worker
        for command in ("/assign 1", "/note 1 阀门已换 下午来水", "/category 1 water"):
            fake.say(group, worker, command)
            await settle(app, fake)
        home = [m.text for m in fake.bot_messages(GROUP)]
        there = [m.text for m in fake.bot_messages(GROUP - 1)]
        assert any("接单" in t and "3-2-501" in t for t in home)  # its own group sees the flat
        told = [t for t in there if "接单，" in t or "📌 进展" in t]
        assert len(told) == 2 and all("#1" in t and "3-2" in t for t in told)
        assert not any("501" in t for t in there)
