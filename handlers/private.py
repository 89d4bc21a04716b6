"""Private chats with the bot: /mine for residents, /todo for workers."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot import texts
from bot.runtime.services import Services
from handlers.common import is_group, reply, require_worker

__all__ = ["mine", "todo"]


async def mine(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The resident's own tickets across every group."""
    services, message, user = Services.of(context), update.effective_message, update.effective_user
    if message is None or user is None:
        return
    if is_group(update):
        await reply(services, message, texts.PRIVATE_ONLY)
        return
    tickets = await services.tickets.of_reporter(user.id)
    await reply(services, message, services.texts.mine(tickets, services.clock()))


async def todo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A worker's open tickets, the one due soonest first."""
    services, message, user = Services.of(context), update.effective_message, update.effective_user
    if message is None or user is None:
        return
    if is_group(update):
        await reply(services, message, texts.PRIVATE_ONLY)
        return
    if not await require_worker(services, update):
        return
    tickets = await services.tickets.of_assignee(user.id)
    unassigned = await services.tickets.count_unassigned()
    await reply(services, message, services.texts.todo(tickets, unassigned, services.clock()))
