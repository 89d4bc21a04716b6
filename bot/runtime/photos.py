"""Residents' photos: kept with the ticket they show, so that the worker who handles it sees
what the resident saw (a photo with the complaint as its caption, just before or after it, or
in reply to it)."""

from __future__ import annotations

import contextlib
import logging

from bot import texts
from bot.core.photos import PHOTO_WINDOW, Picture
from bot.core.privacy import as_seen_in
from bot.core.tickets import Status, TicketNotFound
from bot.runtime.answers import answer_message
from bot.runtime.heard_before import heard_before
from bot.runtime.hearing import GroupMessage, hear
from bot.runtime.keyboards import rating_target
from bot.runtime.polling import REPLAYED
from bot.runtime.services import Services
from bot.runtime.ticket_view import tickets_named
from bot.runtime.together import told_in_pieces
from bot.runtime.triage_fold import said_plainly
from storage.photos import NewPhoto

__all__ = ["hear_with_photo", "join_album", "keep_act_photo"]

log = logging.getLogger(__name__)


async def hear_with_photo(services: Services, message: GroupMessage) -> None:
    """A resident's message, words or photo or both: its photo is kept, its words heard (a
    complaint filed takes the photo along), and a photo no complaint came with joins the
    ticket it answers or its sender's complaint of a moment ago."""
    picture = message.picture
    if picture is not None:
        kept = NewPhoto.of(message.chat_id, message.message_id, message.author.id, picture)
        await services.stores.photos.keep(kept)
    if message.text.strip():
        heard = services.classifier.classify(message.text)
        if REPLAYED.get() and await heard_before(services, message, heard):
            return  # its update handled again: done as it was, never heard anew
        # a danger she told in pieces, this one the last: handled as urgent, her pieces with it
        filing = await told_in_pieces(services, message, heard)
        if filing is None:
            filing = await hear(services, message, heard)
            if filing is not None:
                await said_plainly(services, message, filing)
        if filing is not None or picture is None:
            return
        if await services.stores.triage.waiting(message.chat_id, message.message_id):
            return  # a worker judges it with its photo (filed, the photo goes along)
    if picture is not None:
        await _photo_alone(services, message)


async def _photo_alone(services: Services, message: GroupMessage) -> None:
    """A photo without a complaint: the ticket a photo sent with it went with (its album,
    answered as one already: the complaint as its caption, or its first photo), else the open
    or just done ticket it replies to (a report, its acknowledgement, a post about it: under a
    done one, she is told how to reopen it), else its sender's complaint of a moment ago; else
    it waits loose (her complaint in a moment, or a 研判 of its album's
    caption filed, takes it)."""
    picture = message.picture
    assert picture is not None
    stores = services.stores
    if await join_album(services, message.chat_id, message.message_id, message.author.id, picture):
        return
    worker = services.config.roles.is_worker(message.author.id)
    ticket_id = await _replied_ticket(services, message)
    # a worker's photo in answer to a ticket shows its handling (the new bulb, lit): 办理照片
    handling = worker and ticket_id is not None
    if ticket_id is None and message.author.id is not None:
        since = services.clock() - PHOTO_WINDOW  # as her report's time was taken
        ticket_id = await stores.photos.reported_since(message.chat_id, message.author.id, since)
    if ticket_id is None:
        return
    await stores.photos.attach(ticket_id, message.chat_id, message.message_id, staff=handling)
    kept = await stores.photos.at(message.chat_id, message.message_id)
    if kept is None or kept.ticket_id is None:
        return
    # where it went (the first time, if again), as this group may see it: a ticket of another
    # group its report was merged into names the building, not the flat
    ticket = as_seen_in(await stores.tickets.get(kept.ticket_id), message.chat_id)
    # an album is several messages: told once, when its first photo arrives
    told = f"photos:{message.chat_id}:{picture.album}" if picture.album else message.told("photo")
    # words with it under the rating buttons were her verdict (满意; "没修好", which reopened
    # it and was answered so: the photo goes along unannounced) or told how to give one
    verdict = await _verdict_said(services, message)
    if verdict and ticket.status.is_active:
        log.info("a photo joined ticket #%d, reopened by the words it came with", ticket.id)
        return
    # under a done (or closed) ticket, a resident's photo most likely shows it is not fixed:
    # she is told how to say so; a worker's is more likely the repair's (no such hint for it)
    done = ticket.id if not ticket.status.is_active and not worker and not verdict else None
    said = texts.photo_attached(
        services.texts.label(ticket), done, rating=ticket.status is Status.DONE
    )
    await answer_message(services, message, said, origin=told, ticket_id=ticket.id)
    log.info("a photo joined ticket #%d", ticket.id)


async def _verdict_said(services: Services, message: GroupMessage) -> bool:
    """Her words with the photo answer a post with rating buttons (the done notice, a
    reminder): heard as her verdict, or answered with how to give one."""
    if not message.text.strip() or message.reply_to is None or not message.reply_to_bot:
        return False
    post = await services.stores.outbox.post_at(message.chat_id, message.reply_to)
    return post is not None and rating_target(post.markup) is not None


async def _replied_ticket(services: Services, message: GroupMessage) -> int | None:
    """The open ticket a reply is about, or a finished one its reporters may still reopen: a
    report's, an acknowledgement's, or the one ticket the bot's post it answers speaks of
    (已由 小王 接单, 📌 进展, ✅ 已办结 …). Not a withdrawn one, nor one finished longer ago
    than it may be reopened: a photo of that is a new matter."""
    if message.reply_to is None:
        return None
    stores, chat_id = services.stores, message.chat_id
    named = await tickets_named(services, chat_id, message.reply_to, by_bot=message.reply_to_bot)
    if len(named) > 1:  # a folded acknowledgement: hers, if one of them is
        who = message.author.id
        mine = [n for n in named if who in {p.id for p in await stores.tickets.reporters(n)}]
        named = mine if len(mine) == 1 else []
    if len(named) != 1:
        return None
    with contextlib.suppress(TicketNotFound):
        ticket = await stores.tickets.get(named[0], chat_id=chat_id)
        live = ticket.status.is_active or services.loop.may_reopen(ticket, services.clock())
        return ticket.id if live else None
    return None


async def keep_act_photo(services: Services, photo: NewPhoto | None, ticket_id: int) -> None:
    """The photo a command is the caption of goes with its ticket: a worker's picture of the
    repair (`/done 3 已修好`, `/note`), a resident's of what is still broken (`/reopen 3 又坏了`)
    — one ticket per photo, the first it was given to."""
    if photo is None:
        return
    await services.stores.photos.keep(photo)
    await services.stores.photos.attach(ticket_id, photo.chat_id, photo.message_id)


async def join_album(
    services: Services, chat_id: int, message_id: int, user_id: int | None, picture: Picture
) -> bool:
    """A photo of an album (photos sent together, each its own message) goes where another of
    them went — the ticket its caption filed, the first one answered, a worker's `/done 3` —
    and is not answered again: the album was, as one; whether it went."""
    if picture.album is None:
        return False
    stores = services.stores
    mate = await stores.photos.album_mate(chat_id, picture.album, message_id)
    if mate is None or mate.ticket_id is None:
        return False
    # a worker's album of the repair is all 办理照片, by the same hand
    staff = mate.staff and mate.user_id == user_id
    await stores.photos.keep(NewPhoto.of(chat_id, message_id, user_id, picture, staff))
    await stores.photos.attach(mate.ticket_id, chat_id, message_id, staff=staff)
    return True
