"""A verdict typed into the group rather than as a reply: an elderly resident does not know how
to reply to the done notice; she writes "满意" or "不满意 还是臭" under it, as a message of her
own. When exactly one of her tickets in this group waits for her verdict, that is her verdict."""

from __future__ import annotations

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from tests.engines import peek
from tests.factories import WORKER_ID

GROUP = -2051


def rows(config, sql, params=()):
    with peek(config) as conn:
        return conn.execute(sql, params).fetchall()


async def lift_done(app, fake: FakeTelegram, group, zhang, worker, *, unhappy: bool = False):
    """张阿姨 reports the lift, the worker marks #1 done ("已修"); with `unhappy`, she taps 不满意
    and is asked why. The done notice."""
    fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
    await settle(app, fake)
    fake.say(group, worker, "/done 1 已修")
    await settle(app, fake)
    done = fake.bot_messages(GROUP)[-1]
    if unhappy:
        fake.press(done, zhang, "rate:1:d:1")
        await settle(app, fake)
    return done


async def test_a_verdict_typed_as_a_message_of_its_own_is_heard(
    fake: FakeTelegram, run_bot, config
):
    group = fake.group(GROUP, "3栋群")
    zhang, li, wang = fake.person(1, "张阿姨"), fake.person(2, "李叔"), fake.person(3, "王奶奶")
    worker = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        fake.say(group, li, "5栋门口垃圾三天没人收了 臭死了")
        await settle(app, fake)
        fake.say(group, wang, "楼道灯不亮 黑乎乎的")
        await settle(app, fake)
        for number, note in ((1, "门机板已更换"), (2, "已清运"), (3, "已换灯泡")):
            fake.say(group, worker, f"/done {number} {note}")
            await settle(app, fake)
        before = len(fake.bot_messages(GROUP))
        fake.say(group, zhang, "可以了 明天见")  # everyday words: no verdict on the lift
        fake.say(group, li, "我不行了 累死了")
        await settle(app, fake)
        assert fake.bot_messages(GROUP)[before:] == []

        fake.say(group, zhang, "满意")
        fake.say(group, li, "不满意 还是臭")
        fake.say(group, wang, "还行吧")
        await settle(app, fake)
        said = [m.text for m in fake.bot_messages(GROUP)[before:]]
        assert any("谢谢 张阿姨 的评价（满意）" in t for t in said), said
        assert any("李叔 评价不满意" in t and "原因：不满意 还是臭" in t for t in said), said
        assert any("谢谢 王奶奶 的评价（基本满意）" in t for t in said), said

        before = len(fake.bot_messages(GROUP))
        fake.say(group, zhang, "满意")  # said again, nothing waits for her: chatter
        fake.say(group, fake.person(4, "赵"), "满意")  # reported nothing
        await settle(app, fake)
        assert fake.bot_messages(GROUP)[before:] == []
    assert rows(config, "SELECT id, status FROM tickets ORDER BY id") == [
        (1, "closed"),
        (2, "assigned"),  # back to the worker
        (3, "closed"),
    ]
    assert rows(config, "SELECT ticket_id, rating, reason FROM ratings ORDER BY ticket_id") == [
        (1, "satisfied", None),
        (2, "dissatisfied", "不满意 还是臭"),
        (3, "basically_satisfied", None),
    ]


async def test_with_two_tickets_waiting_she_is_asked_which_one(fake: FakeTelegram, run_bot, config):
    """Two of her tickets wait for her verdict: a bare 满意 could be either, and a wrong one
    closes a ticket for good — she is shown both and how to answer each. Words that name one
    of the two problems are about that one."""
    group = fake.group(GROUP, "3栋群")
    zhang, worker = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        fake.say(group, zhang, "5栋门口垃圾三天没人收了 臭死了")
        await settle(app, fake)
        fake.say(group, worker, "/done 1 门机板已更换")
        fake.say(group, worker, "/done 2 已清运")
        await settle(app, fake)
        fake.say(group, zhang, "满意")
        await settle(app, fake)
        asked = fake.bot_messages(GROUP)[-1]
        assert "#1" in asked.text and "#2" in asked.text and "回复" in asked.text, asked.text
        assert rows(config, "SELECT count(*) FROM ratings") == [(0,)]

        fake.say(group, zhang, "垃圾还是没人收 还是臭")
        await settle(app, fake)
        assert "张阿姨 评价不满意" in fake.bot_messages(GROUP)[-1].text
    assert rows(config, "SELECT id, status FROM tickets ORDER BY id") == [
        (1, "done"),
        (2, "assigned"),
    ]


