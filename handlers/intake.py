"""Ordinary group messages: classify, file complaints as tickets, acknowledge them."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import ContextTypes

from bot.services import Services
from handlers.common import person_of
from storage.tickets import NewReport

__all__ = ["MAX_INTAKE_CHARS", "file_complaint", "on_group_edit", "on_group_message"]

# Longer texts are pasted articles or spam, not a resident describing a problem (/new still works).
MAX_INTAKE_CHARS = 1500


def _intake_text(message: Message) -> str | None:
    """The words of a resident's message worth classifying, or None (bots, channels, noise)."""
    if message.from_user is None or message.from_user.is_bot or message.sender_chat is not None:
        return None
    if message.forward_origin is not None or message.is_automatic_forward:
        return None
    text = message.text or message.caption or ""
    if not text.strip() or len(text) > MAX_INTAKE_CHARS:
        return None
    return text


async def file_complaint(
    services: Services, message: Message, text: str, *, assume_complaint: bool = False
) -> bool:
    """Classify `text`; a complaint is filed (idempotently) and its acknowledgement queued."""
    verdict = services.classifier.classify(text, assume_complaint=assume_complaint)
    if not verdict.is_complaint or verdict.category is None:
        return False
    await services.tickets.file_report(
        NewReport(
            chat_id=message.chat_id,
            message_id=message.message_id,
            author=person_of(message.from_user),
            text=text,
            received_at=services.clock(),
            category=verdict.category,
            urgent=verdict.urgent,
            location=verdict.location,
        )
    )
    services.acks.kick(message.chat_id)
    return True


async def _note_speaker(services: Services, update: Update) -> None:
    chat, message = update.effective_chat, update.effective_message
    if chat is None or message is None:
        return
    now = services.clock()
    await services.chats.seen(chat.id, chat.title, chat.type, now)
    if message.from_user is not None and not message.from_user.is_bot:
        await services.chats.remember_member(person_of(message.from_user), now)


async def on_group_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    services = Services.of(context)
    message = update.effective_message
    if message is None:
        return
    await _note_speaker(services, update)
    text = _intake_text(message)
    if text is not None:
        await file_complaint(services, message, text)


async def on_group_edit(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An edited report keeps its ticket; an edit that now reads as a complaint is filed."""
    services = Services.of(context)
    message = update.edited_message
    if message is None or (text := _intake_text(message)) is None:
        return
    report = await services.tickets.update_report_text(
        message.chat_id, message.message_id, text, services.clock()
    )
    if report is None:
        await file_complaint(services, message, text)
