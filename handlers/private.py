"""Private chats with the bot: /mine for residents, /todo for workers, and a pointer to /help
for anything else."""

from __future__ import annotations

from bot import texts
from handlers.common import Asked, command

__all__ = ["anything_else", "mine", "todo"]


@command(where="private")
async def mine(asked: Asked) -> None:
    """The resident's own tickets across every group."""
    services = asked.services
    if asked.actor.id is not None:
        tickets = await services.stores.tickets.of_reporter(asked.actor.id)
        await asked.answer(services.texts.mine(tickets, services.clock()))


@command(where="private", workers_only=True)
async def todo(asked: Asked) -> None:
    """A worker's open tickets, the one due soonest first."""
    services = asked.services
    assert asked.actor.id is not None  # a worker has an id
    tickets = await services.stores.tickets.of_assignee(asked.actor.id)
    unassigned = await services.stores.tickets.count_unassigned()
    said = services.texts.todo(tickets, unassigned, services.clock())
    waiting = await services.stores.triage.pending(limit=20)
    if waiting:
        titles = {
            g.chat_id: g.title or str(g.chat_id)
            for g in await services.stores.chats.active_groups()
        }
        said += "\n\n" + texts.triage_queue(waiting, titles)
    await asked.answer(said)


@command(where="private")
async def anything_else(asked: Asked) -> None:
    """A command the bot does not have, or plain words: say where complaints go."""
    text = asked.message.text or ""
    await asked.answer(texts.UNKNOWN_COMMAND if text.startswith("/") else texts.PRIVATE_WORDS)
