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
