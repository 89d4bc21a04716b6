"""Danger first: an urgent complaint is never folded into a batch, says which number to call,
and every worker the bot can reach is told in private at once, with a button to take it."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from datetime import UTC, datetime

from bot import texts
from bot.app import WORKERS_CHECK_KEY
from bot.devtools.fakeapi.protocol import Fault
from bot.devtools.runner import settle
from bot.runtime.services import SERVICES_KEY
from tests.engines import peek, rows
from tests.factories import ADMIN_ID, FAST, WORKER2_ID, WORKER_ID, make_config

GROUP = -7301


async def test_an_urgent_complaint_in_a_burst_gets_its_own_reply_and_the_workers_are_told(
    fake, run_bot, config, caplog
):
    group = fake.group(GROUP, "阳光花园3栋群")
    wang, chen = fake.person(WORKER_ID, "网格员小王"), fake.person(WORKER2_ID, "网格员小陈")
    wang_chat = fake.private(wang)
    caplog.set_level(logging.WARNING)
    burst = replace(FAST, post_calm=0.5, post_patience=2.0)
    async with run_bot(tuning=burst) as app:
        fake.say(wang_chat, wang, "/start")  # 小王 can be written to in private; 小陈 cannot
        await settle(app, fake)
        fake.say(group, chen, "大家好")  # the group knows 小陈's name
        for number in range(6):
            fake.say(group, fake.person(100 + number, f"居民{number}"), f"{number + 1}栋垃圾没人收")
        fire = fake.say(group, fake.person(7, "张阿姨"), "5栋楼道着火了 好大的烟")
        for number in range(6, 9):
            fake.say(group, fake.person(100 + number, f"居民{number}"), f"{number + 1}栋路灯不亮")
        await settle(app, fake)

    posts = fake.bot_messages(GROUP)
    urgent = [m for m in posts if "紧急" in m.text]
    assert len(urgent) == 1
    ack = urgent[0]
    assert ack.reply_to == fire["message_id"] and ack.text.startswith("已受理 🚨#")
    assert "119（火警、救援）" in ack.text
    assert ack.reply_markup["inline_keyboard"][0][0]["callback_data"].startswith("take:")
    assert "网格员小王" in ack.text and "网格员小陈" in ack.text  # both named in the group
    assert all("紧急" not in m.text for m in posts if m is not ack)  # folded: only the others
    alerts = [m for m in fake.bot_messages(wang_chat["id"]) if "紧急诉求" in m.text]
    assert (
        len(alerts) == 1 and "5栋楼道着火了" in alerts[0].text and "阳光花园3栋群" in alerts[0].text
    )
    assert alerts[0].reply_markup["inline_keyboard"][0][0]["text"] == texts.TAKE_BUTTON
    assert fake.bot_messages(WORKER2_ID) == []  # never started the bot: cannot be written to
    assert any(str(WORKER2_ID) in r.getMessage() for r in caplog.records)


async def test_a_worker_takes_an_urgent_complaint_from_the_private_alert(fake, run_bot, config):
    group = fake.group(GROUP, "阳光花园3栋群")
    wang = fake.person(WORKER_ID, "网格员小王")
    wang_chat = fake.private(wang)
    async with run_bot() as app:
        fake.say(wang_chat, wang, "/start")
        await settle(app, fake)
        fake.say(group, fake.person(7, "张阿姨"), "3栋电梯困人了 有老人在里面 快来人")
        await settle(app, fake)
        alert = next(m for m in fake.bot_messages(wang_chat["id"]) if m.reply_markup)
        assert "120（急救）" in alert.text and "119" in alert.text  # someone old, in a lift
        take = alert.reply_markup["inline_keyboard"][0][0]["callback_data"]
        fake.press(alert, wang, take)
        await settle(app, fake)
        fake.press(alert, wang, take)
        await settle(app, fake)  # a second tap changes nothing
    with peek(config) as conn:
        assert conn.execute("SELECT status, assignee_id FROM tickets").fetchall() == [
            ("assigned", WORKER_ID)
        ]
    assert sum("已由" in m.text and "接单" in m.text for m in fake.bot_messages(GROUP)) == 1


async def test_an_admin_sees_which_workers_an_alert_cannot_reach(fake, run_bot, config, caplog):
    admin, wang = fake.person(ADMIN_ID, "社区办老李"), fake.person(WORKER_ID, "网格员小王")
    admin_chat, wang_chat = fake.private(admin), fake.private(wang)
    caplog.set_level(logging.WARNING)
    fake.say(wang_chat, wang, "/start")  # waiting for the start: the log's check waits for it
    fake.say(admin_chat, admin, "/help")
    async with run_bot(tuning=replace(FAST, workers_check_after=0)) as app:
        await settle(app, fake)
        await asyncio.wait_for(app.bot_data[WORKERS_CHECK_KEY], 20)  # a hang fails, not holds
    help_text = fake.bot_messages(admin_chat["id"])[-1].text
    unreachable = help_text.split("⚠️")[-1]
    assert f"无法私信通知他们：网格员（编号 {WORKER2_ID}）。" in unreachable  # never seen: its id
    assert "网格员小王" not in unreachable
    started = [r.getMessage() for r in caplog.records if "never started" in r.getMessage()]
    assert started and str(WORKER2_ID) in started[0] and str(WORKER_ID) not in started[0]


async def test_the_group_mentions_the_workers_on_duty_and_every_worker_is_told_in_private(
    fake, run_bot, clock, tmp_path, storage
):
    """小王 has the weekday day shift, 小陈 the night shift (crossing midnight): the group
    names whoever is on duty, the private alert still goes to both."""
    roster = [
        {"days": "mon-fri", "hours": "08:00-20:00", "workers": [WORKER_ID]},
        {"days": "daily", "hours": "20:00-08:00", "workers": [WORKER2_ID]},
    ]
    config = make_config(tmp_path, fake.base_url, storage=storage, duty=roster)
    group = fake.group(GROUP, "阳光花园3栋群")
    wang, chen = fake.person(WORKER_ID, "网格员小王"), fake.person(WORKER2_ID, "网格员小陈")
    async with run_bot(config) as app:
        for worker in (wang, chen):
            fake.say(fake.private(worker), worker, "/start")
        await settle(app, fake)
        fake.say(group, fake.person(7, "张阿姨"), "5栋楼道着火了 好大的烟")  # Monday 09:00
        await settle(app, fake)
        day = fake.bot_messages(GROUP)[-1].text
        clock.advance(hours=15)  # Tuesday 00:00: the night shift that began on Monday
        fake.say(group, fake.person(8, "李叔"), "2栋电梯困人了 里面有老人")
        await settle(app, fake)
        night = fake.bot_messages(GROUP)[-1].text
    assert "网格员小王" in day and "网格员小陈" not in day
    assert "网格员小陈" in night and "网格员小王" not in night
    for worker_id in (WORKER_ID, WORKER2_ID):  # both alerted in private, day and night
        alerts = [m for m in fake.bot_messages(worker_id) if "紧急诉求" in m.text]
        assert len(alerts) == 2


async def test_on_a_holiday_the_group_mentions_the_holiday_shift_not_the_weekday_one(
    fake, run_bot, clock, tmp_path, storage
):
    """国庆 2026 as published: 1–7 October off, Saturday 10 October worked (调休). On Thursday
    1 October the office's "mon-fri" shift is at home: the fire is called to 小陈, who has the
    "sat,sun" shift, as on a Sunday; on the Saturday worked it is 小王's, as on a weekday."""
    roster = [
        {"days": "mon-fri", "hours": "08:00-20:00", "workers": [WORKER_ID]},
        {"days": "sat,sun", "hours": "08:00-20:00", "workers": [WORKER2_ID]},
    ]
    calendar = {"holidays": ["2026-10-01..2026-10-07"], "workdays": ["2026-09-20", "2026-10-10"]}
    config = make_config(tmp_path, fake.base_url, storage=storage, duty=roster, calendar=calendar)
    clock.now = datetime(2026, 10, 1, 2, 0, tzinfo=UTC)  # Thursday 10:00 in Shanghai, 国庆
    group = fake.group(GROUP, "阳光花园3栋群")
    wang, chen = fake.person(WORKER_ID, "网格员小王"), fake.person(WORKER2_ID, "网格员小陈")
    async with run_bot(config) as app:
        for worker in (wang, chen):
            fake.say(fake.private(worker), worker, "/start")
        fake.say(group, wang, "大家好")  # the group knows both names
        fake.say(group, chen, "大家好")
        await settle(app, fake)
        fire = fake.say(group, fake.person(7, "张阿姨"), "5栋楼道着火了 好大的烟")
        await settle(app, fake)
        clock.now = datetime(2026, 10, 10, 2, 0, tzinfo=UTC)  # the Saturday worked, 10:00
        lift = fake.say(group, fake.person(8, "李叔"), "2栋电梯困人了 里面有老人")
        await settle(app, fake)
    posts = fake.bot_messages(GROUP)
    holiday = next(m.text for m in posts if m.reply_to == fire["message_id"])
    worked = next(m.text for m in posts if m.reply_to == lift["message_id"])
    assert "紧急" in holiday and "网格员小陈" in holiday and "网格员小王" not in holiday
    assert "紧急" in worked and "网格员小王" in worked and "网格员小陈" not in worked
    for worker_id in (WORKER_ID, WORKER2_ID):  # both alerted in private all the same
        alerts = [m for m in fake.bot_messages(worker_id) if "紧急诉求" in m.text]
        assert len(alerts) == 2


