"""A flood of the same question gets one answer while it waits — in its own topic: the same
answer waiting for another topic of the group does not swallow it (it would never be seen)."""

from __future__ import annotations

from storage.outbox import OutboxStore
from storage.sql import Door
from tests.factories import T0

CHAT = -1


async def test_the_same_answer_waits_once_per_topic(db: Door):
    outbox = OutboxStore(db)
    assert await outbox.reply(CHAT, "本群诉求：…", T0, coalesce=True, thread_id=7)
    assert not await outbox.reply(CHAT, "本群诉求：…", T0, coalesce=True, thread_id=7)
    assert await outbox.reply(CHAT, "本群诉求：…", T0, coalesce=True, thread_id=9)
    assert await outbox.reply(CHAT, "本群诉求：…", T0, coalesce=True)  # General
    assert not await outbox.reply(CHAT, "本群诉求：…", T0, coalesce=True)
    waiting = await outbox.due(CHAT, T0, limit=10)
    assert [(n.body, n.thread_id) for n in waiting] == [
        ("本群诉求：…", 7),
        ("本群诉求：…", 9),
        ("本群诉求：…", None),
    ]
