"""What a 督办 says besides its notice: the call to the workers on duty under an untaken
danger, and the copies for the groups whose reports went into its ticket (merged across
groups) — they were told its progress would be announced there, and its 督办 is progress."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from bot import texts
from bot.core.loop import escalation_chat
from bot.core.tickets import Ticket
from bot.runtime.groups import as_now
from bot.runtime.late_escalations import seen_in
from bot.runtime.services import Services
from storage.supervision import GroupCopy

__all__ = ["merged_copies", "untaken_call"]

Call = Callable[[list[int]], str | None]


async def untaken_call(services: Services, tickets: Sequence[Ticket], reached: bool) -> Call:
    """The line a level-1 notice ends with when it raises urgent tickets nobody has taken:
    the workers on duty mentioned, as in the urgent acknowledgement (`reached`: whether they
    were told again in private); nothing for the others."""
    untaken = {t.id for t in tickets if t.urgent and t.assignee_id is None}
    on_duty = services.config.on_duty(services.clock()) if untaken else frozenset()
    duty = await services.stores.chats.reach(on_duty)
    workers = [person for person, _ in duty]
    unreached = [person for person, reachable in duty if not reachable]

    def call(ids: list[int]) -> str | None:
        numbers = [i for i in ids if i in untaken]
        if not numbers:
            return None
        return texts.untaken_call(numbers if len(ids) > 1 else [], workers, reached, unreached)

    return call


async def merged_copies(
    services: Services,
    ticket: Ticket,
    level: int,
    now: datetime,
    call: Call | None = None,
    *,
    by_hand: bool = False,
) -> list[GroupCopy]:
    """The 督办 of `ticket` said in its own group is said, once, in each other group whose
    report it holds and where the bot still is, as that group sees it (`seen_in`), with the
    `call` to the workers that its group hears — also when its own group removed the bot (it
    would have been said there); none when it is said in an office's chat (no group hears that
    level). `by_hand`: raised by the office (its own group hears every level)."""
    stores = services.stores
    configured = await as_now(services, services.config.escalation.chat_for(level))
    home = ticket.chat_id
    if escalation_chat(configured, home, level, bot_in_group=True, by_hand=by_hand) != home:
        return []
    own = await stores.chats.get(ticket.chat_id)
    titles = {ticket.id: own.title if own else None}
    copies: list[GroupCopy] = []
    for group_id in await stores.tickets.other_groups(ticket):
        group = await stores.chats.get(group_id)
        if group is None or not group.active or group.ledger_only:
            continue
        seen = await seen_in(stores.tickets, ticket, group_id)
        said = texts.compose_escalations([seen], level, titles, now, services.texts, group_id)
        line = call([ticket.id]) if call is not None else None
        origin = f"escalate:{ticket.id}:level{level}:round{ticket.reopened}:{group_id}"
        copies.append(GroupCopy(group_id, f"{said}\n{line}" if line else said, origin))
    return copies
