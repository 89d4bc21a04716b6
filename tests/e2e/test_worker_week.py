"""A grid worker's week on a phone, in private and in three groups, through the real bot: a
long /todo still arrives, counts every ticket and names each one's group."""

from __future__ import annotations

from pathlib import Path

from bot import texts
from bot.core.tickets import Person
from bot.devtools.runner import settle
from bot.runtime.services import SERVICES_KEY
from bot.texts import TELEGRAM_LIMIT, utf16_units
from tests.engines import peek
from tests.factories import ADMIN_ID, WORKER2_ID, WORKER_ID, make_config, new_report

GROUPS = {-7601: "3栋业主群", -7602: "5栋业主群", -7603: "8栋业主群"}


def row(config, sql: str):
    with peek(config) as conn:
        return tuple(conn.execute(sql).fetchone())


LONG_WORDS = "车库门口有车乱停 堵住了出口 早上上班出不去 已经好几次了 麻烦物业管一管"


async def test_a_long_todo_arrives_whole_counts_every_ticket_and_names_each_group(
    fake, run_bot, clock
):
    for chat_id, title in GROUPS.items():
        fake.group(chat_id, title)
    wang = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        stores = app.bot_data[SERVICES_KEY].stores
        worker = Person(WORKER_ID, "小王")
        for i in range(70):  # a week's backlog across the three groups
            chat_id = list(GROUPS)[i % 3]
            await stores.chats.seen(chat_id, GROUPS[chat_id], "supergroup", clock())
            report = new_report(
                i + 1, f"{i + 1}号楼{LONG_WORDS}", chat_id=chat_id, at=clock(),
                category="parking", location=f"{i + 1}号楼", author=Person(100 + i, f"居民{i}"),
            )  # fmt: skip
            filed = await stores.tickets.file_report(report)
            await stores.actions.assign(filed.ticket.id, chat_id, worker, worker, clock())
        for i in range(20):  # and the evening's 研判 queue
            await stores.triage.add(
                -7601, 500 + i, Person(300 + i, f"邻居{i}"), f"我家菜地里头全是水 排不出去 {i}",
                clock(), category="water", location=None, score=0.0,
            )  # fmt: skip
        fake.say(fake.private(wang), wang, "/todo")
        await settle(app, fake)
    answers = fake.bot_messages(WORKER_ID)
    assert answers, "the /todo answer never arrived"
    todo = answers[-1].text
    assert utf16_units(todo) <= TELEGRAM_LIMIT
    assert todo.startswith("您的待办 70 件"), todo[:40]  # every one, not the first page's 50
    assert "#1【停车】" in todo  # the one due soonest is listed
    assert "未列出" in todo  # and the rest are said to be there
    assert "待研判 20 条" in todo
    first, second = todo.split("\n")[1:3], todo.split("\n")[3:5]
    assert "3栋业主群" in "\n".join(first), first  # where to answer it (/done is said there)
    assert "5栋业主群" in "\n".join(second), second


