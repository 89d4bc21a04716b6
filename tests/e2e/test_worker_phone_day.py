"""A grid worker's day on the phone, through the real bot: buttons pressed late, twice or by
someone no longer on the roster, commands typed in a hurry with several numbers or as a reply."""

from __future__ import annotations

import copy

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from tests.engines import rows
from tests.factories import ADMIN_ID, WORKER2_ID, WORKER_ID, make_config

GROUP = -7801
UNSURE = "我家菜地里头全是水"  # water, right at the complaint line: it waits for a worker


def notice_of(fake: FakeTelegram, worker_id: int):
    """The newest 研判 notice to a worker, with its buttons."""
    return [m for m in fake.bot_messages(worker_id) if m.reply_markup][-1]


async def an_unsure_message_before_two_workers(fake: FakeTelegram, app):
    """小王 and 小李 have started the bot; 张阿姨 says something the bot is unsure of: each
    worker gets a 研判 notice. The two workers, as people."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang, li = fake.person(WORKER_ID, "小王"), fake.person(WORKER2_ID, "小李")
    for worker in (wang, li):
        fake.say(fake.private(worker), worker, "/start")
    await settle(app, fake)
    fake.say(group, zhang, UNSURE)
    await settle(app, fake)
    return wang, li


async def test_a_late_change_category_press_brings_no_buttons_back(
    fake: FakeTelegram, run_bot, config
):
    async with run_bot() as app:
        wang, li = await an_unsure_message_before_two_workers(fake, app)
        mine, hers = notice_of(fake, WORKER_ID), notice_of(fake, WORKER2_ID)
        on_my_phone = copy.deepcopy(mine)  # the buttons as 小王's phone still shows them
        fake.press(hers, li, "triage:1:f")  # 小李 files it first
        await settle(app, fake)
        assert "已登记为 #1" in mine.text and mine.reply_markup is None
        fake.press(on_my_phone, wang, "triage:1:c")  # 小王's 改类别 arrives after
        await settle(app, fake)
        assert fake.callback_answers[-1]["text"] == "这条已由 小李 研判过了"
        assert mine.reply_markup is None, mine.reply_markup  # no categories under 已登记
        assert "已登记为 #1" in mine.text
    assert rows(config, "SELECT id, category FROM tickets") == [(1, "water")]


async def test_someone_taken_off_the_roster_pressing_a_judging_button_is_told_what_it_is(
    fake: FakeTelegram, run_bot, config, tmp_path, storage
):
    async with run_bot() as app:
        _, li = await an_unsure_message_before_two_workers(fake, app)
        hers = notice_of(fake, WORKER2_ID)
    roles = {"workers": [WORKER_ID], "admins": [ADMIN_ID]}  # 小李 has moved to another post
    async with run_bot(make_config(tmp_path, fake.base_url, storage=storage, roles=roles)) as app:
        for data in ("triage:1:d", "triage:1:c"):
            fake.press(hers, li, data)
            await settle(app, fake)
            said = fake.callback_answers[-1]
            # not 接单 (no ticket here), nor the residents' 只有网格员可以研判群消息
            assert said["text"] == "您已不在网格员名单中，这条消息不再由您研判了，谢谢。", said
    assert hers.reply_markup is None  # the copy no longer offers what 小李 may not do
    assert rows(config, "SELECT state FROM triage") == [("pending",)]


async def test_a_note_for_two_tickets_typed_at_once_is_each_tickets_note(
    fake: FakeTelegram, run_bot, config
):
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋楼道灯坏了 黑黢黢的")
        fake.say(group, zhang, "5栋门口垃圾堆了三天了")
        await settle(app, fake)
        fake.say(group, wang, "/note 1、2 下午去看")
        await settle(app, fake)
        told = [m.text for m in fake.bot_messages(GROUP) if m.text.startswith("📌")]
        assert len(told) == 2 and all(t.endswith("：下午去看（小王）") for t in told), told
        fake.say(fake.private(wang), wang, "/note 1，3 明早处理")  # #3 is nobody's
        await settle(app, fake)
        said = fake.bot_messages(WORKER_ID)[-1].text
        assert "#1【照明】" in said and "3栋群" in said and "没有找到 #3" in said, said
        assert "/todo" in said, said  # in private a worker's own list, not the group's /list
    notes = rows(config, "SELECT ticket_id, detail FROM events WHERE action = 'note' ORDER BY id")
    assert notes == [(1, "下午去看"), (2, "下午去看"), (1, "明早处理")]


async def test_a_note_as_a_reply_to_the_acknowledgement_or_the_report_needs_no_number(
    fake: FakeTelegram, run_bot, config
):
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        report = fake.say(group, zhang, "3栋楼道灯坏了 黑黢黢的")
        await settle(app, fake)
        ack = fake.bot_messages(GROUP)[-1]
        fake.say(group, wang, "/note 明天上午来换", reply_to=ack.message_id)  # as /done takes it
        fake.say(group, wang, "/note 灯管已订", reply_to=report["message_id"])
        await settle(app, fake)
        told = [m.text for m in fake.bot_messages(GROUP)[1:]]
        assert told == ["📌 进展 #1【照明】3栋：明天上午来换（小王）",
                        "📌 进展 #1【照明】3栋：灯管已订（小王）"], told  # fmt: skip
    notes = rows(config, "SELECT ticket_id, detail FROM events WHERE action = 'note' ORDER BY id")
    assert notes == [(1, "明天上午来换"), (1, "灯管已订")]


async def test_done_and_note_as_replies_to_the_bots_own_posts_about_a_ticket(
    fake: FakeTelegram, run_bot, config
):
    """On a phone the newest post about a ticket is the one to reply to: "已由 小王 接单",
    "📌 进展", or the urgent alert in private."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(fake.private(wang), wang, "/start")
        fake.say(group, zhang, "3栋楼道灯坏了 黑黢黢的")
        fake.say(group, zhang, "5栋电梯里有人被困住了 快来人")
        await settle(app, fake)
        fake.say(group, wang, "/assign 1")
        await settle(app, fake)
        taken = fake.bot_messages(GROUP)[-1]
        assert "接单" in taken.text, taken.text
        fake.say(group, wang, "/note 明天上午来换", reply_to=taken.message_id)
        await settle(app, fake)
        progress = fake.bot_messages(GROUP)[-1]
        assert progress.text.startswith("📌 进展 #1"), progress.text
        fake.say(group, wang, "/done 已更换灯管", reply_to=progress.message_id)
        alert = [m for m in fake.bot_messages(WORKER_ID) if "#2" in m.text][-1]
        fake.say(fake.private(wang), wang, "/done 已放出被困人员", reply_to=alert.message_id)
        await settle(app, fake)
    acts = rows(
        config,
        "SELECT ticket_id, action, detail FROM events "
        "WHERE action IN ('note', 'done') ORDER BY ticket_id, id",
    )  # two chats: any order
    assert acts == [(1, "note", "明天上午来换"), (1, "done", "已更换灯管"),
                    (2, "done", "已放出被困人员")], acts  # fmt: skip


