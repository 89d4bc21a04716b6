"""The bot added to or removed from a group, and groups that became supergroups."""

from __future__ import annotations

from telegram import Update

from bot.runtime import usecases
from bot.runtime.context import BotContext
from handlers.common import person_of

__all__ = ["on_membership", "on_migration"]


async def on_membership(update: Update, context: BotContext) -> None:
    """Stop posting in a group that removed the bot; resume (and greet a new group) when it is
    added; tell the staff when, no longer its admin, it cannot read the group. Someone who
    blocks the bot in private is no longer written to, until they unblock it."""
    change = update.my_chat_member
    if change is None:
        return
    if change.chat.type == "private":
        status = change.new_chat_member.status
        await usecases.blocked_in_private(context.services, change.chat.id, status == "kicked")
        return
    if change.chat.type not in ("group", "supergroup"):
        return
    chat = change.chat
    await usecases.set_membership(
        context.services,
        chat.id,
        chat.title,
        chat.type,
        change.new_chat_member.status,
        before=change.old_chat_member.status,
        forum=bool(chat.is_forum),
        reads_all=bool(context.bot.bot.can_read_all_group_messages),
        added_by=person_of(change.from_user),
        occasion=update.update_id,
    )


async def on_migration(update: Update, context: BotContext) -> None:
    """A group became a supergroup: its tickets and records follow it to the new id."""
    message = update.effective_message
    if message is not None and message.migrate_to_chat_id:
        await usecases.move_group(context.services, message.chat_id, message.migrate_to_chat_id)