async def test_a_number_typed_with_a_chinese_comma_is_read(fake, run_bot, config):
    group = fake.group(-7601, "3栋业主群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    wang = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        fake.say(group, li, "8栋楼道灯坏了 好几天了")
        await settle(app, fake)
        fake.say(group, wang, "/note 2，下午两点师傅到")
        await settle(app, fake)
        assert "进展 #2【照明】8栋：下午两点师傅到" in fake.bot_messages(-7601)[-1].text
        fake.say(group, wang, "/done １，已修好")  # a phone's Chinese keyboard
        await settle(app, fake)
        done = fake.bot_messages(-7601)[-1].text
        assert done.startswith("✅ #1【电梯】") and "办理结果：已修好" in done, done
    assert row(config, "SELECT status, done_note FROM tickets WHERE id = 1") == ("done", "已修好")


async def test_done_as_a_reply_to_the_residents_report_closes_its_ticket(fake, run_bot, config):
    group = fake.group(-7601, "3栋业主群")
    zhang, wang = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        report = fake.say(group, zhang, "8栋楼道灯坏了 好几天了")
        await settle(app, fake)
        fake.say(group, wang, "/done 已换灯泡", reply_to=report["message_id"])  # as /assign can
        await settle(app, fake)
        done = fake.bot_messages(-7601)[-1].text
        assert done.startswith("✅ #2【照明】") and "办理结果：已换灯泡" in done, done
        chatter = fake.say(group, zhang, "谢谢师傅")
        fake.say(group, wang, "/done", reply_to=chatter["message_id"])  # no report: which one?
        await settle(app, fake)
        assert fake.bot_messages(-7601)[-1].text.startswith("用法：/done")
    assert row(config, "SELECT status FROM tickets WHERE id = 2") == ("done",)
    assert row(config, "SELECT status FROM tickets WHERE id = 1") == ("open",)


async def test_assign_to_a_colleague_by_the_name_the_group_knows(fake, run_bot, config):
    group = fake.group(-7601, "3栋业主群")
    zhang, wang = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王", "grid_wang")
    li = fake.person(WORKER2_ID, "小李")  # no @username, as many people on WeChat-style phones
    async with run_bot() as app:
        fake.say(group, li, "大家好 我是网格员小李")
        for words in ("3栋2单元电梯坏了 门关不上", "8栋楼道灯坏了 好几天了", "5栋门口垃圾满了"):
            fake.say(group, zhang, words)
        await settle(app, fake)
        fake.say(group, wang, "/assign 1 @小李")  # typed by hand: no mention, yet she spoke
        await settle(app, fake)
        assert "已派给 小李 办理（小王 派单）" in fake.bot_messages(-7601)[-1].text
        fake.say(group, wang, "/assign 2 ＠小李")  # a full-width ＠
        await settle(app, fake)
        assert "已派给 小李 办理（小王 派单）" in fake.bot_messages(-7601)[-1].text
        fake.say(group, wang, "/assign 2 小李")
        await settle(app, fake)
        handed = fake.bot_messages(-7601)[-1].text
        assert "已派给 小李 办理（小王 派单）" in handed  # not taken by 小王
        fake.say(group, wang, "/assign 3 小陈")  # nobody the bot knows: taken by nobody
        await settle(app, fake)
        said = fake.bot_messages(-7601)[-1].text
        assert "小陈" in said and "/assign 3" in said and "接单，正在办理" not in said, said
        fake.say(group, wang, "/assign 3 我来")  # "I'll take it": the sender, not a name
        await settle(app, fake)
        assert "已由 小王 接单" in fake.bot_messages(-7601)[-1].text
    assert row(config, "SELECT assignee_id FROM tickets WHERE id = 1") == (WORKER2_ID,)
    assert row(config, "SELECT assignee_id FROM tickets WHERE id = 2") == (WORKER2_ID,)
    assert row(config, "SELECT assignee_id FROM tickets WHERE id = 3") == (WORKER_ID,)


async def test_a_workers_mistyped_command_is_answered_not_ignored(fake, run_bot, config):
    group = fake.group(-7601, "3栋业主群")
    zhang, wang = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        told = len(fake.bot_messages(-7601))
        for typed, meant in (
            ("/dnoe 1 已修好", "/done"),
            ("/done1 已修好", "/done 1"),
            ("/asign 1", "/assign"),
        ):
            fake.say(group, wang, typed)
            await settle(app, fake)
            said = fake.bot_messages(-7601)[-1].text
            assert f"您要发的是 {meant} 吗" in said, (typed, said)
        fake.photo(group, wang, "/dnoe 1 门机板已更换")  # the picture of the repair
        await settle(app, fake)
        assert "您要发的是 /done 吗" in fake.bot_messages(-7601)[-1].text
        assert len(fake.bot_messages(-7601)) == told + 4
        for other in ("/dnoe@other_bot 1", "/weather", "/roll"):  # another bot's: silence
            fake.say(group, wang, other)
        fake.say(group, zhang, "/dnoe 1")  # a resident's slip is no worker's to correct
        await settle(app, fake)
        assert len(fake.bot_messages(-7601)) == told + 4
        fake.say(fake.private(wang), wang, "/tood")
        await settle(app, fake)
        assert "您要发的是 /todo 吗" in fake.bot_messages(WORKER_ID)[-1].text
        for chat, wide in ((group, "／done 1 已修好"), (fake.private(wang), "／ｔｏｄｏ")):
            fake.say(chat, wang, wide)  # a Chinese keyboard's full-width slash: no command
            await settle(app, fake)
            said = fake.bot_messages(chat["id"])[-1].text
            assert "半角" in said and ("/done" in said or "/todo" in said), (wide, said)
    assert row(config, "SELECT status FROM tickets WHERE id = 1") == ("open",)


async def test_a_residents_slip_in_private_is_pointed_only_to_a_command_of_hers(fake, run_bot):
    """Her `/tood` was answered "您要发的是 /todo 吗？", a workers' command she may not use. A
    resident's slip is now taken only for one of hers (`/mien`: /mine), else she is pointed
    to /help."""
    zhang = fake.person(1, "张阿姨")
    chat = fake.private(zhang)
    said = []
    async with run_bot() as app:
        for typed in ("/tood", "／todo", "/dnoe 1", "/mien", "／mine"):
            fake.say(chat, zhang, typed)
            await settle(app, fake)
            said.append(fake.bot_messages(1)[-1].text)
    assert said[:3] == [texts.UNKNOWN_COMMAND] * 3, said
    assert "您要发的是 /mine 吗" in said[3] and "/todo" not in "".join(said)
    assert "半角" in said[4] and "/mine" in said[4]


async def test_the_admin_learns_a_worker_blocked_the_bot_not_that_she_never_started_it(
    fake, run_bot
):
    group = fake.group(-7601, "3栋业主群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(WORKER2_ID, "小李")
    admin = fake.person(ADMIN_ID, "主任")
    async with run_bot() as app:
        fake.say(fake.private(li), li, "/start")  # she did, on her first day
        await settle(app, fake)
        fake.blocked.add(WORKER2_ID)  # and blocked the bot since
        fake.say(group, zhang, "5栋楼道着火了 好大的烟")  # her alert: 403
        await settle(app, fake)
        fake.say(fake.private(admin), admin, "/help")
        await settle(app, fake)
    said = fake.bot_messages(ADMIN_ID)[-1].text
    assert "小李" in said and "屏蔽" in said, said  # what to ask her to undo


async def test_a_worker_on_the_move_closes_the_loop_from_private(fake, run_bot, config):
    """/assign, /note, /done and /ticket in a private chat act on any group's ticket: the group
    is told as if the worker had said it there, and the worker is told back where."""
    group = fake.group(-7601, "3栋业主群")
    zhang, wang = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    li, private = fake.person(WORKER2_ID, "小李"), fake.private(wang)
    async with run_bot() as app:
        fake.say(group, li, "大家好 我是网格员小李")
        fake.say(group, zhang, "3栋2单元1202门口的灯坏了 好几天了")
        fake.say(group, zhang, "5栋楼道里堆满了纸箱")
        await settle(app, fake)
        fake.say(private, wang, "/ticket 1")
        await settle(app, fake)
        assert "1202" in fake.bot_messages(private["id"])[-1].text  # whole: staff see the flat
        for command in ("/assign 1", "/note 1 灯泡已经买了 下午换", "/done 1 已换新灯泡"):
            fake.say(private, wang, command)
            await settle(app, fake)
        fake.say(private, wang, "/assign 2 小李")
        await settle(app, fake)
        back = [m.text for m in fake.bot_messages(private["id"])[-4:]]
        said = [m for m in fake.bot_messages(-7601) if m.reply_markup is not None]
    assert all("「3栋业主群」" in text for text in back), back
    assert "已接单" in back[0] and "进展" in back[1] and "已办结" in back[2], back
    assert "已派给" in back[3] and "小李" in back[3], back
    group_said = [m.text for m in fake.bot_messages(-7601)]
    assert any("灯泡已经买了 下午换" in text for text in group_said), group_said
    assert any("办理结果：已换新灯泡" in text for text in group_said), group_said
    assert any("满意" in str(m.reply_markup) for m in said)  # the resident is asked to rate
    taken = row(config, "SELECT status, assignee_id FROM tickets WHERE id = 1")
    assert taken == ("done", WORKER_ID)
    assert row(config, "SELECT assignee_id FROM tickets WHERE id = 2") == (WORKER2_ID,)


async def test_a_worker_taken_off_the_roster_hands_back_what_they_held(
    fake, run_bot, config, tmp_path, storage
):
    """A worker removed from the config holds tickets nobody can see or finish: at the next
    start they are 待接单 again, said in their history, in every worker's /todo count."""
    group = fake.group(-7601, "3栋业主群")
    zhang, wang, li = (
        fake.person(1, "张阿姨"),
        fake.person(WORKER_ID, "小王"),
        fake.person(WORKER2_ID, "小李"),
    )
    async with run_bot() as app:
        for words in ("3栋电梯坏了 门关不上", "5栋楼道灯坏了 好几天了", "8栋门口垃圾满了"):
            fake.say(group, zhang, words)
        await settle(app, fake)
        fake.say(group, li, "/assign 1")
        fake.say(group, li, "/assign 2")
        fake.say(group, wang, "/assign 3")
        fake.say(group, li, "/done 2 已换灯泡")
        await settle(app, fake)
        done = fake.bot_messages(-7601)[-1]
    without_li = make_config(
        tmp_path,
        fake.base_url,
        storage=storage,
        roles={"workers": [WORKER_ID], "admins": [ADMIN_ID]},
    )
    async with run_bot(without_li) as app:
        await settle(app, fake)
        fake.say(fake.private(wang), wang, "/todo")
        fake.say(group, wang, "/ticket 1")
        await settle(app, fake)
        todo = fake.bot_messages(WORKER_ID)[-1].text
        history = fake.bot_messages(-7601)[-1].text
        assert row(config, "SELECT status, assignee_id FROM tickets WHERE id = 2") == (
            "done",
            WORKER2_ID,
        )  # what she finished keeps her name
        fake.press(done, zhang, "rate:2:d:1")  # 不满意: not back to someone who cannot act
        await settle(app, fake)
        unhappy = fake.bot_messages(-7601)[-1].text
    assert row(config, "SELECT status, assignee_id FROM tickets WHERE id = 1") == ("open", None)
    assert row(config, "SELECT status, assignee_id FROM tickets WHERE id = 2") == ("open", None)
    assert "不满意" in unhappy and "小李" not in unhappy, unhappy  # 交办给 网格员: anyone
    assert row(config, "SELECT status, assignee_id FROM tickets WHERE id = 3")[1] == WORKER_ID
    assert "待接单 1" in todo or "1 件待接单" in todo, todo
    assert "退回待接单" in history and "已不是网格员" in history, history


async def test_assign_to_a_name_two_workers_share_asks_which_one(
    fake, run_bot, storage, tmp_path: Path
):
    """Two workers the group sees as 小李: /assign 1 小李 hands the ticket to neither (it used
    to go to whichever spoke last) and says how to name the one meant."""
    cfg = make_config(
        tmp_path, fake.base_url, storage=storage,
        roles={"workers": [WORKER_ID, WORKER2_ID, 9003], "admins": [ADMIN_ID]},
    )  # fmt: skip
    group = fake.group(-7601, "3栋业主群")
    zhang, wang = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王", "grid_wang")
    li, other_li = fake.person(WORKER2_ID, "小李"), fake.person(9003, "小李", "li_north")
    async with run_bot(cfg) as app:
        fake.say(group, li, "大家好 我是网格员小李")
        fake.say(group, other_li, "我也是网格员 北区的小李")
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        fake.say(group, wang, "/assign 1 小李")
        await settle(app, fake)
        said = fake.bot_messages(-7601)[-1].text
        assert "小李" in said and "@li_north" in said and "回复" in said, said
        fake.say(group, wang, "/assign 1 @li_north")
        await settle(app, fake)
        assert "已派给 小李 办理（小王 派单）" in fake.bot_messages(-7601)[-1].text
    assert row(cfg, "SELECT assignee_id FROM tickets WHERE id = 1") == (9003,)
