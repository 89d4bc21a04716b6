"""Slips in the conversation as residents really have it (found by a review): "没修好" or
"还是坏的" said on its own or under her acknowledgement while her ticket waits for her verdict,
"师傅什么时候到", a me-too opened with 对 or 是的, a neighbour's report naming the place a
moment after one that named none, a detail added in a busy minute — each heard once, none
left unanswered."""

from __future__ import annotations

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from tests.engines import peek
from tests.factories import WORKER_ID

GROUP = -3601


def rows(config, sql, params=()):
    with peek(config) as conn:
        return [tuple(r) for r in conn.execute(sql, params).fetchall()]


async def lift_done(app, fake: FakeTelegram, group, zhang, worker):
    """张阿姨 reports the lift (#1), the worker marks it done: (her acknowledgement, the done
    notice)."""
    fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
    await settle(app, fake)
    ack = fake.bot_messages(GROUP)[-1]
    assert ack.text.startswith("已受理 #1【电梯】3栋2单元"), ack.text
    fake.say(group, worker, "/done 1 门机板已更换")
    await settle(app, fake)
    done = fake.bot_messages(GROUP)[-1]
    assert done.text.startswith("✅ #1【电梯】3栋2单元 已办结"), done.text
    return ack, done


async def test_not_fixed_said_as_the_bot_told_her_is_heard(fake: FakeTelegram, run_bot, config):
    """Her lift is done and waits for her verdict; she asks how it is going and the bot tells
    her: "问题还在的话，请说“没修好”并说一下情况". She says just that, in the group, as a
    message of her own: "没修好". Nothing happens — no answer, the ticket stays done and
    will close with her household unheard (a plain "不满意" said the same way is heard)."""
    group = fake.group(GROUP, "3栋群")
    zhang, worker = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        await lift_done(app, fake, group, zhang, worker)
        fake.say(group, zhang, "我反映的事怎么样了")
        await settle(app, fake)
        told = fake.bot_messages(GROUP)[-1].text
        assert "请说“没修好”" in told, told  # the bot's own instruction
        before = len(fake.bot_messages(GROUP))
        fake.say(group, zhang, "没修好")
        await settle(app, fake)
        answers = fake.bot_messages(GROUP)[before:]
        assert answers, "her 没修好, said as the bot told her, met with silence"
        assert any("#1" in m.text for m in answers), [m.text for m in answers]
    assert rows(config, "SELECT ticket_id, rating FROM ratings") == [(1, "dissatisfied")]
    assert rows(config, "SELECT id, status FROM tickets") != [(1, "done")]


async def test_still_broken_said_on_its_own_is_no_new_ticket_of_other(
    fake: FakeTelegram, run_bot, config
):
    """Her lift was marked done an hour ago; she writes in the group "还是坏的" (it is still
    broken). That is her 不满意 on the lift — her one ticket waiting for a verdict — not a new
    complaint #2【其他】 with no place, for a worker to puzzle over, while the lift stays done
    and closes unheard."""
    group = fake.group(GROUP, "3栋群")
    zhang, worker = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        await lift_done(app, fake, group, zhang, worker)
        fake.say(group, zhang, "还是坏的")
        await settle(app, fake)
        last = fake.bot_messages(GROUP)[-1].text
        assert "#2" not in last, last
    assert rows(config, "SELECT id, category FROM tickets ORDER BY id") == [(1, "lift")]
    assert rows(config, "SELECT ticket_id, rating FROM ratings") == [(1, "dissatisfied")]


async def test_not_fixed_under_her_acknowledgement_is_heard(fake: FakeTelegram, run_bot, config):
    """The done notice answers the worker's /done; the message an elder replies to is the one
    the bot sent under her own report — "已受理 #1". Her "又坏了", "没修好", "电梯还是不行"
    there, while #1 waits for her verdict, get no answer at all (the same words under the done
    notice reopen it; "电梯还是不行" said on its own is heard too)."""
    group = fake.group(GROUP, "3栋群")
    zhang, worker = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        ack, _ = await lift_done(app, fake, group, zhang, worker)
        before = len(fake.bot_messages(GROUP))
        fake.say(group, zhang, "又坏了", reply_to=ack.message_id)
        await settle(app, fake)
        answers = [m for m in fake.bot_messages(GROUP)[before:]]
        assert answers, "her 又坏了 under her acknowledgement met with silence"
        assert any("#1" in m.text for m in answers), [m.text for m in answers]
    assert rows(config, "SELECT id, category FROM tickets ORDER BY id") == [(1, "lift")]


