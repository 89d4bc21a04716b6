"""A group message heard before: its update handled again at a start, after the last process
failed or stopped once it had acted on it. The message does again only what its first hearing
did, found in what that hearing stored — never heard anew: the group has moved on since (her
ticket done meanwhile, her "电梯又坏了" heard again would be her 不满意 and reopen it; a
question asked since, a place, a verdict).

- Filed before: filed again, which files nothing new (a message is in at most one report) and
  does what a failure cut short — the workers' alerts, her messages that waited for 研判 going
  with its ticket, their notices settled.
- Queued for 研判: while it waits, the workers are told of it, once; judged since (不是诉求,
  or filed: then it is found as filed), nothing more.
- Answered as a progress question (told where her ticket stands): the answer is in the
  outbox under its origin, posted once; nothing more. (What else a message may be — her
  verdict, an answer the bot asked for — is stored with its origin, `storage.acted`, and its
  replay only says again, once, what it said.)

What stored nothing (chatter) is not found here: its hearing is known to have finished only by
its update's mark in the inbox, which is written before its group's next update is handled
(`polling.DurableProcessor`) — replayed, its hearing did not finish, or the process died in
the moment after it, before anything else was said in its group; heard again, it does what it
did then.
"""

from __future__ import annotations

from bot.classify import Verdict
from bot.runtime.hearing import GroupMessage, file_complaint, tell_of_triage
from bot.runtime.progress import progress_origin
from bot.runtime.services import Services
from bot.runtime.together import filed_in_pieces
from bot.runtime.triage_fold import said_plainly

__all__ = ["heard_before"]


async def heard_before(services: Services, message: GroupMessage, heard: Verdict) -> bool:
    """Whether the message was heard before (`heard`: the classifier's verdict on its words):
    then what its hearing did is done again, idempotently, and nothing else."""
    if await _filed_before(services, message, heard):
        return True
    item = await services.stores.triage.of_message(message.chat_id, message.message_id)
    if item is not None:
        if item.pending:
            await tell_of_triage(services, item, heard)
        return True
    return await services.stores.outbox.queued(progress_origin(message.origin))


async def _filed_before(services: Services, message: GroupMessage, heard: Verdict) -> bool:
    """Her message was filed (a ticket of its own, or joined to one): filed again into that
    ticket, whatever its status now; whether it was filed."""
    tickets = services.stores.tickets
    ticket = await tickets.ticket_of_message(message.chat_id, message.message_id)
    if ticket is None:
        return False
    reports = await tickets.reports_from(ticket.id, message.chat_id)
    report = next((r for r in reports if r.message_id == message.message_id), None)
    if report is None:  # (the number of an acknowledgement: not a resident's message)
        return False
    if await filed_in_pieces(services, message, ticket, report):
        return True
    filing = await file_complaint(services, message, verdict=heard, into=ticket)
    if filing is not None:
        await said_plainly(services, message, filing)
    return True
