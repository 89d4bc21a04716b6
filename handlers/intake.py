"""Ordinary group messages: the words worth reading go to the intake use cases."""

from __future__ import annotations

from telegram import Message, Update
from telegram.constants import MessageEntityType

from bot import texts
from bot.core.photos import Picture
from bot.runtime import photos, triage, usecases
from bot.runtime.context import BotContext
from bot.runtime.services import Services
from handlers.common import group_message, person_of, picture_of, thread_of
from handlers.mistyped import mistyped_command
from storage.acted import message_origin

__all__ = ["on_edited_command", "on_group_edit", "on_group_message"]


def _from_resident(message: Message) -> bool:
    """Said by a person in the group, as themselves (no bot, channel, forward or command)."""
    if message.from_user is None or message.from_user.is_bot or message.sender_chat is not None:
        return False
    # a command: ours are handled before; this one is another bot's, or none
    return not _forwarded(message) and not _is_command(message)


def _intake_text(message: Message) -> str | None:
    """The words of a resident's message worth classifying, or None (bots, channels, noise)."""
    if not _from_resident(message):
        return None
    text = message.text or message.caption or ""
    return text if text.strip() else None  # a long one is judged on its beginning


def _picture(message: Message) -> Picture | None:
    """A resident's photo (its largest size), if the message is or carries one."""
    return picture_of(message) if _from_resident(message) else None


def _voice_to_the_bot(message: Message, bot_id: int) -> bool:
    """A resident's voice message (or round video) answering one of the bot's messages: said
    to it, unlike the group's everyday voice messages, which it passes in silence."""
    replied = message.reply_to_message
    author = replied.from_user if replied is not None else None
    to_bot = author is not None and author.id == bot_id
    return to_bot and _from_resident(message) and bool(message.voice or message.video_note)


def _wide_slash(message: Message, services: Services) -> bool:
    """A worker's words opening with a Chinese keyboard's slash (`／done 12`)."""
    starts = (message.text or "").startswith(texts.WIDE_SLASH)
    return starts and _from_worker(message, services) and not _forwarded(message)


def _forwarded(message: Message) -> bool:
    return message.forward_origin is not None or bool(message.is_automatic_forward)


def _from_worker(message: Message, services: Services) -> bool:
    """A worker or an admin, speaking as themselves (whose slips are worth correcting)."""
    user = message.from_user
    return (
        user is not None
        and message.sender_chat is None
        and services.config.roles.is_worker(user.id)
    )


def _is_command(message: Message) -> bool:
    """It starts with a command, in its text or in its caption (a photo's "/done 3 已修好")."""
    marks = message.entities or message.caption_entities
    first = marks[0] if marks else None
    return first is not None and first.type == MessageEntityType.BOT_COMMAND and first.offset == 0


async def on_group_message(update: Update, context: BotContext) -> None:
    """Note the group and the speaker; file what is a complaint."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    left = message.left_chat_member
    if left is not None and left.id == context.bot.id:  # "removed 院子": not a sign of life
        return
    user = message.from_user
    speaker = person_of(user) if user is not None and not user.is_bot else None
    services = context.services
    moved = await services.stores.chats.moved_to(chat.id)
    if moved is None:  # a group that moved is not brought back to life by its late messages
        await usecases.seen_in_group(
            services, chat.id, chat.title, chat.type, speaker, bool(chat.is_forum)
        )
    if _wide_slash(message, services) and await mistyped_command(services, message):
        return  # a worker's `／done 12`: answered with the command meant, not heard as words
    # the office's own chat: staff talking of a building file no complaint (a slip of a
    # worker's command there is still answered, below)
    heard_here = not await usecases.is_staff_chat(services, chat.id)
    text, picture = _intake_text(message), _picture(message)
    if heard_here and (text is not None or picture is not None):
        heard = group_message(message, text or "", picture)
        await photos.hear_with_photo(
            services, heard if moved is None else heard.in_supergroup(moved)
        )
    elif heard_here and moved is None and _voice_to_the_bot(message, context.bot.id):
        await usecases.answer(  # once, however often the update is handled
            services, chat.id, texts.VOICE_TO_BOT, reply_to=message.message_id,
            origin=f"{message_origin(chat.id, message.message_id)}:voice",
            thread_id=thread_of(message),
        )  # fmt: skip
    elif _is_command(message) and _from_worker(message, services) and not _forwarded(message):
        await mistyped_command(services, message)


async def on_group_edit(update: Update, context: BotContext) -> None:
    """An edited report keeps its ticket; an edit that now reads as a complaint is filed; an
    edited answer to the bot is heard as that answer (a verdict, a reason) once."""
    message = update.edited_message
    if message is not None and await usecases.is_staff_chat(context.services, message.chat_id):
        return  # nothing said there is heard as a complaint, edited or not
    if message is not None and (text := _intake_text(message)) is not None:
        heard = group_message(message, text)
        if (moved := await context.services.stores.chats.moved_to(message.chat_id)) is not None:
            heard = heard.in_supergroup(moved)
        if not await triage.edited_while_waiting(context.services, heard):
            await usecases.hear_edit(context.services, heard)


async def on_edited_command(update: Update, context: BotContext) -> None:
    """A command edited after it was sent is not run again (it may have run already): the
    sender is told to send the corrected one anew, once per edit."""
    message = update.edited_message
    if message is None or message.from_user is None or message.from_user.is_bot:
        return
    words = (message.text or message.caption or "").split(maxsplit=1)
    addressed = words[0].partition("@")[2] if words else ""
    if addressed and addressed.lower() != (context.bot.username or "").lower():
        return  # another bot's command
    edited = int(message.edit_date.timestamp()) if message.edit_date else 0
    origin = f"{message_origin(message.chat_id, message.message_id)}:edited:{edited}"
    await usecases.answer(
        context.services,
        message.chat_id,
        texts.EDITED_COMMAND,
        reply_to=message.message_id,
        origin=origin,
        thread_id=thread_of(message),
    )