async def test_a_danger_added_by_an_edit_after_the_ticket_was_taken_alerts_the_workers(
    fake, run_bot, config
):
    """The resident edits her report, taken already, to add that the lift smells of burning:
    the ticket becomes urgent and every worker is told at once, as for a neighbour's new report
    of the danger — the edit is not only kept in silence. What the worker set stays."""
    group = fake.group(GROUP, "阳光花园3栋群")
    wang = fake.person(WORKER_ID, "网格员小王")
    wang_chat = fake.private(wang)
    zhang = fake.person(7, "张阿姨")
    async with run_bot() as app:
        fake.say(wang_chat, wang, "/start")
        await settle(app, fake)
        report = fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        fake.say(group, wang, "/assign 1")
        await settle(app, fake)
        fake.edit(report, "3栋2单元电梯坏了 门关不上 里面还有股烧焦的味道")
        await settle(app, fake)
        said = fake.bot_messages(GROUP)[-1]
        assert said.reply_to == report["message_id"] and "🚨#1【电梯】" in said.text, said.text
        alerts = [m for m in fake.bot_messages(wang_chat["id"]) if "紧急诉求" in m.text]
        assert len(alerts) == 1 and "烧焦" in alerts[0].text
    with peek(config) as conn:
        row = conn.execute("SELECT urgent, status, assignee_id, category FROM tickets").fetchone()
    assert tuple(row) == (1, "assigned", WORKER_ID, "lift")


