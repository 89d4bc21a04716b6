"""A resident asks in words how her complaint is going ("我前天反映的漏水修好没有", "有人管吗"):
she is told where it stands, in the group, as an answer to her — not met with silence."""

from __future__ import annotations

from dataclasses import replace

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from bot.runtime.schedule import run_schedule
from bot.runtime.services import SERVICES_KEY
from tests.engines import peek
from tests.factories import FAST, WORKER_ID

GROUP = -2061


async def _answered_in_private(
    app, fake: FakeTelegram, chat: dict, person: dict, words: str
) -> str:
    """What the bot answers `person`'s `words` in her private `chat` (its last message there)."""
    fake.say(chat, person, words)
    await settle(app, fake)
    return fake.bot_messages(chat["id"])[-1].text


async def test_a_question_about_her_complaint_is_answered_with_where_it_stands(
    fake: FakeTelegram, run_bot, config, clock
):
    group = fake.group(GROUP, "3栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    wang, zhao = fake.person(3, "王奶奶"), fake.person(4, "赵")
    worker = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元楼顶漏水 6楼天花板都湿了")
        await settle(app, fake)
        leak_ack = fake.bot_messages(GROUP)[-1]
        fake.say(group, li, "5栋电梯坏了 门关不上")
        await settle(app, fake)
        fake.say(group, worker, "/assign 2")
        fake.say(group, worker, "/note 2 已联系维保 明天上午来修")
        await settle(app, fake)
        clock.advance(days=2)

        asked = fake.say(group, zhang, "我前天反映的漏水修好没有")
        await settle(app, fake)
        answer = fake.bot_messages(GROUP)[-1]
        assert answer.reply_to == asked["message_id"]
        assert "#1【公共设施】" in answer.text and "等网格员接单" in answer.text, answer.text

        asked = fake.say(group, li, "有人管吗")
        await settle(app, fake)
        answer = fake.bot_messages(GROUP)[-1]
        assert answer.reply_to == asked["message_id"]
        assert "#2【电梯】" in answer.text and "网格员小王 已接单" in answer.text, answer.text
        assert "已联系维保 明天上午来修" in answer.text  # the latest progress the worker gave

        asked = fake.say(group, wang, "电梯修好没有啊")  # a neighbour: the lift she waits for
        await settle(app, fake)
        answer = fake.bot_messages(GROUP)[-1]
        assert answer.reply_to == asked["message_id"] and "#2【电梯】" in answer.text

        asked = fake.say(group, li, "啥时候修得好嘛？", reply_to=leak_ack.message_id)
        await settle(app, fake)
        answer = fake.bot_messages(GROUP)[-1]
        assert answer.reply_to == asked["message_id"] and "#1【公共设施】" in answer.text

        before = len(fake.bot_messages(GROUP))
        fake.say(group, zhao, "有人管吗")  # nothing of hers, no problem named: nothing to say
        fake.say(group, zhang, "什么时候团购")
        await settle(app, fake)
        assert fake.bot_messages(GROUP)[before:] == []

        fake.say(group, worker, "/done 1 已补漏")
        await settle(app, fake)
        fake.say(group, zhang, "漏水修好了没有")
        await settle(app, fake)
        answer = fake.bot_messages(GROUP)[-1]
        assert "已办结" in answer.text and "已补漏" in answer.text, answer.text
    with peek(config) as conn:
        assert conn.execute("SELECT count(*) FROM tickets").fetchone() == (2,)
        assert conn.execute("SELECT count(*) FROM triage").fetchone() == (0,)


async def test_on_a_storm_night_a_neighbours_who_is_on_it_is_answered_with_the_danger(
    fake: FakeTelegram, run_bot, config
):
    """The power out and a lift stuck with people in it: a neighbour who reported nothing asks
    "有人管吗" again and again, and heard nothing (a question of no problem, of no ticket of
    hers). While the group waits on a danger she is told where it stands — once for the
    neighbours asking together; with only ordinary problems open, nothing is said still."""
    group = fake.group(GROUP, "3栋群")
    zhang, li, wang = fake.person(1, "张阿姨"), fake.person(2, "李叔"), fake.person(3, "王奶奶")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋楼道灯不亮 好几天了")
        await settle(app, fake)
        before = len(fake.bot_messages(GROUP))
        fake.say(group, wang, "有人管吗")  # only the light is open: nothing to tell her
        await settle(app, fake)
        assert fake.bot_messages(GROUP)[before:] == []
        fake.say(group, li, "3栋2单元电梯停了 里面关了人 在喊救命")
        await settle(app, fake)
        asked = fake.say(group, wang, "有人管吗")
        await settle(app, fake)
        answer = fake.bot_messages(GROUP)[-1]
        assert answer.reply_to == asked["message_id"]
        assert "#2" in answer.text and "【电梯】" in answer.text and "等网格员接单" in answer.text
        assert "#1" not in answer.text  # the light is not what she waits on tonight
    with peek(config) as conn:
        assert conn.execute("SELECT count(*) FROM tickets").fetchone() == (2,)


async def test_asked_in_a_private_chat_she_is_shown_her_complaints(
    fake: FakeTelegram, run_bot, config
):
    """In a private chat with the bot "我的漏水怎么样了" is answered with her complaints, as /mine
    would: not with the pointer that complaints are filed in the group, as if she had filed
    none. Other words get that pointer, which names /mine."""
    group = fake.group(GROUP, "3栋群")
    zhang = fake.person(1, "张阿姨")
    chat = fake.private(zhang)
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元楼顶漏水 6楼天花板都湿了")
        await settle(app, fake)
        answer = await _answered_in_private(app, fake, chat, zhang, "我的漏水怎么样了")
        assert answer.startswith("您反映过的诉求") and "#1【公共设施】" in answer, answer
        assert "/mine" in await _answered_in_private(app, fake, chat, zhang, "你好")
    with peek(config) as conn:
        assert conn.execute("SELECT count(*) FROM tickets").fetchone() == (1,)


async def test_an_unsure_question_about_another_problem_goes_to_triage(
    fake: FakeTelegram, run_bot, config
):
    """Her lift ticket is open; she asks "路灯什么时候修" — a problem nobody has reported, words a
    worker should judge (研判). They are not answered with her lift's status, and the street
    light is not lost."""
    group = fake.group(GROUP, "3栋群")
    zhang = fake.person(1, "张阿姨")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        before = len(fake.bot_messages(GROUP))
        fake.say(group, zhang, "路灯什么时候修")
        await settle(app, fake)
        assert fake.bot_messages(GROUP)[before:] == []
    with peek(config) as conn:
        assert conn.execute("SELECT count(*) FROM triage").fetchone() == (1,)


async def test_neighbours_asking_at_once_get_one_answer(fake: FakeTelegram, run_bot, config):
    """A water cut at night: six neighbours ask "啥时候来水啊" within a minute, while the group
    is at its flood limit. QA round 29 saw the same status posted six times; now once."""
    group = fake.group(GROUP, "3栋群")
    slow = replace(FAST, post_burst=1, post_gap=2.0, post_calm=0.2, post_patience=1.0)
    async with run_bot(tuning=slow) as app:
        fake.say(group, fake.person(1, "张阿姨"), "3栋停水了 一滴都没有")
        await settle(app, fake)
        before = len(fake.bot_messages(GROUP))
        for n in range(6):
            fake.say(group, fake.person(10 + n, f"邻居{n}"), "啥时候来水啊")
        await settle(app, fake)
    answers = [m.text for m in fake.bot_messages(GROUP)[before:]]
    assert len(answers) == 1 and "#1【供水排水】3栋" in answers[0], answers


async def test_an_elders_everyday_ways_of_asking_are_answered_too(
    fake: FakeTelegram, run_bot, config, clock
):
    """张奶奶 asks the way elders do: under the acknowledgement "怎么样了", "处理得怎么样了",
    "有结果了吗", "搞定了吗", "师傅来了没有", "电梯好了没"; on her own "处理得怎么样了",
    "搞定了没有", "师傅到了吗": each is answered with where #1 stands, not met with silence.
    Nothing new is filed; a neighbour's "你家孩子怎么样了" is still nobody's question."""
    group = fake.group(GROUP, "3栋群")
    zhang, li = fake.person(1, "张奶奶"), fake.person(2, "李叔")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了")
        await settle(app, fake)
        ack = fake.bot_messages(GROUP)[-1]
        under = [
            "怎么样了",
            "处理得怎么样了",
            "有结果了吗",
            "搞定了吗",
            "师傅来了没有",
            "电梯好了没",
        ]
        alone = ["处理得怎么样了", "搞定了没有", "师傅到了吗"]
        asked_all = [(w, ack.message_id) for w in under] + [(w, None) for w in alone]
        for words, reply_to in asked_all:
            clock.advance(minutes=20)
            asked = fake.say(group, zhang, words, reply_to=reply_to)
            await settle(app, fake)
            answer = fake.bot_messages(GROUP)[-1]
            assert answer.reply_to == asked["message_id"], (words, answer.text)
            assert "#1【电梯】" in answer.text and "等网格员接单" in answer.text, answer.text
        before = len(fake.bot_messages(GROUP))
        fake.say(group, li, "你家孩子怎么样了", reply_to=ack.message_id)
        await settle(app, fake)
        assert fake.bot_messages(GROUP)[before:] == []
    with peek(config) as conn:
        assert conn.execute("SELECT count(*) FROM tickets").fetchone() == (1,)


async def test_a_worker_answering_where_it_stands_under_it_acts_on_its_ticket(
    fake: FakeTelegram, run_bot, config
):
    """张奶奶 asks "进度呢" and is told where #1 stands; the worker answers her under the bot's
    answer, as under any of its posts about one ticket: "/note 电梯公司在路上", later
    "/done 已修好" — they act on #1, not met with the usage."""
    group = fake.group(GROUP, "3栋群")
    zhang, worker = fake.person(1, "张奶奶"), fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了")
        fake.say(group, fake.person(2, "李叔"), "5栋门口垃圾三天没人收了")
        await settle(app, fake)
        fake.say(group, zhang, "进度呢")
        await settle(app, fake)
        stands = fake.bot_messages(GROUP)[-1]
        assert stands.text.startswith("#1【电梯】"), stands.text
        fake.say(group, worker, "/note 电梯公司在路上", reply_to=stands.message_id)
        await settle(app, fake)
        assert fake.bot_messages(GROUP)[-1].text.startswith("📌 进展 #1【电梯】")
        fake.say(group, zhang, "进度呢")
        await settle(app, fake)
        stands = fake.bot_messages(GROUP)[-1]
        assert "电梯公司在路上" in stands.text, stands.text
        fake.say(group, worker, "/done 已修好", reply_to=stands.message_id)
        await settle(app, fake)
        assert fake.bot_messages(GROUP)[-1].text.startswith("✅ #1【电梯】")
    with peek(config) as conn:
        rows = conn.execute("SELECT id, status FROM tickets ORDER BY id").fetchall()
    assert [tuple(r) for r in rows] == [(1, "done"), (2, "open")]


async def test_her_verdict_or_question_said_to_the_bot_in_private_is_answered_to_the_point(
    fake: FakeTelegram, run_bot, config
):
    """In a private chat with the bot — where everything is said to it — 张奶奶's "怎么样了" is
    answered with her complaints, as /mine. Once #1 is done and waits for her verdict, her
    "满意" there is told where to give it (the done notice in her group, its buttons or a
    reply), naming #1 — not "这里说的话不会登记成诉求", which leaves her verdict unsaid."""
    group = fake.group(GROUP, "3栋群")
    zhang, worker = fake.person(1, "张奶奶"), fake.person(WORKER_ID, "网格员小王")
    chat = fake.private(zhang)
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了")
        await settle(app, fake)
        answer = await _answered_in_private(app, fake, chat, zhang, "怎么样了")
        assert answer.startswith("您反映过的诉求") and "#1【电梯】" in answer, answer
        fake.say(group, worker, "/done 1 已修好")
        await settle(app, fake)
        answer = await _answered_in_private(app, fake, chat, zhang, "满意")
        assert "#1【电梯】3栋2单元" in answer and "「3栋群」" in answer, answer
        assert "按钮" in answer and "不会登记" not in answer, answer
    with peek(config) as conn:
        assert conn.execute("SELECT status FROM tickets").fetchone() == ("done",)


async def test_asked_after_her_ticket_was_archived_she_is_told_it_was_done(
    fake: FakeTelegram, run_bot, config, clock
):
    """#1 was done and, nobody rating it, archived when its window ended. Two days later 张奶奶
    asks "我的问题怎么样了", and under its acknowledgement "修好了吗": she is told it was done and
    archived, with its 办理结果 and how to reopen it — not met with silence. Weeks later, past
    the reopen window, an old ticket is no answer to her question."""
    group = fake.group(GROUP, "3栋群")
    zhang, worker = fake.person(1, "张奶奶"), fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(group, zhang, "3栋2单元电梯坏了")
        await settle(app, fake)
        ack = fake.bot_messages(GROUP)[-1]
        fake.say(group, worker, "/done 1 门机板已更换")
        await settle(app, fake)
        clock.advance(days=4)
        await run_schedule(services)
        await settle(app, fake)
        with peek(config) as conn:
            assert conn.execute("SELECT status FROM tickets").fetchone() == ("closed",)
        for words, reply_to in [("我的问题怎么样了", None), ("修好了吗", ack.message_id)]:
            asked = fake.say(group, zhang, words, reply_to=reply_to)
            await settle(app, fake)
            answer = fake.bot_messages(GROUP)[-1]
            assert answer.reply_to == asked["message_id"], (words, answer.text)
            assert "#1【电梯】" in answer.text and "门机板已更换" in answer.text, answer.text
            assert "/reopen 1" in answer.text, answer.text
        clock.advance(days=30)
        before = len(fake.bot_messages(GROUP))
        fake.say(group, zhang, "我的问题怎么样了")
        await settle(app, fake)
        assert fake.bot_messages(GROUP)[before:] == []