async def test_why_not_satisfied_answered_as_messages_of_their_own(
    fake: FakeTelegram, run_bot, config, clock
):
    """She taps 不满意 and is asked why; she answers in the group, not as a reply: "师傅根本没来过",
    "门还是关不上". That is her reason, passed to the worker — not a 研判 item and a new ticket
    (【公共设施】 for 门) that the workers would be escalated about while the lift ticket never
    hears why. Later, or about another place, her words are heard as usual."""
    group = fake.group(GROUP, "3栋群")
    zhang, worker = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        await lift_done(app, fake, group, zhang, worker, unhappy=True)
        assert "可以直接回复本条消息说明原因" in fake.bot_messages(GROUP)[-1].text

        first = fake.say(group, zhang, "师傅根本没来过")
        await settle(app, fake)
        said = fake.bot_messages(GROUP)[-1]
        assert said.reply_to == first["message_id"] and "师傅根本没来过" in said.text
        fake.say(group, zhang, "门还是关不上")
        fake.say(group, zhang, "好的")  # nothing to pass on
        await settle(app, fake)
        assert "门还是关不上" in fake.bot_messages(GROUP)[-1].text
        fake.say(group, zhang, "5栋楼道灯坏了 黑乎乎的")  # a place of its own: another problem
        await settle(app, fake)
        assert fake.bot_messages(GROUP)[-1].text.startswith("已受理 #2")
        clock.advance(hours=2)
        fake.say(group, zhang, "门还是关不上")  # long after the question: heard as usual
        await settle(app, fake)
    assert rows(config, "SELECT id, status FROM tickets ORDER BY id") == [
        (1, "assigned"),
        (2, "open"),
        (3, "open"),
    ]
    assert rows(config, "SELECT reason FROM ratings") == [("师傅根本没来过\n门还是关不上",)]


async def test_a_plain_satisfied_after_tapping_dissatisfied_changes_her_mind(
    fake: FakeTelegram, run_bot, config
):
    """Asked why after a 不满意 tapped by mistake, she writes "满意": that is her verdict now, not
    the reason for a 不满意 she did not mean."""
    group = fake.group(GROUP, "3栋群")
    zhang, worker = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        await lift_done(app, fake, group, zhang, worker, unhappy=True)
        fake.say(group, zhang, "满意")
        await settle(app, fake)
    assert rows(config, "SELECT status FROM tickets") == [("closed",)]
    assert rows(config, "SELECT rating, reason FROM ratings") == [("satisfied", None)]


async def test_a_neighbourly_word_of_praise_is_no_verdict_on_her_ticket(
    fake: FakeTelegram, run_bot, config
):
    """While her lift ticket waits for her verdict she chats: "新来的保安挺满意的" (about the new
    guard), "今天菜价还行" (the market). Neither is about the lift: it stays waiting — a wrong
    满意 would close it for good."""
    group = fake.group(GROUP, "3栋群")
    zhang, worker = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        fake.say(group, worker, "/done 1 门机板已更换")
        await settle(app, fake)
        before = len(fake.bot_messages(GROUP))
        fake.say(group, zhang, "新来的保安挺满意的")
        fake.say(group, zhang, "今天菜价还行")
        await settle(app, fake)
        assert fake.bot_messages(GROUP)[before:] == []
        fake.say(group, zhang, "挺满意的")  # her verdict, said plainly
        await settle(app, fake)
    assert rows(config, "SELECT status FROM tickets") == [("closed",)]
    assert rows(config, "SELECT rating FROM ratings") == [("satisfied",)]


async def test_after_dissatisfied_a_word_about_something_else_does_not_change_her_mind(
    fake: FakeTelegram, run_bot, config
):
    """Within the hour after her 不满意, "孩子考试还行" is about her grandson, not the lift: her
    不满意 stands and the ticket stays with the worker."""
    group = fake.group(GROUP, "3栋群")
    zhang, worker = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        await lift_done(app, fake, group, zhang, worker, unhappy=True)
        fake.say(group, zhang, "孩子考试还行")
        await settle(app, fake)
    assert rows(config, "SELECT status FROM tickets") == [("assigned",)]
    assert rows(config, "SELECT rating FROM ratings") == [("dissatisfied",)]


async def test_a_new_problem_said_after_dissatisfied_is_its_own_ticket(
    fake: FakeTelegram, run_bot, config
):
    """Within the hour after her 不满意 on the lift she reports another problem with no place of
    its own: "楼道灯又坏了". That is a new complaint, filed — not passed to the lift's worker as
    why the lift was not fixed (and the lights never filed)."""
    group = fake.group(GROUP, "3栋群")
    zhang, worker = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        await lift_done(app, fake, group, zhang, worker, unhappy=True)
        fake.say(group, zhang, "楼道灯又坏了")
        await settle(app, fake)
        assert fake.bot_messages(GROUP)[-1].text.startswith("已受理 #2"), fake.bot_messages(GROUP)[
            -1
        ].text
    assert rows(config, "SELECT id, category FROM tickets ORDER BY id") == [
        (1, "lift"),
        (2, "lighting"),
    ]
    assert rows(config, "SELECT reason FROM ratings") == [(None,)]
