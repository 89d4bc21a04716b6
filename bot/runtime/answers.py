"""Answers and announcements: queued in the outbox and posted in their turn, once per origin."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.runtime.group_message import GroupMessage
from bot.runtime.services import Services
from storage.chats import retired_id

__all__ = ["answer", "answer_message"]


async def answer(
    services: Services,
    chat_id: int,
    text: str,
    *,
    reply_to: int | None = None,
    origin: str | None = None,
    markup: InlineKeyboardMarkup | None = None,
    coalesce: bool = False,
    ticket_id: int | None = None,
    thread_id: int | None = None,
) -> None:
    """Post `text` in its turn (paced, kept until sent); with an `origin`, once however often
    the update it answers is handled; with `coalesce`, not while the same text still waits
    there (an answer that says nothing new). `ticket_id`: the one ticket it speaks of, so that
    a worker's /done or /note in reply to it is about that ticket (and, in a group with
    topics, it answers the ticket's report there: it lands in the resident's topic, as every
    notice of one ticket does, `storage.rows.topic_of`). `thread_id`: the topic of the message
    it answers, where it goes even once that message is deleted (a reply to a message no
    longer there is sent as none, and without its topic it would land in General)."""
    if chat_id < 0 and (moved := await services.stores.chats.moved_to(chat_id)) is not None:
        chat_id = moved  # a late answer to a group that became a supergroup: said there
        reply_to = None if reply_to is None else retired_id(reply_to)
    await services.stores.outbox.reply(
        chat_id,
        text,
        services.clock(),
        reply_to=reply_to,
        origin=origin,
        markup=markup.to_dict() if markup is not None else None,
        coalesce=coalesce,
        ticket_id=ticket_id,
        thread_id=thread_id,
    )
    services.posts.kick(chat_id)


async def answer_message(
    services: Services,
    message: GroupMessage,
    text: str,
    *,
    origin: str,
    ticket_id: int | None = None,
) -> None:
    """Answer a group message as a reply to it, in its topic (in a group with topics): there
    even when it was deleted before the answer went out."""
    await answer(
        services,
        message.chat_id,
        text,
        reply_to=message.message_id,
        origin=origin,
        ticket_id=ticket_id,
        thread_id=message.thread_id,
    )
