"""Ordinary group messages: classify, file complaints as tickets, acknowledge them."""

from __future__ import annotations

from datetime import timedelta

from telegram import Message, Update
from telegram.ext import ContextTypes

from bot.classify import Verdict
from bot.core.loop import is_me_too
from bot.core.tickets import Ticket
from bot.runtime.services import Services
from handlers.common import person_of
from storage.tickets import NewReport

__all__ = ["MAX_INTAKE_CHARS", "file_complaint", "on_group_edit", "on_group_message"]

# Longer texts are pasted articles or spam, not a resident describing a problem (/new still works).
MAX_INTAKE_CHARS = 1500
# A bare "+1" joins the group's latest complaint if that was reported this recently.
ME_TOO_WINDOW = timedelta(hours=1)


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
    services: Services,
    message: Message,
    text: str,
    *,
    assume_complaint: bool = False,
    verdict: Verdict | None = None,
    into: Ticket | None = None,
) -> bool:
    """File `text` (idempotently) as a complaint, or into `into`; queue its acknowledgement."""
    if verdict is None:
        verdict = services.classifier.classify(text, assume_complaint=assume_complaint)
    category = into.category if into is not None else verdict.category
    if category is None or (into is None and not verdict.is_complaint):
        return False
    await services.tickets.file_report(
        NewReport(
            chat_id=message.chat_id,
            message_id=message.message_id,
            author=person_of(message.from_user),
            text=text,
            received_at=services.clock(),
            category=category,
            urgent=verdict.urgent,
            location=verdict.location,
        ),
        into=into.id if into is not None else None,
    )
    services.posts.kick(message.chat_id)
    return True


async def _me_too_target(services: Services, message: Message, text: str) -> Ticket | None:
    """The open ticket a reply (to a report or its acknowledgement) or a bare "+1" is about."""
    replied = message.reply_to_message
    if replied is not None:
        ticket = await services.tickets.ticket_of_message(message.chat_id, replied.message_id)
        return ticket if ticket is not None and ticket.status.is_active else None
    if is_me_too(text):
        since = services.clock() - ME_TOO_WINDOW
        return await services.tickets.latest_active(message.chat_id, since)
    return None


async def _answer_to_prompt(services: Services, message: Message, text: str) -> bool:
    """A reporter's reply to "why not satisfied?": kept as the reason and passed to the worker."""
    replied = message.reply_to_message
    if replied is None or replied.from_user is None or not replied.from_user.is_bot:
        return False
    prompt = await services.outbox.prompt(message.chat_id, replied.message_id)
    author = person_of(message.from_user)
    if prompt is None or prompt.kind != "reason" or prompt.user_id != author.id:
        return False
    now = services.clock()
    await services.actions.set_reason(prompt.ticket_id, author, text[:500], now)
    ticket = await services.tickets.get(prompt.ticket_id)
    await services.messenger.send(
        message.chat_id,
        services.texts.reason_forwarded(ticket, author, text),
        reply_to=message.message_id,
    )
    return True


async def _note_speaker(services: Services, update: Update) -> None:
    chat, message = update.effective_chat, update.effective_message
    if chat is None or message is None:
        return
    now = services.clock()
    await services.chats.seen(chat.id, chat.title, chat.type, now)
    if message.from_user is not None and not message.from_user.is_bot:
        services.chats.remember_member(person_of(message.from_user), now)


async def on_group_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    services = Services.of(context)
    message = update.effective_message
    if message is None:
        return
    await _note_speaker(services, update)
    text = _intake_text(message)
    if text is None or await _answer_to_prompt(services, message, text):
        return
    verdict = services.classifier.classify(text)
    target = await _me_too_target(services, message, text)
    joins = target is not None and (
        is_me_too(text) or (verdict.is_complaint and verdict.category == target.category)
    )
    await file_complaint(services, message, text, verdict=verdict, into=target if joins else None)


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
