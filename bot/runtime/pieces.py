"""A complaint typed in pieces ("3栋", then "电梯又坏了"; or "路灯不亮了", then "5号楼门口的"):
the place said alone just before or after it is the complaint's place; a complaint under a
ticket's report or acknowledgement ("电梯又困人了 我在里面") is that ticket's place's; a place
said wrong and corrected next ("说错了 是5栋不是3栋") is her fresh ticket's."""

from __future__ import annotations

from datetime import timedelta

from bot.classify import Verdict
from bot.core.loop import PLACE_PIECE_WITHIN, names_only_place
from bot.core.tickets import Status
from bot.core.withdrawal import place_meant, place_not_meant, said_wrong_of, says_it_was_wrong
from bot.runtime.answers import answer_message
from bot.runtime.group_message import GroupMessage
from bot.runtime.services import Services
from bot.runtime.ticket_view import tickets_named

__all__ = [
    "PLACE_CORRECTED_WITHIN",
    "place_before",
    "place_corrected",
    "place_given_after",
    "place_replied",
    "placeless_filed",
]

# "说错了 是5栋不是3栋" corrects the place of her ticket filed this recently (not replied to).
PLACE_CORRECTED_WITHIN = timedelta(hours=1)


async def place_given_after(
    services: Services, chat_id: int, author: int | None, text: str, verdict: Verdict
) -> bool:
    """Words that are only a place: given to the speaker's complaint filed without one a moment
    ago (True: nothing more to do), else remembered for the complaint she may type next."""
    if author is None or verdict.is_complaint or not names_only_place(text, verdict.location):
        return False
    key, now, pieces = (chat_id, author), services.clock(), services.pieces
    filed = pieces.placeless.pop(key, None)
    if filed is not None and now - filed[1] <= PLACE_PIECE_WITHIN:
        ticket = await services.stores.tickets.get(filed[0])
        if ticket.location is None and ticket.status.is_active:
            await services.stores.actions.reread(
                ticket.id, ticket.category, verdict.location, ticket.urgent, now
            )
            return True
    pieces.said(key, verdict.location or "", now)
    return False


def place_before(services: Services, chat_id: int, author: int | None) -> str | None:
    """The place the speaker said alone a moment before her complaint, if any."""
    said = services.pieces.places.pop((chat_id, author), None) if author is not None else None
    if said is None or services.clock() - said[1] > PLACE_PIECE_WITHIN:
        return None
    return said[0]


def placeless_filed(services: Services, chat_id: int, author: int | None, ticket_id: int) -> None:
    """Her complaint was filed without a place: the place she may say next is its."""
    if author is not None:
        services.pieces.filed((chat_id, author), ticket_id, services.clock())


async def place_replied(
    services: Services, chat_id: int, reply_to: int | None, to_bot: bool, category: str
) -> str | None:
    """The place of the ticket whose report or acknowledgement a complaint naming none replies
    to, when it is of the same category ("电梯又困人了 我在里面" under 3栋's lift, done long
    ago); of a batch's acknowledgement, the one place its tickets of that category share."""
    if reply_to is None:
        return None
    named = await tickets_named(services, chat_id, reply_to, by_bot=to_bot)
    tickets = [await services.stores.tickets.get(ticket_id) for ticket_id in named]
    places = {t.location for t in tickets if t.category == category and t.location}
    return places.pop() if len(places) == 1 else None


async def place_corrected(services: Services, message: GroupMessage, verdict: Verdict) -> bool:
    """ "说错了 是5栋不是3栋" of her own fresh ticket (the one replied to, or her newest filed
    within `PLACE_CORRECTED_WITHIN` — at the place she did not mean, 3栋, when she names it),
    nobody on it yet and nobody else's: it takes the place she meant, and she is told so.
    False when the words correct no place of such a ticket."""
    chat_id, reply_to, to_bot = message.chat_id, message.reply_to, message.reply_to_bot
    author, text = message.author.id, message.text
    meant = place_meant(text)
    if author is None or verdict.is_complaint or verdict.urgent or meant is None:
        return False
    place = services.classifier.classify(meant).location
    not_meant = place_not_meant(text)  # "不是3栋": the ticket at 3栋, not her newest at 6栋
    wrong = services.classifier.classify(not_meant).location if not_meant else None
    if wrong is None and not says_it_was_wrong(text):
        return False  # "不是物业的问题 是3栋业主堆的": whose fault, no place taken back
    store = services.stores.tickets
    if reply_to is not None:
        named = await tickets_named(services, chat_id, reply_to, by_bot=to_bot)
        mine = [await store.get(named[0])] if len(named) == 1 else []
    else:
        since = services.clock() - PLACE_CORRECTED_WITHIN
        mine = [t for t, _ in await store.of_household(chat_id, author, limit=5)]
        mine = [t for t in mine if t.created_at >= since]
    mine = [t for t in mine if wrong is None or said_wrong_of(wrong, t.location)][:1]
    if place is None or len(mine) != 1 or mine[0].status is not Status.OPEN:
        return False
    ticket = mine[0]
    if ticket.chat_id != chat_id or [p.id for p in await store.reporters(ticket.id)] != [author]:
        return False
    changed = await services.stores.actions.reread(
        ticket.id, ticket.category, place, ticket.urgent, services.clock()
    )
    if changed is None:
        return False  # the place it has already
    said = services.texts.place_corrected(changed[1])
    await answer_message(services, message, said, origin=message.told("place"))
    return True