async def test_a_worker_opens_the_residents_message_from_the_private_notice(fake, run_bot, config):
    """In a supergroup (every group with a public history, and every group past 200 members)
    the urgent alert and the 研判 notice link to the resident's message: the worker on the move
    sees the photo sent with it and the words around it. A basic group has no such links."""
    group = fake.group(-1001234567890, "阳光花园3栋群")
    basic = fake.group(-7302, "老楼群", kind="group")
    wang = fake.person(WORKER_ID, "网格员小王")
    wang_chat = fake.private(wang)
    async with run_bot() as app:
        fake.say(wang_chat, wang, "/start")
        await settle(app, fake)
        fire = fake.say(group, fake.person(7, "张阿姨"), "5栋楼道着火了 好大的烟")
        await settle(app, fake)
        unsure = fake.say(group, fake.person(8, "李叔"), "我家菜地里头全是水")
        await settle(app, fake)
        fake.say(basic, fake.person(9, "赵姐"), "2栋地下室着火了 全是烟")
        await settle(app, fake)
    sent = [c for c in fake.calls_of("sendMessage") if c["chat_id"] == WORKER_ID]
    alert, notice, elsewhere = (str(c["text"]) for c in sent[-3:])  # as the bot wrote them
    assert "紧急诉求" in alert and "研判" in notice and "紧急诉求" in elsewhere
    assert f'<a href="https://t.me/c/1234567890/{fire["message_id"]}">在群里查看原消息</a>' in alert
    assert f'href="https://t.me/c/1234567890/{unsure["message_id"]}"' in notice
    assert "t.me/c/" not in elsewhere and "在群里查看原消息" not in elsewhere


