"""Closing the loop through the real bot: 接单, merging, verdicts, reasons, escalation."""

from __future__ import annotations

from datetime import timedelta

from bot import texts
from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from bot.runtime.schedule import supervise
from bot.runtime.services import SERVICES_KEY
from tests.e2e.scenes import done_lift
from tests.engines import peek
from tests.factories import ADMIN_ID, WORKER_ID, make_config

GROUP, OTHER, OFFICE, DISTRICT = -2001, -2002, -3001, -3002


def one(config, sql, params=()):
    with peek(config) as conn:
        return conn.execute(sql, params).fetchone()


def last_text(fake: FakeTelegram, chat_id: int = GROUP) -> str:
    return fake.bot_messages(chat_id)[-1].text


async def test_take_merge_rate_reason_and_close(fake: FakeTelegram, run_bot, config):
    group = fake.group(GROUP, "3栋群")
    zhang, li, wang = fake.person(1, "张阿姨"), fake.person(2, "李叔"), fake.person(3, "王姐")
    worker = fake.person(WORKER_ID, "小王", "grid_wang")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        ack = fake.bot_messages(GROUP)[-1]
        assert ack.reply_markup["inline_keyboard"][0][0]["text"] == "接单"

        fake.say(group, li, "3栋2单元的电梯又停了")
        await settle(app, fake)
        assert last_text(fake) == "已合并到 #1【电梯】3栋2单元（已有 2 户反映）"

        fake.press(ack, wang, "take:1")
        await settle(app, fake)
        assert fake.callback_answers[-1]["text"] == "只有网格员可以接单"
        fake.press(ack, worker, "take:1")
        await settle(app, fake)
        assert "已由 小王 接单" in last_text(fake)
        assert ack.reply_markup is None  # the button is gone once taken
        methods = [method for method, _ in fake.calls]
        answered = len(methods) - 1 - methods[::-1].index("answerCallbackQuery")
        told = len(methods) - 1 - methods[::-1].index("sendMessage")
        assert answered < told  # the press is answered at once, before the group is told

        fake.say(group, worker, "/done 门机板已更换", reply_to=ack.message_id)
        await settle(app, fake)
        done = fake.bot_messages(GROUP)[-1]
        assert "已办结" in done.text and "张阿姨" in done.text and "李叔" in done.text
        buttons = [b["text"] for b in done.reply_markup["inline_keyboard"][0]]
        assert buttons == ["满意", "基本满意", "不满意"]

        fake.press(done, wang, "rate:1:s")
        await settle(app, fake)
        assert fake.callback_answers[-1]["text"] == texts.ONLY_REPORTER

        fake.press(done, zhang, "rate:1:d")
        await settle(app, fake)
        reopened = fake.bot_messages(GROUP)[-1]
        assert "评价不满意" in reopened.text and "重新交办给 小王" in reopened.text
        assert one(config, "SELECT status, reopened FROM tickets WHERE id = 1") == ("assigned", 1)

        fake.say(group, zhang, "门还是关不上，夹了我的手", reply_to=reopened.message_id)
        await settle(app, fake)
        assert "补充不满意的原因：门还是关不上" in last_text(fake)
        assert one(config, "SELECT count(*) FROM tickets")[0] == 1  # the reason is no new ticket

        fake.say(group, worker, "/done 1 更换了闭门器")
        await settle(app, fake)
        second_done = fake.bot_messages(GROUP)[-1]
        fake.press(second_done, li, "rate:1:b")
        await settle(app, fake)
        assert "谢谢 李叔 的评价（基本满意）" in last_text(fake)
        assert "还在等 张阿姨 评价" in last_text(fake)  # one household's verdict closes nothing
        assert one(config, "SELECT status FROM tickets WHERE id = 1") == ("done",)
        fake.press(second_done, zhang, "rate:1:s")
        await settle(app, fake)
        assert "2 户都已评价" in last_text(fake) and "已办结归档" in last_text(fake)
        assert second_done.reply_markup is None  # closed: the buttons are gone
        fake.press(second_done, zhang, "rate:1:d")
        await settle(app, fake)
        assert fake.callback_answers[-1]["text"] == "这件诉求已经归档，评价已结束"
        fake.say(group, zhang, "/ticket 1")
        await settle(app, fake)
        assert "评价：张阿姨 满意 · 李叔 基本满意" in last_text(fake)
    assert one(config, "SELECT status, rating FROM tickets WHERE id = 1") == (
        "closed",
        "basically_satisfied",
    )
    reason = one(config, "SELECT reason FROM ratings WHERE user_id = 1")
    assert reason == (None,)  # a new round of verdicts started at the second /done
    with peek(config) as conn:
        rows = conn.execute("SELECT action FROM events WHERE ticket_id = 1 ORDER BY id")
        actions = [a for (a,) in rows.fetchall()]
    assert actions == [
        "create", "merge", "assign", "done", "rate", "reopen", "reason", "done", "rate", "rate",
    ]  # fmt: skip


