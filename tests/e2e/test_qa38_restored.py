"""QA round 38: a ticket withdrawn by mistake and restored, as the office and the workers see
it — across a restart, and a second mistake after the first was undone."""

from __future__ import annotations

from bot.devtools.runner import settle
from tests.engines import forget_handled, peek
from tests.factories import WORKER2_ID, WORKER_ID

GROUP = -7838
TRAPPED = "3栋电梯困人了 有人关在里面"


def rows(config, sql: str) -> list[tuple]:
    with peek(config) as conn:
        return [tuple(r) for r in conn.execute(sql).fetchall()]


async def test_a_restore_replayed_after_dying_before_its_answer_says_restored(
    fake, run_bot, config
):
    """小王's /reopen 1 restored #1 (someone trapped; his /cancel 1 was a mistake), and the bot
    died before the group and the workers were told. The replay told the group "小王 重新打开了
    🚨#1…（原因：撤错了）" — a reopening, as if the lift had been fixed — and woke nobody.
    Now the replay tells what the /reopen did: restored, once, and the workers are alerted."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang, li = fake.person(WORKER_ID, "小王"), fake.person(WORKER2_ID, "小李")
    async with run_bot() as app:
        fake.say(fake.private(wang), wang, "/start")
        fake.say(fake.private(li), li, "/start")
        fake.say(group, zhang, TRAPPED)
        await settle(app, fake)
        fake.say(group, wang, "/cancel 1")
        await settle(app, fake)
        before = len(fake.bot_messages(GROUP)), len(fake.bot_messages(WORKER2_ID))
        reopen = fake.say(group, wang, "/reopen 1 撤错了")
        await settle(app, fake)
    with peek(config) as conn:  # as if it died before queuing what it says
        told = (f"m:{GROUP}:{reopen['message_id']}:%", "urgent:1:restored:%")
        conn.execute("DELETE FROM outbox WHERE origin LIKE ? OR origin LIKE ?", told)
    forget_handled(config)
    async with run_bot() as app:
        await settle(app, fake)
    said = [m.text for m in fake.bot_messages(GROUP)[before[0] :]]
    assert len(said) == 2 and said[0] == said[1] and "恢复了" in said[1], said
    again = [m.text for m in fake.bot_messages(WORKER2_ID)[before[1] :]]
    assert len(again) == 2 and all("已恢复办理" in t for t in again), again
    assert rows(config, "SELECT count(*) FROM events WHERE action = 'restore'") == [(1,)]
    assert rows(config, "SELECT count(*) FROM lessons WHERE source = 'restore'") == [(1,)]


async def test_an_urgent_ticket_withdrawn_by_mistake_twice_wakes_the_workers_twice(fake, run_bot):
    """Someone trapped in the lift; 小王 /cancel 1 by mistake, /reopen 1 (every worker alerted
    again), then another /cancel 1 by mistake and /reopen 1: every alert was left saying "⛔
    这件诉求已撤销……不用再去处理" and nobody was told it was back. Now each restore with
    nobody on it alerts the workers again."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang, li = fake.person(WORKER_ID, "小王"), fake.person(WORKER2_ID, "小李")
    async with run_bot() as app:
        fake.say(fake.private(wang), wang, "/start")
        fake.say(fake.private(li), li, "/start")
        fake.say(group, zhang, TRAPPED)
        await settle(app, fake)
        for _ in range(2):
            fake.say(group, wang, "/cancel 1")
            await settle(app, fake)
            fake.say(group, wang, "/reopen 1")
            await settle(app, fake)
        alerts = [m for m in fake.bot_messages(WORKER2_ID) if "紧急诉求" in m.text]
        assert len(alerts) == 3, [m.text for m in alerts]
        last = alerts[-1]
        assert "不用再去处理" not in last.text and last.reply_markup is not None, last.text
        fake.press(last, li, "take:1")
        await settle(app, fake)
    for alert in [m for m in fake.bot_messages(WORKER2_ID) if "紧急诉求" in m.text]:
        assert alert.reply_markup is None and "已由 小李 接单" in alert.text, alert.text
