"""A danger told in pieces (QA round 30, left open): a resident types one short message after
another — "楼道好大的烟" … "好像是5楼" … "有老人没下来". Each alone is chatter or an ordinary
complaint; together someone may get hurt now. The bot reads her pieces together and handles
the danger as urgent at once: one urgent ticket, her filed ticket raised, her 研判 item filed
as urgent; never a neighbour's words with hers; an update handled again alerts nobody twice."""

from __future__ import annotations

from contextlib import contextmanager

from bot.core.tickets import Person
from bot.devtools.runner import settle
from bot.runtime import alerts
from bot.runtime.hearing import GroupMessage
from bot.runtime.photos import hear_with_photo
from bot.runtime.schedule import supervise
from bot.runtime.services import SERVICES_KEY
from tests.e2e.test_triage import notice_of, workers_started
from tests.engines import rows
from tests.factories import WORKER2_ID, WORKER_ID

GROUP = -7731
SMOKE = ("楼道好大的烟", "好像是5楼", "有老人没下来")


def alerts_to(fake, worker_id: int) -> list:
    """A worker's private alerts of a danger (and their reminders), in the order sent."""
    return [m for m in fake.bot_messages(worker_id) if "紧急诉求" in m.text and "原话：" in m.text]


async def _say_apart(app, fake, clock, group, who, pieces) -> list[dict]:
    """`who` types `pieces` one after another, half a minute apart."""
    said = []
    for piece in pieces:
        said.append(fake.say(group, who, piece))
        await settle(app, fake)
        clock.advance(seconds=30)
    return said


async def test_three_pieces_make_one_urgent_ticket_and_one_alert(fake, run_bot, config, clock):
    group, zhang = fake.group(GROUP, "幸福里5栋群"), fake.person(1, "张阿姨")
    wang, chen = fake.person(WORKER_ID, "网格员小王"), fake.person(WORKER2_ID, "网格员小陈")
    async with run_bot() as app:
        await workers_started(app, fake, wang, chen)
        said = await _say_apart(app, fake, clock, group, zhang, SMOKE)

    [ack] = fake.bot_messages(GROUP)  # the first two pieces alone: nothing said
    assert ack.reply_to == said[-1]["message_id"]  # under her last piece
    assert ack.text.startswith("已受理 🚨#1【消防安全】 · 紧急"), ack.text
    assert "119（火警、救援）" in ack.text and "120（急救）" in ack.text  # smoke, someone old
    assert "网格员小王" in ack.text and "网格员小陈" in ack.text  # the workers on duty, called
    assert rows(config, "SELECT urgent, summary FROM tickets") == [
        (1, "楼道好大的烟 好像是5楼 有老人没下来")
    ]
    for worker_id in (WORKER_ID, WORKER2_ID):
        [alert] = alerts_to(fake, worker_id)  # once each
        assert "原话：楼道好大的烟 好像是5楼 有老人没下来" in alert.text  # all her pieces' words
        assert alert.reply_markup is not None  # 接单