async def test_escalation_one_level_at_a_time_once_and_across_a_restart(
    fake: FakeTelegram, run_bot, clock, tmp_path
):
    config = make_config(
        tmp_path,
        fake.base_url,
        escalation={"level2_chat": OFFICE, "level3_chat": DISTRICT},
        schedule={"quiet_hours": ""},
    )
    group = fake.group(GROUP, "阳光花园3栋群")
    zhang, worker = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    async with run_bot(config) as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(group, zhang, "3栋门口垃圾桶满了好几天没人收")
        await settle(app, fake)
        fake.say(group, worker, "/assign 1")
        await settle(app, fake)
        clock.advance(hours=47)
        assert (await supervise(services))["escalated"] == 0
        clock.advance(hours=2)  # 49 h: past the 48 h limit of sanitation
        assert (await supervise(services))["escalated"] == 1
        await settle(app, fake)
        notice = last_text(fake)
        assert notice.startswith("⏫ 督办升级 · 1级（现场立办）")
        assert "小王" in notice and "#1【环境卫生】3栋" in notice
        assert "阳光花园3栋群" not in notice  # said in that group: its name is no news there
        assert (await supervise(services))["escalated"] == 0
        clock.advance(hours=48)
    async with run_bot(config) as app:
        services = app.bot_data[SERVICES_KEY]
        assert (await supervise(services))["escalated"] == 1
        assert (await supervise(services))["escalated"] == 0
        await settle(app, fake)
        raised = fake.bot_messages(OFFICE)[-1].text
        assert raised.startswith("⏫ 督办升级 · 2级（街道承办）") and "群：阳光花园3栋群" in raised
        fake.say(group, worker, "/done 1 已清运")
        await settle(app, fake)
        clock.advance(days=10)
        assert (await supervise(services))["escalated"] == 0
        await settle(app, fake)
    assert fake.bot_messages(DISTRICT) == []
    assert len(fake.bot_messages(OFFICE)) == 1
    assert one(config, "SELECT escalation_level, status FROM tickets") == (2, "closed")


