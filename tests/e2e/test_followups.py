"""A reply that chases a complaint joins its ticket; a reply about another problem is its own."""

from __future__ import annotations

from dataclasses import replace

from bot.devtools.runner import settle
from bot.runtime.schedule import run_schedule
from bot.runtime.services import SERVICES_KEY
from tests.engines import peek
from tests.factories import FAST, WORKER_ID

GROUP = -7401


async def test_a_nudge_under_a_complaint_joins_it_and_another_problem_does_not(
    fake, run_bot, config
):
    group = fake.group(GROUP, "3栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    async with run_bot() as app:
        complaint = fake.say(group, zhang, "3栋停水了 一滴都没有")
        await settle(app, fake)
        fake.say(group, li, "物业到底管不管 都一天了", reply_to=complaint)
        fake.say(group, li, "楼下车乱停 堵死了", reply_to=complaint)
        await settle(app, fake)
    with peek(config) as conn:
        tickets = conn.execute("SELECT category, households FROM tickets ORDER BY id").fetchall()
    assert tickets == [
        ("water", 2),  # the nudge joined the water cut: one more household waiting
        ("parking", 1),  # another problem, though said as a reply
    ]


async def test_one_water_cut_is_one_ticket_however_the_neighbours_say_it(
    fake, run_bot, config, clock
):
    """A me-too with words after it, and the same problem shortly after naming no place of
    its own, join the first report; a me-too naming another problem, or a place of its own,
    does not; nor does the same problem hours later."""
    group = fake.group(GROUP, "3栋群")
    zhang, li, wang, zhao = (fake.person(n, name) for n, name in enumerate("张李王赵", 1))
    async with run_bot() as app:
        fake.say(group, zhang, "3栋停水了 一滴都没有")
        await settle(app, fake)
        fake.say(group, li, "我家也是 没水")
        fake.say(group, zhao, "今天天气不错")
        fake.say(group, wang, "怎么又没水了 饭都做不了")
        await settle(app, fake)
        fake.say(group, zhao, "我家也是，电梯也坏了 门打不开")
        fake.say(group, zhao, "5栋也停水了")
        await settle(app, fake)
        clock.advance(hours=4)
        fake.say(group, fake.person(5, "孙"), "还是没水啊 洗不了澡")
        await settle(app, fake)
        acks = [m.text for m in fake.bot_messages(GROUP)]
    with peek(config) as conn:
        tickets = conn.execute(
            "SELECT category, location, households FROM tickets ORDER BY id"
        ).fetchall()
    assert tickets[0] == ("water", "3栋", 3)  # 张, 李 (me-too with words), 王 (no place, soon)
    assert ("lift", None, 1) in tickets and ("water", "5栋", 1) in tickets
    assert len(tickets) == 4  # … and four hours later it is a new report
    assert any("已合并到 #1" in text or "合并" in text for text in acks)


async def test_a_plus_one_saying_how_it_hurts_joins_the_lift_just_reported(fake, run_bot, config):
    group = fake.group(GROUP, "3栋群")
    zhang, li, zhao = fake.person(1, "张阿姨"), fake.person(2, "李叔"), fake.person(3, "赵")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了")
        await settle(app, fake)
        fake.say(group, li, "+1 我家老人也下不了楼")  # not a reply: just after it
        fake.say(group, zhao, "+1 有人一起拼车去机场吗")  # chatter after a +1: nothing
        await settle(app, fake)
        assert "已合并到 #1" in fake.bot_messages(GROUP)[-1].text
    with peek(config) as conn:
        assert conn.execute("SELECT count(*), max(households) FROM tickets").fetchone() == (1, 2)
        assert conn.execute("SELECT count(*) FROM triage").fetchone() == (0,)


async def test_in_a_group_with_topics_the_topics_opening_is_nobodys_answer(fake, run_bot, config):
    """In a group with topics every message "replies" to its topic's opening: a +1 there
    still joins the lift just reported, and a worker's /assign 1 there is the worker taking
    it (not the topic's creator named as the assignee)."""
    group = fake.group(GROUP, "3栋群")
    admin, zhang, li = fake.person(7, "群主"), fake.person(1, "张阿姨"), fake.person(2, "李叔")
    worker = fake.person(WORKER_ID, "网格员小王")
    opening = {"message_id": 900, "date": 0, "chat": group, "from": admin,
               "forum_topic_created": {"name": "报修", "icon_color": 7322096}}  # fmt: skip
    topic = {"message_thread_id": 900, "is_topic_message": True}
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了", reply_to=opening, **topic)
        await settle(app, fake)
        fake.say(group, li, "+1 我家老人也下不了楼", reply_to=opening, **topic)
        fake.say(group, worker, "/assign 1", reply_to=opening, **topic)
        await settle(app, fake)
    with peek(config) as conn:
        row = conn.execute("SELECT count(*), max(households), max(assignee_id) FROM tickets")
        assert row.fetchone() == (1, 2, WORKER_ID)


async def test_in_a_group_with_topics_each_acknowledgement_answers_in_its_topic(
    fake, run_bot, config
):
    """A burst in a group with topics is not folded into one message (which, answering no one,
    would land in General): each resident's complaint is answered by a reply, in its topic;
    in an ordinary group the same burst is folded. The group's kind survives a restart."""
    forum = {**fake.group(GROUP, "3栋群"), "is_forum": True}
    fake.chats[GROUP] = forum
    plain = fake.group(GROUP - 1, "5栋群")
    burst = replace(FAST, post_calm=0.5, post_patience=2.0)
    topics = [{"message_thread_id": 900 + n, "is_topic_message": True} for n in range(4)]
    async with run_bot(tuning=burst) as app:
        said = [
            fake.say(forum, fake.person(100 + n, f"居民{n}"), f"{n + 1}栋垃圾没人收", **topics[n])
            for n in range(4)
        ]
        for n in range(4):
            fake.say(plain, fake.person(200 + n, f"邻居{n}"), f"{n + 1}号楼路灯不亮")
        await settle(app, fake)
    answers = fake.bot_messages(GROUP)
    assert [m.reply_to for m in answers] == [m["message_id"] for m in said]
    assert all(m.text.startswith("已受理 #") for m in answers)
    assert any("条反映" in m.text for m in fake.bot_messages(GROUP - 1))  # folded there
    with peek(config) as conn:
        assert conn.execute("SELECT forum FROM chats WHERE chat_id = ?", (GROUP,)).fetchone()[0]


async def test_details_added_under_a_complaint_are_kept_in_its_ticket(fake, run_bot, config, clock):
    """The resident adds a detail under the acknowledgement ("补充一下 5楼也漏"), a neighbour
    under her complaint ("还有5楼也在漏"): words the classifier is unsure of, naming no other
    problem. They are the ticket's, not a 研判 item that would be filed an hour later as a
    second ticket (of a category guessed from "5楼"); her own "补充：" is kept too. Her
    thanks are nothing to keep."""
    group = fake.group(GROUP, "3栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    async with run_bot() as app:
        complaint = fake.say(group, zhang, "3栋2单元楼顶漏水 6楼天花板都湿了")
        await settle(app, fake)
        ack = fake.bot_messages(GROUP)[-1]
        fake.say(group, zhang, "补充一下 5楼也漏", reply_to=ack.message_id)
        await settle(app, fake)
        # her own ticket: not "merged" with "已有 1 户反映" (herself; QA round 26)
        assert fake.bot_messages(GROUP)[-1].text == "已记入您之前反映的 #1【公共设施】3栋2单元。"
        fake.say(group, li, "还有5楼也在漏", reply_to=complaint)
        fake.say(group, zhang, "补充：是2单元的", reply_to=ack.message_id)
        fake.say(group, zhang, "谢谢", reply_to=ack.message_id)
        await settle(app, fake)
        clock.advance(minutes=61)
        await run_schedule(app.bot_data[SERVICES_KEY])
        await settle(app, fake)
    with peek(config) as conn:
        assert conn.execute("SELECT id, households FROM tickets").fetchall() == [(1, 2)]
        assert conn.execute("SELECT count(*) FROM triage").fetchone() == (0,)
        kept = [r[0] for r in conn.execute("SELECT text FROM reports ORDER BY id")]
    assert kept == [
        "3栋2单元楼顶漏水 6楼天花板都湿了",
        "补充一下 5楼也漏",
        "还有5楼也在漏",
        "补充：是2单元的",
    ]


async def test_thanks_opened_like_a_detail_are_no_detail(fake, run_bot, config):
    """Under the acknowledgement she writes "对了 谢谢你们", "另外 你们辛苦了": thanks, however they
    open — nothing joins the ticket and the group is not told it was merged into itself."""
    group = fake.group(GROUP, "3栋群")
    zhang = fake.person(1, "张阿姨")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元楼顶漏水 6楼天花板都湿了")
        await settle(app, fake)
        ack = fake.bot_messages(GROUP)[-1]
        before = len(fake.bot_messages(GROUP))
        fake.say(group, zhang, "对了 谢谢你们", reply_to=ack.message_id)
        fake.say(group, zhang, "另外 你们辛苦了", reply_to=ack.message_id)
        await settle(app, fake)
        assert fake.bot_messages(GROUP)[before:] == []
    with peek(config) as conn:
        assert conn.execute("SELECT count(*) FROM reports").fetchone() == (1,)


async def test_a_lift_still_broken_after_the_merge_window_is_no_second_ticket(
    fake, run_bot, config, clock
):
    """Ten days on (`merge_days` is 7) the lift's ticket is still being handled: its reporter
    saying it again, or a neighbour naming the same lift, joins it — a second ticket would
    split one broken lift in two. Another resident's words naming no place are their own."""
    group = fake.group(GROUP, "3栋群")
    zhang, li, wang = fake.person(1, "张阿姨"), fake.person(2, "李叔"), fake.person(3, "王")
    worker = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 停在8楼不动")
        await settle(app, fake)
        fake.say(group, worker, "/assign 1")
        await settle(app, fake)
        clock.advance(days=10)
        fake.say(group, zhang, "电梯还是坏的 都十天了 腿都爬断了")
        await settle(app, fake)
        acks = [fake.bot_messages(GROUP)[-1].text]
        fake.say(group, li, "3栋2单元电梯到现在还没修好")
        await settle(app, fake)
        acks.append(fake.bot_messages(GROUP)[-1].text)
        fake.say(group, wang, "电梯又停了")
        await settle(app, fake)
    with peek(config) as conn:
        tickets = conn.execute(
            "SELECT category, status, households FROM tickets ORDER BY id"
        ).fetchall()
    assert tickets == [("lift", "assigned", 2), ("lift", "open", 1)]
    assert acks == [  # her own: not "merged" with "已有 1 户反映" (herself; QA round 26)
        "已记入您之前反映的 #1【电梯】3栋2单元，网格员小王 正在办理。",  # she learns it is in hand
        "已合并到 #1【电梯】3栋2单元（已有 2 户反映，网格员小王 正在办理）",
    ]


async def test_a_bare_plus_one_joins_the_problem_just_reported_not_one_a_worker_just_took(
    fake, run_bot, config, clock
):
    """A bare "+1" is about the problem reported just before it: a worker taking an older
    ticket a moment earlier made that one the "+1"'s ("已合并到 #1【电梯】" for a neighbour
    whose rubbish had piled up)."""
    group, worker = fake.group(GROUP, "3栋群"), fake.person(WORKER_ID, "网格员小王")
    zhang, wang, li = fake.person(1, "张阿姨"), fake.person(2, "王姐"), fake.person(3, "李叔")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了")
        await settle(app, fake)
        clock.advance(minutes=2)
        fake.say(group, wang, "5栋门口的垃圾堆了三天没人收")
        await settle(app, fake)
        clock.advance(minutes=1)
        fake.say(group, worker, "/assign 1")
        fake.say(group, worker, "/note 1 维保师傅在路上")
        await settle(app, fake)
        clock.advance(minutes=1)
        fake.say(group, li, "+1")
        await settle(app, fake)
        assert "已合并到 #2" in fake.bot_messages(GROUP)[-1].text
    with peek(config) as conn:
        households = conn.execute("SELECT id, households FROM tickets ORDER BY id").fetchall()
    assert households == [(1, 1), (2, 2)]


async def test_still_no_power_hours_later_is_the_outage_still_open(fake, run_bot, config, clock):
    """ "还是没电 到底有没有人管啊" four hours into a night's outage, from a neighbour naming no
    place: the outage still open (its households counted), not a second ticket beside it."""
    group = fake.group(GROUP, "1栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    async with run_bot() as app:
        fake.say(group, zhang, "停电了 家里一片黑")
        await settle(app, fake)
        clock.advance(hours=4)
        fake.say(group, li, "还是没电 到底有没有人管啊")
        await settle(app, fake)
        assert "#1" in fake.bot_messages(GROUP)[-1].text
    with peek(config) as conn:
        assert conn.execute("SELECT id, category, households FROM tickets").fetchall() == [
            (1, "power", 2)
        ]


async def test_a_bare_plus_one_after_her_not_fixed_joins_the_reopened_ticket(
    fake, run_bot, config, clock
):
    """ "没修好 门还是关不上" under the done notice reopens the lift; a neighbour's "+1" just
    after it is about that lift (its households counted), though nobody reported it in hours."""
    group, worker = fake.group(GROUP, "3栋群"), fake.person(WORKER_ID, "网格员小王")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        clock.advance(hours=5)
        fake.say(group, worker, "/done 1 门机板已更换")
        await settle(app, fake)
        done = fake.bot_messages(GROUP)[-1]
        clock.advance(minutes=30)
        fake.say(group, zhang, "没修好 门还是关不上", reply_to=done.message_id)
        await settle(app, fake)
        clock.advance(minutes=1)
        fake.say(group, li, "+1")
        await settle(app, fake)
        assert "已合并到 #1" in fake.bot_messages(GROUP)[-1].text
    with peek(config) as conn:
        assert conn.execute("SELECT status, households FROM tickets").fetchall() == [
            ("assigned", 2)
        ]


async def test_a_neighbours_leak_too_joins_the_leak_just_reported(fake, run_bot, config):
    """After "3栋2单元楼顶漏水了", neighbours write "我家也漏了", "我们家也在漏" and, under its
    acknowledgement, "我家也漏": each is one more household of the leak, answered 已合并 — not
    passed over in silence (the words alone name no category the bot knows). "我家也漏了"
    just after the lift, or under the lift's acknowledgement, joins no lift."""
    group = fake.group(GROUP, "3栋群")
    zhang, li, wang, zhao = (fake.person(n, name) for n, name in enumerate("张李王赵", 1))
    sun, qian = fake.person(5, "孙"), fake.person(6, "钱")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元楼顶漏水了 天花板都湿了")
        await settle(app, fake)
        ack = fake.bot_messages(GROUP)[-1]
        said = [(li, "我家也漏了", None), (wang, "我们家也在漏", None)]
        for person, words, reply_to in [*said, (zhao, "我家也漏", ack.message_id)]:
            fake.say(group, person, words, reply_to=reply_to)
            await settle(app, fake)
            assert fake.bot_messages(GROUP)[-1].text.startswith("已合并到 #1"), words
        fake.say(group, zhang, "5栋电梯坏了 门关不上")
        await settle(app, fake)
        lift_ack = fake.bot_messages(GROUP)[-1]
        fake.say(group, sun, "我家也漏了")
        fake.say(group, qian, "我家也漏了", reply_to=lift_ack.message_id)
        await settle(app, fake)
    with peek(config) as conn:
        rows = conn.execute("SELECT category, households FROM tickets ORDER BY id").fetchall()
    assert [tuple(r) for r in rows] == [("facilities", 4), ("lift", 1)]