async def test_a_filed_ordinary_ticket_becomes_urgent_with_the_next_piece(
    fake, run_bot, config, clock
):
    """ "3栋电梯又坏了" is an ordinary ticket (24 hours); "里面有人在喊" a moment later makes it a
    danger: the same ticket turns urgent — its deadline, the workers' alert, the group told
    under her new piece; untaken two hours on, it is 现场立办 with the workers called again."""
    group, zhang = fake.group(GROUP, "幸福里3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        await workers_started(app, fake, wang)
        [lift] = await _say_apart(app, fake, clock, group, zhang, ["3栋电梯又坏了"])
        [(due_before,)] = rows(config, "SELECT due_at FROM tickets")
        [trapped] = await _say_apart(app, fake, clock, group, zhang, ["里面有人在喊"])
        first, second = fake.bot_messages(GROUP)
        assert first.reply_to == lift["message_id"] and "紧急" not in first.text
        assert second.reply_to == trapped["message_id"]
        assert second.text.startswith("已受理 🚨#1【电梯】3栋 · 紧急"), second.text
        assert "被困在电梯里" in second.text and "网格员小王" in second.text
        [alert] = alerts_to(fake, WORKER_ID)
        assert "原话：3栋电梯又坏了 里面有人在喊" in alert.text
        clock.advance(hours=2, minutes=1)
        assert (await supervise(app.bot_data[SERVICES_KEY]))["escalated"] == 1
        await settle(app, fake)

    [(urgent, since)] = rows(config, "SELECT urgent, urgent_at FROM tickets")
    assert urgent and since is not None
    assert rows(config, "SELECT count(*) FROM reports WHERE ticket_id = 1") == [(2,)]
    [(due_after,)] = rows(config, "SELECT due_at FROM tickets")
    assert str(due_after) < str(due_before)  # the urgent deadline, sooner
    assert fake.bot_messages(GROUP)[-1].text.startswith("⏫ 督办升级 · 1级（现场立办）")
    _, again = alerts_to(fake, WORKER_ID)
    assert again.text.startswith("⏰ 仍无人接单 · 已督办升级 1级（现场立办）")
    assert "3栋电梯又坏了 里面有人在喊" in again.text


async def test_a_piece_waiting_for_a_worker_is_filed_as_urgent(fake, run_bot, config, clock):
    """ "电梯停了吗" alone waits for a worker (研判); "里面有人" makes it a danger: filed at once as
    urgent with both pieces' words, and the workers' 研判 notices say so, without buttons."""
    group, zhang = fake.group(GROUP, "幸福里3栋群"), fake.person(1, "张阿姨")
    wang, chen = fake.person(WORKER_ID, "网格员小王"), fake.person(WORKER2_ID, "网格员小陈")
    async with run_bot() as app:
        await workers_started(app, fake, wang, chen)
        fake.say(group, zhang, "电梯停了吗")
        await settle(app, fake)
        assert fake.bot_messages(GROUP) == []
        assert notice_of(fake, WORKER_ID).reply_markup is not None  # to judge
        clock.advance(seconds=40)
        inside = fake.say(group, zhang, "里面有人")
        await settle(app, fake)

    [ack] = fake.bot_messages(GROUP)
    assert ack.reply_to == inside["message_id"] and ack.text.startswith("已受理 🚨#1【电梯】")
    assert rows(config, "SELECT urgent, summary FROM tickets") == [(1, "电梯停了吗 里面有人")]
    assert rows(config, "SELECT state, ticket_id FROM triage") == [("filed", 1)]
    for worker_id in (WORKER_ID, WORKER2_ID):
        notice = notice_of(fake, worker_id)
        assert notice.text.startswith("🚨 居民接着又说了几句，连起来看有人身危险"), notice.text
        assert "🚨#1" in notice.text and "电梯停了吗" in notice.text
        assert notice.reply_markup is None
        [alert] = alerts_to(fake, worker_id)
        assert "原话：电梯停了吗 里面有人" in alert.text


async def test_two_residents_pieces_are_never_read_together(fake, run_bot, config, clock):
    """张阿姨's "电梯停了吗" and 李叔's "里面有人" are two people's words: no danger. A neighbour's
    words between hers neither break her run nor go into it."""
    group = fake.group(GROUP, "幸福里5栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        await workers_started(app, fake, wang)
        fake.say(group, zhang, "电梯停了吗")
        await settle(app, fake)
        fake.say(group, li, "里面有人")
        await settle(app, fake)
        assert rows(config, "SELECT count(*) FROM tickets") == [(0,)]
        assert alerts_to(fake, WORKER_ID) == []
        assert rows(config, "SELECT state FROM triage") == [("pending",)]  # still to judge

        clock.advance(minutes=10)  # her lift's pieces are long forgotten
        between = [(zhang, SMOKE[0]), (li, "谁家在烧东西"), (zhang, SMOKE[1])]
        between += [(li, "没闻到啊"), (zhang, SMOKE[2])]
        for who, text in between:
            fake.say(group, who, text)
            await settle(app, fake)
            clock.advance(seconds=20)

    [(summary,)] = rows(config, "SELECT summary FROM tickets WHERE urgent = 1")
    assert summary == "楼道好大的烟 好像是5楼 有老人没下来"  # hers alone
    assert len(alerts_to(fake, WORKER_ID)) == 1


@contextmanager
def _dying_before_telling_the_workers(monkeypatch):
    async def dies(*args, **kwargs):
        raise RuntimeError("the process died here")

    with monkeypatch.context() as patched:
        patched.setattr(alerts, "tell_workers", dies)
        yield


async def test_a_danger_in_pieces_handled_again_alerts_nobody_twice(
    fake, run_bot, config, clock, monkeypatch
):
    """The process died after her pieces were filed as a danger, before the workers were told;
    at the next start her last piece is handled again, without her earlier pieces (a restart
    forgets them): the workers are told, once. Handled once more, nothing is said again."""
    group, zhang = fake.group(GROUP, "幸福里5栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        await workers_started(app, fake, wang)
    with _dying_before_telling_the_workers(monkeypatch):
        async with run_bot() as app:
            said = await _say_apart(app, fake, clock, group, zhang, SMOKE)
    assert alerts_to(fake, WORKER_ID) == []
    async with run_bot() as app:  # the update is tried again at the start
        await settle(app, fake)
        [alert] = alerts_to(fake, WORKER_ID)
        assert "原话：楼道好大的烟 好像是5楼 有老人没下来" in alert.text
        last = said[-1]
        again = GroupMessage(GROUP, last["message_id"], Person(1, "张阿姨"), last["text"])
        await hear_with_photo(app.bot_data[SERVICES_KEY], again)  # and once more
        await settle(app, fake)

    assert len(alerts_to(fake, WORKER_ID)) == 1
    assert rows(config, "SELECT count(*), sum(urgent) FROM tickets") == [(1, 1)]
    assert len([m for m in fake.bot_messages(GROUP) if "紧急" in m.text]) == 1


async def test_a_neighbours_reply_to_a_piece_that_waited_joins_the_urgent_ticket(
    fake, run_bot, config, clock
):
    """ "电梯停了吗" waited for a worker and went with the urgent ticket filed under her next
    piece. 赵姐 answers "我家也是" under "电梯停了吗", the message she saw: it was no report of
    any ticket, so her words were lost — unanswered, and not counted as a household."""
    group = fake.group(GROUP, "幸福里3栋群")
    zhang, zhao = fake.person(1, "张阿姨"), fake.person(3, "赵姐")
    async with run_bot() as app:
        await workers_started(app, fake, fake.person(WORKER_ID, "网格员小王"))
        stopped = fake.say(group, zhang, "电梯停了吗")
        await settle(app, fake)
        clock.advance(seconds=40)
        fake.say(group, zhang, "里面有人")
        await settle(app, fake)
        clock.advance(seconds=40)
        also = fake.say(group, zhao, "我家也是", reply_to=stopped)
        await settle(app, fake)

    answer = fake.bot_messages(GROUP)[-1]
    assert answer.reply_to == also["message_id"], answer.text
    assert answer.text.startswith("已合并到 🚨#1【电梯】（已有 2 户反映）"), answer.text
    assert rows(config, "SELECT households FROM tickets") == [(2,)]


async def test_a_piece_of_another_matter_stays_its_own(fake, run_bot, config, clock):
    """She complains of the noise (#1), then "电梯停了吗" … "里面有人": someone is trapped in the
    lift. Read with the noise, the noise ticket was made urgent — 🚨#1【噪音扰民】, 社区网格站,
    not a word of the lift's alarm button — and, another time, her flooded garden waiting for
    研判 went with a lift's danger ("这条一并归入") and was never filed as what it is."""
    group, zhang = fake.group(GROUP, "幸福里3栋群"), fake.person(1, "张阿姨")
    async with run_bot() as app:
        await workers_started(app, fake, fake.person(WORKER_ID, "网格员小王"))
        await _say_apart(app, fake, clock, group, zhang, ["楼下好吵", "电梯停了吗", "里面有人"])
        clock.advance(minutes=10)
        garden = ["我家菜地里头全是水", "电梯停了吗", "里面有人"]
        await _say_apart(app, fake, clock, group, zhang, garden)
        alarm = next(m.text for m in fake.bot_messages(GROUP) if "#2" in m.text)
        garden_notice = next(
            m for m in fake.bot_messages(WORKER_ID) if "研判" in m.text and "菜地" in m.text
        )

    assert alarm.startswith("已受理 🚨#2【电梯】 · 紧急") and "被困在电梯里" in alarm, alarm
    assert rows(config, "SELECT id, category, urgent, summary FROM tickets ORDER BY id") == [
        (1, "noise", 0, "楼下好吵"),
        (2, "lift", 1, "电梯停了吗 里面有人"),  # the lift told again joins it
    ]
    assert garden_notice.reply_markup is not None  # the garden still waits for a worker
    assert rows(config, "SELECT state FROM triage WHERE text = ?", (garden[0],)) == [("pending",)]
