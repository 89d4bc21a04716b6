"""Answers and announcements: queued in the outbox and posted in their turn, once per origin."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.runtime.services import Services

__all__ = ["answer"]


async def answer(
    services: Services,
    chat_id: int,
    text: str,
    *,
    reply_to: int | None = None,
    origin: str | None = None,
    markup: InlineKeyboardMarkup | None = None,
    coalesce: bool = False,
) -> None:
    """Post `text` in its turn (paced, kept until sent); with an `origin`, once however often
    the update it answers is handled; with `coalesce`, not while the same text still waits
    there (an answer that says nothing new)."""
    await services.stores.outbox.reply(
        chat_id,
        text,
        services.clock(),
        reply_to=reply_to,
        origin=origin,
        markup=markup.to_dict() if markup is not None else None,
        coalesce=coalesce,
    )
    services.posts.kick(chat_id)