async def test_when_no_worker_can_be_told_in_private_the_group_is_asked_to_phone(
    fake, run_bot, tmp_path, storage
):
    """The only worker never started the bot, or blocked it since: the resident in danger is
    not told he was notified — he is mentioned, and she is asked to phone as well."""
    config = make_config(
        tmp_path, fake.base_url, storage=storage, roles={"workers": [WORKER_ID], "admins": []}
    )
    group = fake.group(GROUP, "阳光花园3栋群")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot(config) as app:
        fake.say(group, fake.person(7, "张阿姨"), "5栋楼道着火了 好大的烟")  # never started
        await settle(app, fake)
        never = fake.bot_messages(GROUP)[-1].text
        fake.say(fake.private(wang), wang, "/start")
        await settle(app, fake)
        fake.blocked.add(WORKER_ID)  # then blocked the bot: the next alert fails
        fake.say(group, fake.person(8, "李叔"), "3栋电梯困人了 有老人在里面")
        await settle(app, fake)
        fake.say(group, fake.person(9, "赵姐"), "8栋楼下好大一股煤气味")
        await settle(app, fake)
        blocked = fake.bot_messages(GROUP)[-1].text
    for said in (never, blocked):
        assert "已通知" not in said, said
        assert texts.URGENT_NOBODY_REACHABLE in said and "网格员" in said
    assert "请 网格员小王 马上处理。" in blocked  # still mentioned in the group


async def test_a_group_told_the_workers_were_alerted_hears_when_the_alert_bounced(
    fake, run_bot, tmp_path, storage
):
    """The only worker blocked the bot since it last wrote to him. The fire's acknowledgement
    may go out before his alert bounces, saying 已通知: the group is then told, once, that
    nobody got it and to phone — never left believing someone is on the way."""
    config = make_config(
        tmp_path, fake.base_url, storage=storage, roles={"workers": [WORKER_ID], "admins": []}
    )
    group = fake.group(GROUP, "阳光花园3栋群")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot(config) as app:
        fake.say(fake.private(wang), wang, "/start")
        await settle(app, fake)
        fake.blocked.add(WORKER_ID)
        fake.say(group, fake.person(8, "李叔"), "3栋电梯困人了 有老人在里面")
        await settle(app, fake)
    said = [m.text for m in fake.bot_messages(GROUP)]
    told = [i for i, text in enumerate(said) if "已通知" in text]
    unreached = [i for i, text in enumerate(said) if texts.URGENT_NOBODY_REACHABLE in text]
    assert len(unreached) == 1, said  # in the acknowledgement, or after it: once
    assert all(i < unreached[0] for i in told), said


async def test_the_group_hears_of_the_bounce_when_its_acknowledgement_was_on_its_way(
    fake, run_bot, tmp_path, storage
):
    """The fire's acknowledgement (已通知 网格员小王) is on its way to the group when the only
    worker's alert bounces (he blocked the bot): the bounce found the group not told yet and
    left it to the acknowledgement, which had been written before — the group waited for a
    worker nobody had told. Now the group is told, once, when the acknowledgement is out.
    (Written after the bounce, the acknowledgement says to phone itself: the next test.)"""
    config = make_config(
        tmp_path, fake.base_url, storage=storage, roles={"workers": [WORKER_ID], "admins": []}
    )
    group = fake.group(GROUP, "阳光花园3栋群")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot(config) as app:
        fake.say(fake.private(wang), wang, "/start")
        await settle(app, fake)
        written, on_its_way = asyncio.Event(), asyncio.Event()
        blocked = "Forbidden: bot was blocked by the user"  # his alert bounces once it is written
        fake.faults.append(Fault("sendMessage", 403, blocked, chat_id=WORKER_ID, hold=written))
        fake.faults.append(Fault("sendMessage", 0, "", chat_id=GROUP, hold=on_its_way))
        fake.say(group, fake.person(8, "李叔"), "3栋电梯困人了 有老人在里面")
        await fake.wait_for(
            lambda: any(c["chat_id"] == GROUP for c in fake.calls_of("sendMessage")),
            what="the acknowledgement written, on its way",
        )
        fake.blocked.add(WORKER_ID)
        written.set()
        bounced = "SELECT count(*) FROM outbox WHERE dropped IS NOT NULL"
        for _ in range(3000):  # until the alert bounced (a minute at most on a loaded machine)
            if rows(config, bounced) == [(1,)]:
                break
            await asyncio.sleep(0.02)
        assert rows(config, bounced) == [(1,)]  # the acknowledgement is still held
        on_its_way.set()
        await settle(app, fake)
    said = [m.text for m in fake.bot_messages(GROUP)]
    assert "已通知 网格员小王" in said[0], said
    assert len(said) == 2 and texts.URGENT_NOBODY_REACHABLE in said[1], said