async def test_still_broken_under_her_acknowledgement_is_not_a_ticket_of_other(
    fake: FakeTelegram, run_bot, config
):
    """Under her lift's acknowledgement, the lift done and waiting for her verdict, she writes
    "还是坏的": it is filed as a new #2【其他】 with no place (the reply does not even lend it the
    lift's place), and the lift stays done."""
    group = fake.group(GROUP, "3栋群")
    zhang, worker = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        ack, _ = await lift_done(app, fake, group, zhang, worker)
        fake.say(group, zhang, "还是坏的", reply_to=ack.message_id)
        await settle(app, fake)
        last = fake.bot_messages(GROUP)[-1].text
        assert "#2" not in last, last
    assert rows(config, "SELECT id, category FROM tickets ORDER BY id") == [(1, "lift")]


async def test_when_will_it_be_fixed_is_answered(fake: FakeTelegram, run_bot, config, clock):
    """An hour after her lift was filed she asks when: "今天能修吗" and "电梯什么时候能好" are
    answered with where #1 stands, but the commonest ways to ask the same — "师傅什么时候到",
    "多久能修好", "要等几天啊" — get no answer at all."""
    group = fake.group(GROUP, "3栋群")
    zhang = fake.person(1, "张阿姨")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        clock.advance(hours=1)
        unanswered = []
        for words in ("今天能修吗", "师傅什么时候到", "多久能修好", "要等几天啊"):
            asked = fake.say(group, zhang, words)
            await settle(app, fake)
            last = fake.bot_messages(GROUP)[-1]
            if last.reply_to != asked["message_id"] or "#1【电梯】" not in last.text:
                unanswered.append(words)
        assert unanswered == [], f"left without an answer: {unanswered}"
    assert rows(config, "SELECT count(*) FROM tickets") == [(1,)]


async def test_a_neighbours_me_too_in_everyday_words_joins(fake: FakeTelegram, run_bot, config):
    """After "3栋2单元又停水了", "我家也是" and "我家也停水了" join it as a household; said as
    neighbours say it — "对 我家也是", "是的 我家也停了" — nothing at all (no answer, not
    counted); and "楼上也停了" (upstairs too) is filed as a ticket of its own,【邻里纠纷】."""
    group = fake.group(GROUP, "3栋群")
    zhang = fake.person(1, "张阿姨")
    neighbours = ["对 我家也是", "是的 我家也停了", "楼上也停了"]
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元又停水了 一早上都没水")
        await settle(app, fake)
        wrong = []
        for number, words in enumerate(neighbours, start=2):
            said = fake.say(group, fake.person(number, f"邻居{number}"), words)
            await settle(app, fake)
            last = fake.bot_messages(GROUP)[-1]
            if last.reply_to != said["message_id"]:
                wrong.append((words, "no answer"))
            elif not last.text.startswith("已合并到 #1"):
                wrong.append((words, last.text.split("\n")[0]))
        assert wrong == []
    assert rows(config, "SELECT id, households FROM tickets") == [(1, 1 + len(neighbours))]


async def test_a_neighbours_report_with_the_place_joins_the_placeless_one(
    fake: FakeTelegram, run_bot, config, clock
):
    """张阿姨: "电梯又坏了" (#1, no place); half a minute later 李叔: "3栋电梯不动了 等了半天".
    One lift, two tickets, each 已受理 with 1 household — though the other way round (the
    place first, then words naming none) joins. The same at night with the noise upstairs."""
    group = fake.group(GROUP, "3栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    async with run_bot() as app:
        fake.say(group, zhang, "电梯又坏了")
        await settle(app, fake)
        clock.advance(seconds=30)
        fake.say(group, li, "3栋电梯不动了 等了半天")
        await settle(app, fake)
        last = fake.bot_messages(GROUP)[-1].text
        assert last.startswith("已合并到 #1"), last
    assert rows(config, "SELECT count(*), max(households) FROM tickets") == [(1, 2)]


async def test_her_detail_in_a_busy_minute_does_not_acknowledge_her_ticket_twice(
    fake: FakeTelegram, run_bot, config
):
    """张阿姨 reports the lift and adds a detail at once ("补充一下 卡在5楼了"); 李叔 reports the
    rubbish in the same minute. The group reads "已受理 #1【电梯】3栋2单元" under her report, and
    then again "已受理 2 条反映：• #1【电梯】3栋2单元 — 张阿姨 • #2 …": her lift acknowledged a
    second time, as if a second lift ticket, her detail not said to be added to it."""
    group = fake.group(GROUP, "3栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        fake.say(group, zhang, "补充一下 卡在5楼了")
        fake.say(group, li, "5栋门口垃圾三天没人收了 臭死了")
        await settle(app, fake)
        said = "\n".join(m.text for m in fake.bot_messages(GROUP))
    accepted = [line for line in said.split("\n") if "#1【电梯】" in line and "记入" not in line]
    assert len(accepted) == 1, said
    assert rows(config, "SELECT id, households FROM tickets ORDER BY id") == [(1, 1), (2, 1)]