async def test_assign_with_two_numbers_takes_or_hands_both(fake: FakeTelegram, run_bot, config):
    """`/assign 1、2` takes both (the 2 is no colleague's name); `/assign 3，4 小李` hands both."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang, li = fake.person(WORKER_ID, "小王"), fake.person(WORKER2_ID, "小李")
    async with run_bot() as app:
        fake.say(group, li, "收到")  # the group has seen 小李
        for text in ("3栋楼道灯坏了", "5栋门口垃圾堆了三天", "6栋电梯坏了", "2栋水管漏水"):
            fake.say(group, zhang, text)
        await settle(app, fake)
        fake.say(group, wang, "/assign 1、2")
        fake.say(fake.private(wang), wang, "/assign 3，4 老周")  # nobody the bot knows
        await settle(app, fake)
        unknown = fake.bot_messages(WORKER_ID)[-1].text
        assert unknown.startswith("找不到 老周，#3、#4 没有派出") and "/assign 3、4；" in unknown
        fake.say(fake.private(wang), wang, "/assign 3，4 小李")
        await settle(app, fake)
        said = fake.bot_messages(WORKER_ID)[-1].text
        assert said.startswith("已派给 小李 2 件") and "#3" in said and "#4" in said, said
    assignees = rows(config, "SELECT id, assignee_id FROM tickets ORDER BY id")
    assert assignees == [(1, WORKER_ID), (2, WORKER_ID), (3, WORKER2_ID), (4, WORKER2_ID)]
    told = [m.text for m in fake.bot_messages(GROUP)]
    assert not [t for t in told if "找不到" in t], told
    for number, worker in ((1, "小王"), (2, "小王"), (3, "小李"), (4, "小李")):
        assert [t for t in told if t.startswith(f"#{number}【") and worker in t], (number, told)