async def test_an_acknowledgement_written_after_the_bounce_is_the_only_call_to_phone(
    fake, run_bot, tmp_path, storage, monkeypatch
):
    """The group's poster is busy when the fire is heard; the only worker's alert bounces (he
    blocked the bot), and the acknowledgement, written once the bot knows, says to phone. It
    went out before the bounce had looked whether the group was answered: the bounce took it
    for one saying 已通知 and the group was told to phone a second time, at once."""
    config = make_config(
        tmp_path, fake.base_url, storage=storage, roles={"workers": [WORKER_ID], "admins": []}
    )
    group = fake.group(GROUP, "阳光花园3栋群")
    wang, li = fake.person(WORKER_ID, "网格员小王"), fake.person(8, "李叔")
    async with run_bot(config) as app:
        fake.say(fake.private(wang), wang, "/start")
        await settle(app, fake)
        fake.blocked.add(WORKER_ID)
        busy = asyncio.Event()  # the group's poster is busy with an answer to /list
        fake.faults.append(Fault("sendMessage", 0, "", chat_id=GROUP, hold=busy))
        chats = app.bot_data[SERVICES_KEY].stores.chats
        learn = chats.blocked
        acknowledged = "SELECT count(*) FROM reports WHERE ack_state = 'sent'"

        async def learnt_slowly(person_id: int, at: datetime) -> None:
            await learn(person_id, at)  # the bot knows he blocked it: the group is answered
            busy.set()
            for _ in range(3000):  # until the acknowledgement is out (a minute at most)
                if rows(config, acknowledged) == [(1,)]:
                    break
                await asyncio.sleep(0.02)

        monkeypatch.setattr(chats, "blocked", learnt_slowly)
        fake.say(group, li, "/list")
        await asyncio.sleep(0.3)
        fake.say(group, fake.person(9, "王姐"), "3栋电梯里有人被困了 在喊救命")
        await settle(app, fake)
        assert busy.is_set() and rows(config, acknowledged) == [(1,)]
    said = [m.text for m in fake.bot_messages(GROUP)]
    alarm = next(text for text in said if "紧急" in text)
    assert texts.URGENT_NOBODY_REACHABLE in alarm and "已通知" not in alarm, said
    assert sum(texts.URGENT_NOBODY_REACHABLE in text for text in said) == 1, said


