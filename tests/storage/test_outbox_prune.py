"""The outbox is forgotten after half a year (the chats keep what was posted), but never what a
ticket still open needs (its alerts are settled and replies to its posts found from there),
nor a group's one-time greeting, nor a notice still waiting."""

from __future__ import annotations

from datetime import timedelta

from bot.devtools.runner import settle
from bot.runtime.schedule import run_schedule
from bot.runtime.services import SERVICES_KEY
from storage.outbox import OutboxStore
from storage.sql import Door
from storage.tickets import TicketStore
from tests.engines import peek
from tests.factories import T0
from tests.factories import new_report as report

CHAT = -1
LATER = T0 + timedelta(days=200)


async def test_old_posts_are_forgotten_but_not_what_an_open_ticket_needs(db: Door):
    tickets, outbox = TicketStore(db), OutboxStore(db)
    open_one = (await tickets.file_report(report(1))).ticket
    closed = (await tickets.file_report(report(2, "3栋停水了", category="water"))).ticket
    await db.write(
        lambda conn: conn.execute("UPDATE tickets SET status = 'closed' WHERE id = ?", (closed.id,))
    )
    queued = [
        ("reply", None, "answer:1"),  # an answer to a command: no ticket
        ("urgent", open_one.id, f"urgent:{open_one.id}:9001"),  # an open ticket's alert
        ("reply", closed.id, "told:2"),  # a closed ticket's notice
        ("welcome", None, f"welcome:{CHAT}"),  # the group's greeting, once ever
        ("reply", None, f"reads:{CHAT}"),
    ]
    for kind, ticket_id, origin in queued:
        await outbox.add(CHAT, kind, "…", T0, ticket_id=ticket_id, origin=origin)
    for number, notice in enumerate(await outbox.due(CHAT, T0, limit=10), start=100):
        await outbox.mark_sent(notice.id, number, T0)
    await outbox.add(CHAT, "reply", "still waiting", T0, origin="waiting")  # never posted

    assert await outbox.prune(T0 - timedelta(days=1)) == 0  # nothing that old
    assert await outbox.prune(LATER - timedelta(days=180)) == 2  # the answer, the closed one's
    assert await outbox.first_body([f"urgent:{open_one.id}:9001"]) == "…"
    assert await outbox.post_at(CHAT, 100) is None  # "answer:1" was posted as message 100
    assert await outbox.prune(LATER) == 0
    assert [n.body for n in await outbox.due(CHAT, LATER)] == ["still waiting"]


async def test_the_schedule_forgets_half_a_year_old_posts(fake, run_bot, clock, config):
    """The bot's hourly round prunes the outbox as it prunes the inbox: a group's chatter
    answered long ago is gone, the greeting and the open ticket's posts stay."""
    group, zhang = fake.group(CHAT, "3栋群"), fake.person(1, "张阿姨")
    async with run_bot() as app:
        fake.say(group, zhang, "/help")
        fake.say(group, zhang, "3栋电梯坏了 门关不上")
        await settle(app, fake)
        clock.advance(days=200)
        counts = await run_schedule(app.bot_data[SERVICES_KEY])
    assert counts["posts_forgotten"] >= 1, counts
    with peek(config) as conn:
        kept = [tuple(row) for row in conn.execute("SELECT kind, ticket_id FROM outbox")]
    assert kept and all(ticket == 1 or kind == "welcome" for kind, ticket in kept), kept
