"""A storm evening: the workers' private chats fill with 研判 notices from every building's
group; a danger reported meanwhile reaches them next, not behind the queue."""

from __future__ import annotations

import asyncio

from bot.devtools.fakeapi.server import Fault
from bot.devtools.runner import settle
from tests.engines import peek
from tests.factories import WORKER_ID


def _queued(config, kind: str) -> int:
    """How many notices of `kind` were queued for 小王 (posted or not)."""
    with peek(config) as conn:
        row = conn.execute(
            "SELECT count(*) FROM outbox WHERE chat_id = ? AND kind = ?", (WORKER_ID, kind)
        ).fetchone()
    return int(row[0])


async def test_a_danger_alert_overtakes_the_waiting_triage_notices(fake, run_bot, config):
    wang = fake.person(WORKER_ID, "网格员小王")
    groups = [fake.group(-7400 - n, f"幸福里{n}栋群") for n in range(1, 8)]
    slow = asyncio.Event()
    async with run_bot() as app:
        fake.say(fake.private(wang), wang, "/start")
        await settle(app, fake)
        # Telegram is slow to take the first notice: the others wait behind it
        fake.faults.append(Fault("sendMessage", 0, "", chat_id=WORKER_ID, hold=slow))
        for number, group in enumerate(groups[:6]):
            fake.say(group, fake.person(100 + number, f"居民{number}"), "停电了")
        await fake.wait_for(lambda: _queued(config, "triage") == 6, what="the notices queued")
        fake.say(groups[6], fake.person(7, "王大爷"), "7栋电梯困人了 有老人在里面 快来人")
        await fake.wait_for(lambda: _queued(config, "urgent"), what="the alert queued")
        slow.set()
        await settle(app, fake)

    private = [m.text for m in fake.bot_messages(WORKER_ID)][1:]  # after the /start answer
    assert sum("研判" in text for text in private) == 6
    assert "紧急诉求" in private[1]  # next after the notice Telegram held: not seventh
