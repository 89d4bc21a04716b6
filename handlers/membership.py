"""The bot added to or removed from a group, and groups that became supergroups."""

from __future__ import annotations

from telegram import ChatMember, Update

from bot.runtime import usecases
from bot.runtime.context import BotContext

__all__ = ["on_membership", "on_migration"]

_PRESENT = (ChatMember.MEMBER, ChatMember.ADMINISTRATOR, ChatMember.OWNER, ChatMember.RESTRICTED)


async def on_membership(update: Update, context: BotContext) -> None:
    """Stop posting in a group that removed the bot; resume when it is added back."""
    change = update.my_chat_member
    if change is None or change.chat.type not in ("group", "supergroup"):
        return
    present = change.new_chat_member.status in _PRESENT
    chat = change.chat
    await usecases.set_membership(
        context.services, chat.id, chat.title, chat.type, present, bool(chat.is_forum)
    )


async def on_migration(update: Update, context: BotContext) -> None:
    """A group became a supergroup: its tickets and records follow it to the new id."""
    message = update.effective_message
    if message is not None and message.migrate_to_chat_id:
        await usecases.move_group(context.services, message.chat_id, message.migrate_to_chat_id)
