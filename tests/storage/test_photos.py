"""Photos on both engines: kept once, given to the ticket filed from their message or sent just
before it by the same person, found by reporter and time, counted, moved by a merge and by a
group's move, and loose ones forgotten."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.core.photos import span_before
from bot.core.tickets import DeadlinePolicy
from storage.chats import ChatStore
from storage.photos import NewPhoto, PhotoStore
from storage.ticket_actions import TicketActions
from storage.tickets import TicketStore
from tests.factories import T0, WORKER, ZHANG
from tests.factories import new_report as report


def photo(message_id: int, *, user_id: int | None = ZHANG.id, at=T0, chat_id: int = -1):
    return NewPhoto(chat_id, message_id, user_id, f"file-{message_id}", f"u{message_id}", None, at)


async def test_photos_go_with_the_ticket_they_show(db):
    photos, tickets = PhotoStore(db), TicketStore(db)
    early = await photos.keep(photo(1, at=T0 - timedelta(minutes=2)))  # just before her words
    stale = await photos.keep(photo(2, at=T0 - timedelta(minutes=30)))  # long before
    other = await photos.keep(photo(3, user_id=4242, at=T0 - timedelta(minutes=1)))  # not hers
    assert (await photos.keep(photo(1, at=T0))).id == early.id  # the same message: kept once
    await photos.keep(photo(10, at=T0))  # the complaint's own photo (her words as its caption)
    since, until = span_before(T0)
    filed = await tickets.file_report(replace(report(10), photos_since=since, photos_until=until))
    ticket_id = filed.ticket.id
    assert [p.message_id for p in await photos.of_ticket(ticket_id)] == [1, 10]
    assert (await photos.get(stale.id)).ticket_id is None
    assert (await photos.get(other.id)).ticket_id is None
    assert await photos.counts([ticket_id, 999]) == {ticket_id: 2}
    assert await photos.counts([]) == {}

    # a photo right after: her report of a moment ago is found, then the photo given to it
    assert await photos.reported_since(-1, ZHANG.id, T0 - timedelta(minutes=5)) == ticket_id
    assert await photos.reported_since(-1, ZHANG.id, T0 + timedelta(minutes=1)) is None
    assert await photos.reported_since(-1, 4242, T0 - timedelta(minutes=5)) is None
    await photos.keep(photo(11, at=T0 + timedelta(minutes=1)))
    assert await photos.attach(ticket_id, -1, 11) == 1
    assert await photos.attach(ticket_id, -1, 11) == 0  # given once
    assert await photos.counts([ticket_id]) == {ticket_id: 3}

    assert await photos.forget_loose(T0 - timedelta(minutes=10)) == 1  # the stale one only
    assert await photos.get(stale.id) is None and await photos.get(other.id) is not None


async def test_a_merge_and_a_group_move_take_the_photos_along(db):
    photos, tickets = PhotoStore(db), TicketStore(db)
    actions = TicketActions(db, DeadlinePolicy.shipped())
    await photos.keep(photo(1))
    await photos.keep(photo(2))
    first = await tickets.file_report(report(1))
    second = await tickets.file_report(report(2, "楼道垃圾没人收", category="sanitation"))
    assert first.ticket.id != second.ticket.id
    await actions.merge(first.ticket.id, second.ticket.id, -1, WORKER, T0)
    assert [p.message_id for p in await photos.of_ticket(first.ticket.id)] == [1, 2]
    assert await photos.of_ticket(second.ticket.id) == []
    await ChatStore(db).move(-1, -100777, T0)
    moved = await photos.of_ticket(first.ticket.id)
    assert {p.chat_id for p in moved} == {-100777}
    assert all(p.message_id < 0 for p in moved)  # the old group's numbers, retired


async def test_photos_sent_together_go_together(db):
    photos, tickets = PhotoStore(db), TicketStore(db)
    for n in (1, 2, 3):
        await photos.keep(replace(photo(n), album="a"))
    await photos.keep(replace(photo(4), album="b"))  # another album: stays loose
    filed = await tickets.file_report(report(1))  # the caption of the album's first photo
    ticket_id = filed.ticket.id
    assert [p.message_id for p in await photos.of_ticket(ticket_id)] == [1, 2, 3]
    assert await photos.album_ticket(-1, "a", 5) == ticket_id
    assert await photos.album_ticket(-1, "b", 5) is None
    assert await photos.album_ticket(-2, "a", 5) is None  # another group's album of that id
