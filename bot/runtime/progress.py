"""A resident asks in words how a complaint is going ("我前天反映的电梯修好没有", "有人管吗",
"啥时候修得好嘛？" under it): she is told where it stands, as an answer to her message."""

from __future__ import annotations

from bot.classify import Verdict
from bot.core.followups import asks_progress
from bot.core.loop import FOLLOW_UP_CATEGORIES
from bot.core.privacy import as_seen_in
from bot.core.tickets import Person, Status, Ticket
from bot.runtime.answers import answer
from bot.runtime.services import Services

__all__ = ["progress_asked", "progress_origin", "tell_where_it_stands"]

_SHOWN = frozenset({Status.OPEN, Status.ASSIGNED, Status.DONE})
_ARCHIVED = frozenset({Status.CLOSED})  # told of while it may still be reopened
_AT_MOST = 3


def progress_origin(origin: str) -> str:
    """The origin of the answer to the message whose origin is `origin`: where it stands."""
    return f"{origin}:progress"


async def progress_asked(
    services: Services,
    *,
    chat_id: int,
    message_id: int,
    reply_to: int | None,
    author: Person,
    text: str,
    heard: Verdict,
    origin: str,
    to_bot: bool = False,
    thread_id: int | None = None,
) -> bool:
    """Words that ask how a complaint is going and are no complaint themselves — or only chase
    one, naming no problem of their own ("咋还没人来", "好几天了还没修") —, and "？？？" under the
    bot's answer (`to_bot`): answered with where it stands — the ticket they answer (a reply
    to its report or acknowledgement), else her own tickets in this group of the problem the
    words name, else the group's open ones of that problem, else all her own (not for words a
    worker should judge: those name a problem of a ticket, or go to 研判), else — asked of no
    problem by a neighbour of no ticket — the group's open urgent ones. False when there is
    none to tell of (the words are heard as usual)."""
    chases = heard.named is None or heard.named in FOLLOW_UP_CATEGORIES
    if heard.urgent or (heard.is_complaint and not chases):
        return False
    if not asks_progress(text, under_the_bot=to_bot and reply_to is not None):
        return False
    unsure = heard.outcome(services.triage.band) == "unsure"
    problem = (heard.named or heard.guess) if unsure else heard.named
    tickets = await _asked_about(services, chat_id, reply_to, author, problem, strict=unsure)
    if not tickets:
        return False
    await tell_where_it_stands(services, chat_id, message_id, tickets, origin, thread_id)
    return True


async def tell_where_it_stands(
    services: Services,
    chat_id: int,
    message_id: int,
    tickets: list[Ticket],
    origin: str,
    thread_id: int | None = None,
) -> None:
    """Answer message `message_id` (whose origin is `origin`, in topic `thread_id`) with where
    each ticket stands: taken or waiting, its time limit, the worker's latest 进展, or its
    办理结果."""
    store, lines = services.stores.tickets, []
    for ticket in tickets:
        notes = [e.detail for e in await store.history(ticket.id) if e.action == "note"]
        latest = notes[-1] if notes and ticket.status is not Status.DONE else None
        seen = as_seen_in(ticket, chat_id)  # merged in from here: not the other group's flat
        lines.append(services.texts.where_it_stands(seen, services.clock(), latest))
    said = "\n".join(lines)
    # of one ticket: a worker's /note or /done in reply to it is about that one
    one = tickets[0].id if len(tickets) == 1 else None
    # several neighbours asking at once (a flood at 2 a.m.): the same answer once, not six times
    await answer(
        services, chat_id, said, reply_to=message_id, origin=progress_origin(origin),
        coalesce=True, ticket_id=one, thread_id=thread_id,
    )  # fmt: skip


async def _asked_about(
    services: Services,
    chat_id: int,
    reply_to: int | None,
    author: Person,
    named: str | None,
    *,
    strict: bool = False,
) -> list[Ticket]:
    """`strict`: words a worker should judge (研判) are about a ticket of the problem they name,
    or none — "路灯什么时候修" is not answered with her lift, and the street light not lost."""
    store = services.stores.tickets
    now = services.clock()

    def shown(ticket: Ticket) -> bool:  # archived, only while she may still reopen it
        return ticket.status in _SHOWN or (
            ticket.status in _ARCHIVED and services.loop.may_reopen(ticket, now)
        )

    if reply_to is not None:
        ticket = await store.ticket_of_message(chat_id, reply_to)
        return [ticket] if ticket is not None and shown(ticket) else []
    mine: list[Ticket] = []
    if author.id is not None:
        hers = [t for t, _ in await store.of_household(chat_id, author.id, closed=True)]
        mine = [t for t in hers if t.status in _SHOWN]  # those being handled first
        mine = mine or [t for t in hers if shown(t)]  # else one archived lately: done
    if named is not None:
        found = [t for t in mine if t.category == named]
        if not found:  # a neighbour's question about the lift everyone waits for
            found = [t for t in await store.list_active(chat_id) if t.category == named]
        mine = found or ([] if strict else mine)  # 漏水 asked of her 公共设施 ticket: still hers
    elif strict:
        return []
    elif not mine:  # "有人管吗" from a neighbour of no ticket, as the group waits on a danger
        mine = [t for t in await store.list_active(chat_id, limit=_AT_MOST) if t.urgent]
    return mine[:_AT_MOST]
