"""The bot added to or removed from a group, and groups that became supergroups."""

from __future__ import annotations

import logging

from telegram import ChatMember, Update
from telegram.ext import ContextTypes

from bot.runtime.services import Services

__all__ = ["migrate_chat", "on_membership", "on_migration"]

log = logging.getLogger(__name__)

_PRESENT = (ChatMember.MEMBER, ChatMember.ADMINISTRATOR, ChatMember.OWNER, ChatMember.RESTRICTED)


async def migrate_chat(services: Services, old_chat_id: int, new_chat_id: int) -> None:
    """Move a group's tickets, reports and records to its new supergroup id."""
    moved = await services.tickets.move_chat(old_chat_id, new_chat_id)
    await services.chats.move(old_chat_id, new_chat_id, services.clock())
    log.info("group %s is now %s; %d ticket(s) moved", old_chat_id, new_chat_id, moved)


async def on_membership(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stop posting in a group that removed the bot; resume when it is added back."""
    services, change = Services.of(context), update.my_chat_member
    if change is None or change.chat.type not in ("group", "supergroup"):
        return
    present = change.new_chat_member.status in _PRESENT
    now = services.clock()
    if present:
        await services.chats.seen(change.chat.id, change.chat.title, change.chat.type, now)
    await services.chats.set_active(change.chat.id, present, now)
    log.info("bot %s group %s", "added to" if present else "removed from", change.chat.id)
    if present:
        services.posts.kick(change.chat.id)


async def on_migration(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None and message.migrate_to_chat_id:
        await migrate_chat(Services.of(context), message.chat_id, message.migrate_to_chat_id)
