"""What busy workers do by mistake, through the real bot: a tap on a colleague's ticket, /new
twice, /new with their own words, the same command twice."""

from __future__ import annotations

from bot import texts
from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from tests.engines import peek
from tests.factories import WORKER2_ID, WORKER_ID

GROUP = -7301


def last_text(fake: FakeTelegram) -> str:
    return fake.bot_messages(GROUP)[-1].text


def row(config, sql: str):
    with peek(config) as conn:
        return conn.execute(sql).fetchone()


async def test_a_tap_on_a_colleagues_ticket_does_not_take_it(fake: FakeTelegram, run_bot, config):
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang, li = fake.person(WORKER_ID, "小王"), fake.person(WORKER2_ID, "小李")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        ack = fake.bot_messages(GROUP)[-1]
        fake.press(ack, wang, "take:1")
        await settle(app, fake)
        told = len(fake.bot_messages(GROUP))
        fake.press(ack, li, "take:1")  # an old copy of the button, on another phone
        await settle(app, fake)
        assert fake.callback_answers[-1]["text"].startswith("#1【电梯】3栋2单元 已由 小王 接单")
        assert len(fake.bot_messages(GROUP)) == told  # the group hears nothing new
        fake.say(group, li, "/assign 1")  # said out loud, it hands the ticket on
        await settle(app, fake)
        assert "已由 小李 接单" in last_text(fake)
    assert row(config, "SELECT assignee_id FROM tickets WHERE id = 1")[0] == WORKER2_ID


async def test_new_as_a_reply_keeps_the_workers_words_and_says_when_filed_already(
    fake: FakeTelegram, run_bot, config
):
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        said = fake.say(group, zhang, "今天早上好冷啊")
        await settle(app, fake)
        fake.say(group, wang, "/new 3栋门口垃圾桶满了", reply_to=said["message_id"])
        await settle(app, fake)
        assert last_text(fake).startswith("已受理 #1")
        fake.say(group, wang, "/new", reply_to=said["message_id"])
        await settle(app, fake)
        assert last_text(fake).startswith("这条已经登记为 #1【环境卫生】")
        fake.say(group, wang, "/cancel 1 不是诉求")
        fake.say(group, wang, "/cancel 1 不是诉求")
        await settle(app, fake)
        assert last_text(fake).endswith(" 已撤销，不用再撤销。")
    summary, user = row(config, "SELECT t.summary, r.user_id FROM tickets t JOIN reports r ON "
                                "r.ticket_id = t.id WHERE t.id = 1")  # fmt: skip
    assert summary == "今天早上好冷啊"  # the resident's words, as she wrote them
    assert user == 1  # the resident's report: she is told and asked to rate
    assert row(config, "SELECT detail FROM events WHERE ticket_id = 1 AND action = 'note'") == (
        "3栋门口垃圾桶满了",  # the worker's, in the ticket's history
    )
    assert row(config, "SELECT count(*) FROM tickets")[0] == 1


async def test_a_worker_who_only_gave_commands_or_pressed_buttons_can_be_named(
    fake: FakeTelegram, run_bot, config
):
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "小王", "grid_wang")
    li = fake.person(WORKER2_ID, "小李", "grid_li")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋楼道灯坏了 黑黢黢的")
        fake.say(group, zhang, "5栋门口垃圾堆了三天了")
        await settle(app, fake)
        first = fake.bot_messages(GROUP)[0]
        fake.press(first, li, "take:1")  # 小李 has never written a word in the group
        fake.say(group, wang, "/list")  # nor has 小王: a command only
        await settle(app, fake)
        fake.say(group, wang, "/assign 2 @grid_li")
        await settle(app, fake)
        assert "小李" in last_text(fake) and "找不到" not in last_text(fake)
        fake.say(group, li, "/assign 1 @grid_wang")
        await settle(app, fake)
        assert "找不到" not in last_text(fake)
    assert row(config, "SELECT assignee_id FROM tickets WHERE id = 2")[0] == WORKER2_ID
    assert row(config, "SELECT assignee_id FROM tickets WHERE id = 1")[0] == WORKER_ID


