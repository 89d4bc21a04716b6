"""What the office asks the bot for: a ticket raised a level by hand (督办), and in a chat the
ledger workbook and the pictures, made and posted in their turn through the outbox."""

from __future__ import annotations

from bot.core import permissions
from bot.core.loop import MAX_LEVEL, escalation_chat
from bot.core.permissions import Reason, Refused
from bot.core.tickets import Ticket
from bot.core.timeutil import Month
from bot.runtime.alerts import alerts_again
from bot.runtime.attachments import charts_request, ledger_request, photos_request
from bot.runtime.delivery import ATTACHMENTS_KIND, LEDGER_KIND, PHOTOS_KIND
from bot.runtime.groups import as_now
from bot.runtime.merged_escalations import merged_copies
from bot.runtime.services import Services
from bot.runtime.usecases import Act

__all__ = ["escalate", "send_charts", "send_ledger", "send_photos"]


async def send_ledger(
    services: Services, chat_id: int, month: Month | None, origin: str | None = None
) -> None:
    """The ledger workbook (all tickets, or those reported in `month`), made and posted in
    its turn (once per origin)."""
    body = ledger_request(month, services.clock())
    await _post_file(services, chat_id, LEDGER_KIND, body, origin)


async def send_charts(
    services: Services, chat_id: int, scope: int | None, origin: str | None = None
) -> None:
    """The last four weeks by category and status and the three rates' trend, as pictures:
    of one group, or (scope None) of the whole community; drawn when their turn comes."""
    body = charts_request(scope, services.clock())
    await _post_file(services, chat_id, ATTACHMENTS_KIND, body, origin)


async def send_photos(services: Services, chat_id: int, ticket_id: int, origin: str) -> None:
    """A ticket's photos, sent on to a worker by their Telegram ids, in their turn."""
    body = photos_request(ticket_id, services.clock())
    await _post_file(services, chat_id, PHOTOS_KIND, body, origin)


async def _post_file(
    services: Services, chat_id: int, kind: str, body: str, origin: str | None
) -> None:
    await services.stores.outbox.add(chat_id, kind, body, services.clock(), origin=origin)
    services.posts.kick(chat_id)


async def escalate(services: Services, act: Act, seen_level: int | None = None) -> Ticket:
    """The office raises an active ticket one level now (督办), posted as the schedule posts a
    deadline's escalation (an urgent one nobody took tells the workers again in private); a
    level reached already is not reached again, and whoever asked for it is told so (two staff
    pressing at once: the writer raises it for the first, the second is refused). `seen_level`:
    the level the office saw when it asked (a form sent twice raises one level, not two)."""
    permissions.require_worker(services.config.roles, act.actor.id)
    ticket = await services.stores.tickets.get(act.ticket_id, chat_id=act.scope)
    if seen_level is not None and seen_level != ticket.escalation_level:
        # raised since the page was shown: by this very form sent twice, or by the clock
        raise Refused(Reason.ESCALATED_MEANWHILE, ticket)
    level = ticket.escalation_level + 1
    if not ticket.status.is_active or level > MAX_LEVEL:
        raise Refused(Reason.ESCALATE_NOT_NOW, ticket)
    now, config = services.clock(), services.config
    group = await services.stores.chats.get(ticket.chat_id)
    chat_id = escalation_chat(
        await as_now(services, config.escalation.chat_for(level)),
        ticket.chat_id,
        level,
        bot_in_group=group is None or group.active,
        by_hand=True,
    )
    title, here = group.title if group else None, chat_id == ticket.chat_id
    body = services.texts.escalation(ticket, level, title, now, in_its_group=here)
    again = await alerts_again(services, ticket, level)  # untaken danger: the workers again
    copies = {ticket.id: await merged_copies(services, ticket, level, now, by_hand=True)}
    raised = await services.stores.actions.escalate_together(
        [ticket.id], level, now, chat_id, lambda _: body, now, {ticket.id: again}, copies
    )
    after = await services.stores.tickets.get(ticket.id)
    if not raised:  # raised (or finished) since it was read above: nothing done, nothing said
        active = after.status.is_active
        raise Refused(Reason.ESCALATED_MEANWHILE if active else Reason.ESCALATE_NOT_NOW, after)
    told = [a.chat_id for a in again] + [c.chat_id for c in copies[ticket.id]]
    for chat in {*([chat_id] if chat_id is not None else []), *told}:
        services.posts.kick(chat)
    return after
