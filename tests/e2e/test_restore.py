"""A ticket withdrawn by mistake goes back to work (QA round 37's open finding): a worker's
/cancel of the wrong number could not be undone — /reopen answered "目前已撤销，不能重新打开",
and /new under her report "这条已经登记为 #1，不用再登记" while nobody would ever handle it."""

from __future__ import annotations

from bot.devtools.runner import settle
from tests.engines import peek
from tests.factories import WORKER2_ID, WORKER_ID

GROUP = -7381


def rows(config, sql: str) -> list[tuple]:
    with peek(config) as conn:
        return [tuple(r) for r in conn.execute(sql).fetchall()]


def said(fake, since: int) -> list[str]:
    return [m.text for m in fake.bot_messages(GROUP)[since:]]


async def test_a_worker_restores_what_he_withdrew_by_mistake(fake, run_bot, config):
    """小王 took #1 and meant to /cancel #2 (a chat about the weather) but typed 1: his
    /reopen 1 puts it back to him, as it was, and the group is told; the "not a complaint" his
    /cancel taught is outweighed by a lesson that it is one. A second /reopen changes nothing."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        fake.say(group, wang, "/assign 1")
        fake.say(group, wang, "/cancel 1")
        await settle(app, fake)
        before = len(fake.bot_messages(GROUP))
        fake.say(group, wang, "/reopen 1 撤错了")
        await settle(app, fake)
        restored = said(fake, before)
        fake.say(group, wang, "/reopen 1")
        await settle(app, fake)
        again = said(fake, before + len(restored))
    assert len(restored) == 1 and "恢复了 #1【电梯】" in restored[0], restored
    assert "撤错了" in restored[0] and "撤销作废" in restored[0], restored
    assert len(again) == 1 and "不能重新打开" in again[0], again
    assert rows(config, "SELECT status, assignee_id, reopened FROM tickets") == [
        ("assigned", WORKER_ID, 0)  # back to him, and no reopening in 重开率: nothing was redone
    ]
    lessons = rows(config, "SELECT source, is_complaint, category FROM lessons ORDER BY id")
    assert lessons[-2:] == [("cancel", 0, None), ("restore", 1, "lift")], lessons
    events = rows(config, "SELECT action FROM events WHERE ticket_id = 1 ORDER BY id")
    assert events[-2:] == [("cancel",), ("restore",)], events


async def test_new_under_her_withdrawn_report_restores_it(fake, run_bot, config):
    """A worker answers her report with /new after a colleague withdrew it: it is restored
    (open again, to nobody), not "already filed"."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        report = fake.say(group, zhang, "5栋门口的垃圾堆了三天了 臭死了")
        await settle(app, fake)
        fake.say(group, wang, "/cancel 1")
        await settle(app, fake)
        before = len(fake.bot_messages(GROUP))
        fake.say(group, wang, "/new", reply_to=report)
        await settle(app, fake)
    told = said(fake, before)
    assert len(told) == 1 and "恢复了 #1" in told[0], told
    assert rows(config, "SELECT id, status FROM tickets") == [(1, "open")]


async def test_who_may_restore_and_until_when(fake, run_bot, config, clock):
    """Her own withdrawal she may take back herself (it teaches nothing: residents never
    teach); a worker's she may not (he judged it no complaint); nobody after the reopen
    window; and a ticket merged into another lives on there."""
    group = fake.group(GROUP, "3栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    wang = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        fake.say(group, li, "6栋楼道灯坏了一个星期了")
        await settle(app, fake)
        fake.say(group, zhang, "/cancel 1")
        fake.say(group, wang, "/cancel 2")
        await settle(app, fake)
        before = len(fake.bot_messages(GROUP))
        fake.say(group, zhang, "/reopen 1 还是坏的")
        await settle(app, fake)
        fake.say(group, li, "/reopen 2")
        await settle(app, fake)
        clock.advance(days=8)
        fake.say(group, wang, "/reopen 2")
        await settle(app, fake)
        fake.say(group, zhang, "3栋电梯又不动了")
        await settle(app, fake)
        fake.say(group, wang, "/merge 1 3")
        await settle(app, fake)
        fake.say(group, wang, "/reopen 3")
        await settle(app, fake)
    told = said(fake, before)
    assert "恢复了 #1【电梯】" in told[0], told
    assert "是网格员撤销的，只有网格员可以恢复" in told[1], told
    assert "撤销已超过 7 天，不能恢复" in told[2], told
    assert "请对 #1 操作" in told[-1], told
    statuses = rows(config, "SELECT id, status FROM tickets ORDER BY id")
    assert statuses == [(1, "open"), (2, "cancelled"), (3, "cancelled")], statuses
    assert ("restore",) not in rows(config, "SELECT source FROM lessons")


async def test_an_urgent_ticket_restored_wakes_the_workers_again(fake, run_bot, config):
    """Someone trapped in the lift; 小王 /cancel 1 by mistake and every worker's alert said "⛔
    这件诉求已撤销……不用再去处理". His /reopen 1 told the group "网格员 请跟进" — and nobody in
    private: the alerts still said not to go. Now every worker is alerted again, with 接单;
    once 小李 takes it, every copy (the first too) says who has it, without the button."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang, li = fake.person(WORKER_ID, "小王"), fake.person(WORKER2_ID, "小李")
    async with run_bot() as app:
        fake.say(fake.private(wang), wang, "/start")
        fake.say(fake.private(li), li, "/start")
        await settle(app, fake)
        fake.say(group, zhang, "3栋电梯困人了 有人关在里面")
        await settle(app, fake)
        fake.say(group, wang, "/cancel 1")
        await settle(app, fake)
        fake.say(group, wang, "/reopen 1")
        await settle(app, fake)
        again = fake.bot_messages(WORKER2_ID)[-1]
        assert "恢复" in again.text and "3栋电梯困人了" in again.text, again.text
        assert again.reply_markup is not None, again.text
        fake.press(again, li, "take:1")
        await settle(app, fake)
    for worker in (WORKER_ID, WORKER2_ID):
        alerts = [m for m in fake.bot_messages(worker) if "紧急诉求" in m.text]
        assert len(alerts) == 2, [m.text for m in alerts]
        for alert in alerts:
            assert alert.reply_markup is None and "已由 小李 接单" in alert.text, alert.text


async def test_a_neighbour_is_not_told_a_worker_withdrew_what_she_withdrew(fake, run_bot):
    """张阿姨 withdrew her own #1; 李叔's /reopen 1 was told "是网格员撤销的，只有网格员可以恢复"
    — no worker had touched it. Now he is told who may restore it: she, or a worker."""
    group = fake.group(GROUP, "3栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        fake.say(group, zhang, "/cancel 1")
        await settle(app, fake)
        before = len(fake.bot_messages(GROUP))
        fake.say(group, li, "/reopen 1")
        await settle(app, fake)
    told = said(fake, before)
    assert len(told) == 1 and "网格员撤销" not in told[0], told
    assert "反映人自己撤销的，只有反映人本人或网格员可以恢复" in told[0], told