async def test_a_groups_backlog_escalated_to_the_office_names_the_group(
    fake: FakeTelegram, run_bot, clock, tmp_path
):
    """Level 2 goes to the office's chat, which hears of every group: two overdue tickets of
    one group in one notice still say which group they are in."""
    config = make_config(
        tmp_path, fake.base_url, escalation={"level2_chat": OFFICE}, schedule={"quiet_hours": ""}
    )
    group = fake.group(GROUP, "阳光花园3栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    async with run_bot(config) as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(group, zhang, "3栋门口垃圾桶满了好几天没人收")
        fake.say(group, li, "5栋楼道灯不亮了 晚上黑漆漆的")
        await settle(app, fake)
        assert [t.id for t in await services.stores.tickets.list_active(GROUP)] == [1, 2]
        clock.advance(days=5)
        await supervise(services)
        clock.advance(days=5)
        await supervise(services)
        await settle(app, fake)
    [notice] = [m.text for m in fake.bot_messages(OFFICE)]
    assert notice.startswith("⏫ 督办升级 · 2级（街道承办）：以下 2 件已超时"), notice
    assert notice.count("群：阳光花园3栋群") == 2


async def test_quiet_hours_hold_escalations_until_morning_except_urgent(
    fake: FakeTelegram, run_bot, clock, config
):
    group = fake.group(GROUP, "3栋群")
    zhang = fake.person(1, "张阿姨")
    clock.now = clock.now.replace(hour=4)  # 12:00 in Shanghai
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(group, zhang, "3栋门口垃圾桶满了好几天没人收")
        fake.say(group, zhang, "5栋电梯困人了！！快来人")
        await settle(app, fake)
        clock.advance(hours=60, minutes=30)  # 00:30 local, three days later
        await supervise(services)
        await settle(app, fake)
        notices = [m.text for m in fake.bot_messages(GROUP) if m.text.startswith("⏫")]
        assert len(notices) == 1 and "电梯" in notices[0]
        clock.advance(hours=7)  # 07:30 local
        await supervise(services)
        await settle(app, fake)
        notices = [m.text for m in fake.bot_messages(GROUP) if m.text.startswith("⏫")]
        assert len(notices) == 2 and "环境卫生" in notices[-1]


async def test_unrated_tickets_close_after_three_days(fake, run_bot, clock, config):
    group, zhang, worker = (
        fake.group(GROUP, "g"),
        fake.person(1, "张"),
        fake.person(WORKER_ID, "王"),
    )
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(group, zhang, "楼道灯坏了 晚上黑黢黢的")
        await settle(app, fake)
        fake.say(group, worker, "/done 1 换了灯泡")
        await settle(app, fake)
        clock.advance(days=2)
        assert (await supervise(services))["closed_unrated"] == 0
        clock.advance(days=1, minutes=1)
        assert (await supervise(services))["closed_unrated"] == 1
    assert one(config, "SELECT status, rating FROM tickets") == ("closed", None)


async def test_more_commands_and_private_lists(fake: FakeTelegram, run_bot, clock, config):
    group, other = fake.group(GROUP, "3栋群"), fake.group(OTHER, "5栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    worker, admin = fake.person(WORKER_ID, "小王"), fake.person(ADMIN_ID, "主任")

    async def say(chat, user, text, **kw) -> str:
        before = len(fake.bot_messages(chat["id"]))
        fake.say(chat, user, text, **kw)
        await settle(app, fake)
        new = fake.bot_messages(chat["id"])[before:]
        return new[-1].text if new else ""

    async with run_bot() as app:
        fake.say(group, zhang, "3栋楼道灯坏了")  # 1
        fake.say(group, li, "5栋门口共享单车乱停 堵路")  # 2
        await settle(app, fake)
        fake.say(other, li, "5号楼停水了 一滴水都没有")  # 3
        await settle(app, fake)
        assert "只有反映人或网格员可以撤销" in await say(group, li, "/cancel 1")
        assert "已撤销（自己修好了）" in await say(group, zhang, "/cancel 1 自己修好了")
        assert "类别已更正" in await say(group, worker, "/category 2 ｎｏｉｓｅ")  # full width
        assert "是不是要发 /category 2 绿化？" in await say(group, worker, "/category 2 花花草草")
        assert "【停车】5栋 类别已更正" in await say(group, worker, "/category 2 停车")
        # the category it has already: nothing to correct (QA round 16)
        assert "已经是这个类别了" in await say(group, worker, "/category 2 ｐａｒｋｉｎｇ")
        assert "📌 进展 #2【停车】5栋：明早清理（小王）" in await say(
            group, worker, "/note 2 明早清理"
        )
        assert "抱歉，这个操作只有网格员" in await say(group, li, "/note 2 我来")
        assert "用法：/note" in await say(group, worker, "/note 2")
        assert "不能重新打开" in await say(group, li, "/reopen 2 又乱停了")
        fake.say(group, worker, "/done 2 已清理")
        await settle(app, fake)
        clock.advance(days=1)
        assert "重新打开了" in await say(group, li, "/reopen 2 又乱停了")
        fake.say(group, worker, "/done 2 又清理了")
        await settle(app, fake)
        clock.advance(days=8)
        assert "办结已超过 7 天" in await say(group, li, "/reopen 2")

        assert "没有找到 #3" in await say(group, worker, "/merge 2 3")
        # 4: a neighbour naming no place, after the merge window: her own ticket (#3's own
        # reporter, or 5号楼 named again, would join #3, still open: test_followups)
        fake.say(other, fake.person(8, "赵姐"), "怎么又停水了 一滴水都没有 饭都做不了")
        await settle(app, fake)
        assert last_text(fake, OTHER).startswith("已受理 #4")
        fake.say(group, zhang, "3栋也停水了")  # 5
        await settle(app, fake)
        private_admin = fake.private(admin)
        fake.say(private_admin, admin, "/merge 3 5")
        await settle(app, fake)
        assert "合并了 #5 的反映，现有 2 户反映" in last_text(fake, OTHER)
        away = last_text(fake, GROUP)  # no space after the bracket
        assert "您反映的 #5 已合并到 🚨#3【供水排水】5号楼（5栋群）一并办理，" in away, away
        shown_here = await say(group, fake.person(9, "王姐"), "/ticket 3")  # a neighbour there
        assert "3栋也停水了" in shown_here and "一滴水都没有" not in shown_here
        assert "记录：" not in shown_here  # the other group's record is not shown here

        chat = fake.private(li)
        fake.say(chat, li, "/mine")
        fake.say(chat, li, "/todo")
        await settle(app, fake)
        mine, refused = (m.text for m in fake.bot_messages(li["id"])[-2:])
        assert "#3【供水排水】" in mine and "#2【停车】" in mine and "#1" not in mine
        assert "只有网格员" in refused
        worker_chat = fake.private(worker)
        assert "没有找到 #2" in await say(other, worker, "/assign 2")  # not merged there
        fake.say(other, worker, "/assign 3")
        await settle(app, fake)
        # the group whose #5 was merged into #3 was promised its progress: it hears it
        assert "接单" in last_text(fake, GROUP) and "#3" in last_text(fake, GROUP)
        fake.say(other, worker, "/note 3 自来水公司在抢修")
        await settle(app, fake)
        assert "进展 🚨#3【供水排水】5号楼：自来水公司在抢修" in last_text(fake, GROUP)
        fake.say(worker_chat, worker, "/todo")
        await settle(app, fake)
        todo = last_text(fake, WORKER_ID)
        assert todo.startswith("您的待办 1 件") and "#3【供水排水】" in todo
        assert "各群还有 1 件待接单" in todo
        # an elderly resident is not left to find "the bot" herself: its name opens the chat
        said = await say(group, zhang, "/mine")
        assert "这个命令请私聊机器人使用" in said and "@yuanzi_test_bot" in said, said

        # Both groups are kept informed through done and the verdicts, and each group's
        # reporters rate, explain and reopen where they are.
        fake.say(other, worker, "/done 3 阀门已换")
        await settle(app, fake)
        here, there = fake.bot_messages(GROUP)[-1], fake.bot_messages(OTHER)[-1]
        assert "已办结" in here.text and "张阿姨" in here.text and "李叔" not in here.text
        assert "已办结" in there.text and "李叔" in there.text and "张阿姨" not in there.text
        assert here.reply_markup["inline_keyboard"][0][2]["text"] == "不满意"
        fake.press(here, zhang, "rate:3:d")
        await settle(app, fake)
        asked = fake.bot_messages(GROUP)[-1]
        assert "可以直接回复本条消息说明原因" in asked.text
        assert "张阿姨 评价不满意" in last_text(fake, OTHER)  # the worker's group hears it
        fake.say(group, zhang, "水是有了 但是黄的", reply_to=asked.message_id)
        await settle(app, fake)
        assert "补充不满意的原因：水是有了 但是黄的" in last_text(fake, OTHER)
        fake.say(other, worker, "/done 3 冲洗了管道")
        await settle(app, fake)
        fake.press(fake.bot_messages(OTHER)[-1], li, "rate:3:s")
        await settle(app, fake)
        assert "还在等" not in last_text(fake, OTHER)  # nobody of that group is left to ask
        fake.press(fake.bot_messages(GROUP)[-1], zhang, "rate:3:s")
        await settle(app, fake)
        assert "2 户都已评价" in last_text(fake, GROUP)
        assert one(config, "SELECT status FROM tickets WHERE id = 3") == ("closed",)
        assert "重新打开了" in await say(group, zhang, "/reopen 3 又黄了")
    assert one(config, "SELECT merged_into, status FROM tickets WHERE id = 5") == (3, "cancelled")


async def test_me_too_replies_and_plus_ones_join_the_complaint(fake: FakeTelegram, run_bot, config):
    group = fake.group(GROUP, "3栋群")
    zhang, li, wang, chen = (fake.person(i, n) for i, n in enumerate("张李王陈", start=1))
    async with run_bot() as app:
        complaint = fake.say(group, zhang, "电梯又坏了 等了半天")
        await settle(app, fake)
        ack = fake.bot_messages(GROUP)[-1]
        fake.say(group, li, "我家也是！", reply_to=complaint)
        fake.say(group, wang, "+1")
        fake.say(group, chen, "楼下垃圾也没人收", reply_to=ack.message_id)  # another problem
        fake.say(group, chen, "哈哈", reply_to=complaint)  # chatter stays chatter
        await settle(app, fake)
    assert one(config, "SELECT households FROM tickets WHERE id = 1") == (3,)
    assert one(config, "SELECT category FROM tickets WHERE id = 2") == ("sanitation",)
    assert one(config, "SELECT count(*) FROM tickets")[0] == 2
    assert one(config, "SELECT count(*) FROM reports")[0] == 4


async def test_every_household_is_asked_and_a_later_dissatisfied_reopens(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    """Three households: one pleased, one silent until asked again half way through the
    window, then unhappy, which sends the ticket back; 满意率 counts households."""
    config = make_config(tmp_path, fake.base_url, storage=storage, schedule={"quiet_hours": ""})
    group = fake.group(GROUP, "3栋群")
    zhang, li, zhao = fake.person(1, "张阿姨"), fake.person(2, "李叔"), fake.person(4, "赵姐")
    worker = fake.person(WORKER_ID, "小王")
    async with run_bot(config) as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(group, zhang, "3栋没水了 一滴都没有")
        await settle(app, fake)
        fake.say(group, li, "我家也是")
        await settle(app, fake)
        fake.say(group, zhao, "+1")
        await settle(app, fake)
        fake.say(group, worker, "/done 1 阀门已修好")
        await settle(app, fake)
        done = fake.bot_messages(GROUP)[-1]
        fake.press(done, zhang, "rate:1:s")
        await settle(app, fake)
        assert "还在等 李叔、赵姐 评价" in last_text(fake)
        clock.advance(hours=12)
        assert (await supervise(services))["asked_again"] == 0  # not half way yet
        clock.advance(hours=25)  # 37 h of the 72 h window
        assert (await supervise(services))["asked_again"] == 1
        await settle(app, fake)
        asked = fake.bot_messages(GROUP)[-1]
        assert "李叔" in asked.text and "赵姐" in asked.text and "张阿姨" not in asked.text
        assert asked.reply_markup["inline_keyboard"][0][0]["text"] == "满意"
        assert (await supervise(services))["asked_again"] == 0  # once a round
        fake.press(asked, li, "rate:1:b")
        await settle(app, fake)
        assert "还在等 赵姐 评价" in last_text(fake)
        fake.press(asked, zhao, "rate:1:d")
        await settle(app, fake)
        assert "评价不满意" in last_text(fake) and "重新交办" in last_text(fake)
        assert one(config, "SELECT status FROM tickets WHERE id = 1") == ("assigned",)
        fake.say(group, zhang, "/ticket 1")
        await settle(app, fake)
        assert "评价：张阿姨 满意 · 李叔 基本满意 · 赵姐 不满意" in last_text(fake)
    assert one(config, "SELECT households_rated, households_pleased FROM tickets") == (3, 2)


async def test_a_satisfied_verdict_taken_back_by_a_reopen_leaves_the_satisfaction_rate(
    fake: FakeTelegram, run_bot, clock
):
    """QA round 17: 张阿姨 answered 满意, the next day the lift was broken again and she sent
    /reopen 1 又坏了. The digest, the look back and the desk still read 满意率 100.0%（1/1）for
    the one ticket being redone. Her verdict is taken back with the reopen: no verdict stands
    until the next /done asks again, and then hers counts."""
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        group, zhang, worker, notice = await done_lift(fake, app, GROUP)
        fake.press(notice, zhang, "rate:1:s")
        await settle(app, fake)
        since = clock() - timedelta(hours=1)
        before = await services.bulletins.rates(None, since, clock())
        clock.advance(hours=20)
        fake.say(group, zhang, "/reopen 1 又坏了")
        await settle(app, fake)
        after = await services.bulletins.rates(None, since, clock())
        look_back = await services.bulletins.look_back(GROUP, clock())
        fake.say(group, worker, "/done 1 门机已大修")
        await settle(app, fake)
        fake.press(fake.bot_messages(GROUP)[-1], zhang, "rate:1:b")
        await settle(app, fake)
        again = await services.bulletins.rates(None, since, clock())
    assert (before.satisfaction.numerator, before.satisfaction.denominator) == (1, 1)
    assert after.satisfaction.denominator == 0, after
    assert look_back is not None and "满意率 暂无评价" in look_back, look_back
    assert (again.satisfaction.numerator, again.satisfaction.denominator) == (1, 1)


async def test_a_rating_button_for_a_ticket_never_done_says_it_is_not_done_yet(fake, run_bot):
    """A hand-made 满意 under the acknowledgement of a ticket nobody has done: not "being
    redone" (it never was done), and nothing is recorded."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        ack = fake.bot_messages(GROUP)[-1]
        fake.press(ack, zhang, "rate:1:s")
        await settle(app, fake)
    assert fake.callback_answers[-1]["text"] == texts.RATING_NOT_DONE