async def test_a_report_edited_into_another_problem_is_filed_as_that_problem(
    fake: FakeTelegram, run_bot, config
):
    group, zhang = fake.group(GROUP, "5栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(fake.private(wang), wang, "/start")
        report = fake.say(group, zhang, "5栋楼道灯坏了 黑黢黢的")
        await settle(app, fake)
        fake.edit(report, "6栋水管爆了 水漫到楼道了 快来人")
        await settle(app, fake)
        said = last_text(fake)
        assert said.startswith("已按修改后的内容更新：🚨#1【") and "6栋" in said, said
        assert any("🚨" in m.text for m in fake.bot_messages(WORKER_ID))  # alerted in private
        fake.edit(report, "6栋水管爆了 水漫到楼道了 快来人！")  # nothing new: nothing said
        await settle(app, fake)
        assert last_text(fake) == said
        taken = fake.say(group, zhang, "3栋电梯坏了")
        await settle(app, fake)
        fake.say(group, wang, "/assign 2")
        await settle(app, fake)
        told = len(fake.bot_messages(GROUP))
        fake.edit(taken, "3栋楼道灯坏了")  # taken already: the ticket keeps its problem
        await settle(app, fake)
        assert len(fake.bot_messages(GROUP)) == told + 1
        assert "另发一条消息" in last_text(fake)  # she is asked to say another problem anew
    category, location, urgent = row(config, "SELECT category, location, urgent FROM tickets "
                                             "WHERE id = 1")  # fmt: skip
    assert category != "lighting" and location.startswith("6栋") and urgent == 1
    assert row(config, "SELECT category, summary FROM tickets WHERE id = 2") == (
        "lift",
        "3栋电梯坏了",
    )
    assert row(config, "SELECT count(*) FROM tickets")[0] == 2


async def test_two_workers_pressing_take_at_once_on_their_alerts_one_takes_it(
    fake: FakeTelegram, run_bot, config
):
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang, li = fake.person(WORKER_ID, "小王"), fake.person(WORKER2_ID, "小李")
    async with run_bot() as app:
        fake.say(fake.private(wang), wang, "/start")
        fake.say(fake.private(li), li, "/start")
        await settle(app, fake)
        fake.say(group, zhang, "3栋楼道着火了 好大的烟 快来人")
        await settle(app, fake)
        alerts = [
            [m for m in fake.bot_messages(worker) if "🚨" in m.text][-1]
            for worker in (WORKER_ID, WORKER2_ID)
        ]
        fake.press(alerts[0], wang, "take:1")
        fake.press(alerts[1], li, "take:1")  # the same moment, in another private chat
        await settle(app, fake)
        taken = [m.text for m in fake.bot_messages(GROUP) if "接单" in m.text]
        assert len(taken) == 1, taken
        assert any("已由" in a["text"] and "接单" in a["text"] for a in fake.callback_answers)
    assert row(config, "SELECT count(*) FROM events WHERE action = 'assign'")[0] == 1


async def test_an_edit_keeps_what_a_worker_decided(fake: FakeTelegram, run_bot, config):
    group, zhang = fake.group(GROUP, "5栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        report = fake.say(group, zhang, "5栋楼道灯坏了 黑黢黢的")
        chatter = fake.say(group, zhang, "今天早上好冷啊")
        await settle(app, fake)
        fake.say(group, wang, "/category 1 security")
        fake.say(group, wang, "/new 3栋门口垃圾桶满了", reply_to=chatter["message_id"])
        await settle(app, fake)
        told = len(fake.bot_messages(GROUP))
        fake.edit(report, "5栋楼道灯坏了 黑黢黢的！")  # a typo fixed
        fake.edit(chatter, "今天早上好冷啊!!")
        await settle(app, fake)
        assert len(fake.bot_messages(GROUP)) == told  # nothing to say
    assert row(config, "SELECT category FROM tickets WHERE id = 1")[0] == "security"
    assert row(config, "SELECT category FROM tickets WHERE id = 2")[0] == "sanitation"


async def test_a_merge_given_twice_says_merged_not_withdrawn(fake: FakeTelegram, run_bot):
    group, zhang, li = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨"), fake.person(2, "李叔")
    wang = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋电梯坏了 关不上")
        fake.say(group, li, "8栋楼道灯坏了 好几天了")
        await settle(app, fake)
        for _ in range(2):
            fake.say(group, wang, "/merge 1 2")
            await settle(app, fake)
        assert last_text(fake).endswith(" 已合并到 #1，不用再合并。")
        for command in ("/assign 2", "/done 2 好了", "/cancel 2 不是诉求", "/merge 2 1"):
            fake.say(group, wang, command)
            await settle(app, fake)
            assert "#2" in last_text(fake) and "已合并到 #1" in last_text(fake), command
            assert "已撤销" not in last_text(fake), command
        fake.say(group, li, "/ticket 2")
        await settle(app, fake)
        assert "已合并到 #1" in last_text(fake).split("\n")[0]


async def test_a_workers_own_new_is_no_household_and_the_worker_cannot_rate_it(
    fake: FakeTelegram, run_bot, config
):
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(group, wang, "/new 5栋门口垃圾桶满了 好几天没人收")  # heard on the phone
        await settle(app, fake)
        fake.say(group, wang, "/done 1 已清运")
        await settle(app, fake)
        done = fake.bot_messages(GROUP)[-1]
        assert "请看看问题是否已经解决" not in done.text and done.reply_markup is None
        fake.say(group, wang, "/new 3栋门口垃圾桶满了")
        await settle(app, fake)
        fake.say(group, zhang, "+1 3栋门口垃圾桶太臭了 苍蝇乱飞")
        await settle(app, fake)
        assert "已有 1 户反映" in last_text(fake)
        fake.say(group, wang, "/done 2 已清运")
        await settle(app, fake)
        done = fake.bot_messages(GROUP)[-1]
        assert "张阿姨 请看看问题是否已经解决" in done.text and "小王" not in done.text
        fake.press(done, wang, "rate:2:s:1")  # the worker's own work: residents judge it
        await settle(app, fake)
        assert fake.callback_answers[-1]["text"] == texts.ONLY_REPORTER
        fake.press(done, zhang, "rate:2:s:1")
        await settle(app, fake)
    assert row(config, "SELECT households, households_rated, status FROM tickets WHERE id = 2") == (
        1, 1, "closed",
    )  # fmt: skip
    assert row(config, "SELECT households FROM tickets WHERE id = 1")[0] == 0