async def test_a_danger_joining_a_ticket_answered_before_is_told_to_phone_once(
    fake, run_bot, tmp_path, storage
):
    """3栋's lift was reported and answered; then 王姐: someone is trapped in it. The only
    worker blocked the bot: his alert bounces before her acknowledgement is written, which
    says to phone. The bounce took the lift's first answer for the danger's and the group was
    told to phone a second time, at once."""
    config = make_config(
        tmp_path, fake.base_url, storage=storage, roles={"workers": [WORKER_ID], "admins": []}
    )
    group = fake.group(GROUP, "阳光花园3栋群")
    wang, li = fake.person(WORKER_ID, "网格员小王"), fake.person(8, "李叔")
    async with run_bot(config) as app:
        fake.say(fake.private(wang), wang, "/start")
        fake.say(group, li, "3栋电梯坏了 门关不上")
        await settle(app, fake)
        fake.blocked.add(WORKER_ID)
        busy = asyncio.Event()  # the group's poster is busy with an answer to /list
        fake.faults.append(Fault("sendMessage", 0, "", chat_id=GROUP, hold=busy))
        fake.say(group, li, "/list")
        await asyncio.sleep(0.3)
        fake.say(group, fake.person(9, "王姐"), "3栋电梯里有人被困了 在喊救命")
        bounced = "SELECT count(*) FROM outbox WHERE dropped IS NOT NULL"
        for _ in range(3000):  # until the alert bounced (a minute at most on a loaded machine)
            if rows(config, bounced) == [(1,)]:
                break
            await asyncio.sleep(0.02)
        assert rows(config, bounced) == [(1,)]  # the group's poster is still held
        busy.set()
        await settle(app, fake)
    said = [m.text for m in fake.bot_messages(GROUP)]
    alarm = next(text for text in said if "紧急" in text)
    assert texts.URGENT_NOBODY_REACHABLE in alarm, said
    assert sum(texts.URGENT_NOBODY_REACHABLE in text for text in said) == 1, said


async def test_each_workers_alert_says_who_took_the_danger_or_that_it_was_withdrawn(fake, run_bot):
    """Two workers woken at 2 a.m.: once 小王 takes the fire, 小陈's alert says so (no 接单 left
    to press, nobody sets out twice); the lift whose trapped neighbour got out and withdrew it
    tells both they need not go."""
    group = fake.group(GROUP, "阳光花园3栋群")
    wang, chen = fake.person(WORKER_ID, "网格员小王"), fake.person(WORKER2_ID, "网格员小陈")
    zhang = fake.person(7, "张阿姨")
    async with run_bot() as app:
        for worker in (wang, chen):
            fake.say(fake.private(worker), worker, "/start")
        await settle(app, fake)
        fake.say(group, zhang, "5栋楼道着火了 好大的烟")
        await settle(app, fake)
        alert = next(m for m in fake.bot_messages(WORKER_ID) if "紧急诉求" in m.text)
        fake.press(alert, wang, alert.reply_markup["inline_keyboard"][0][0]["callback_data"])
        await settle(app, fake)
        fake.say(group, zhang, "3栋电梯困人了 有老人在里面")
        await settle(app, fake)
        fake.say(group, zhang, "/cancel 2 没事了 人出来了")
        await settle(app, fake)
    for worker_id in (WORKER_ID, WORKER2_ID):
        fire, lift = [m for m in fake.bot_messages(worker_id) if "紧急诉求" in m.text]
        assert fire.text.endswith("✅ 已由 网格员小王 接单，正在办理。"), fire.text
        assert "请立即处理" not in fire.text and "5栋楼道着火了" in fire.text
        assert lift.text.endswith(texts.ALERT_CANCELLED) and not lift.reply_markup
    chens_fire = next(m for m in fake.bot_messages(WORKER2_ID) if "紧急诉求" in m.text)
    assert not chens_fire.reply_markup


async def test_an_urgent_ticket_merged_into_another_settles_its_alerts(fake, run_bot):
    """Two reports of one fire filed apart; a worker folds #2 into #1. #2's alerts kept saying
    "请立即处理" with their 接单 button (the reviewer): they now say where it went."""
    group = fake.group(GROUP, "阳光花园3栋群")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        fake.say(fake.private(wang), wang, "/start")
        await settle(app, fake)
        fake.say(group, fake.person(7, "张阿姨"), "5栋楼道着火了 好大的烟")
        fake.say(group, fake.person(8, "李叔"), "3栋地下车库有辆电动车烧起来了")
        await settle(app, fake)
        fake.say(group, wang, "/merge 1 2")
        await settle(app, fake)
    alerts = [m for m in fake.bot_messages(WORKER_ID) if "紧急诉求" in m.text]
    assert len(alerts) == 2, [m.text for m in alerts]
    merged = alerts[1]
    assert merged.text.endswith("🔗 已合并到 🚨#1【消防安全】5栋，按那一件办理。"), merged.text
    assert not merged.reply_markup
