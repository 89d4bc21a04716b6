"""Inline buttons and their callback data (`take:12`, `rate:12:s`)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.tickets import Rating

__all__ = ["RATING_CODES", "parse_callback", "rating_buttons", "take_button"]

RATING_CODES = {"s": Rating.SATISFIED, "b": Rating.BASICALLY_SATISFIED, "d": Rating.DISSATISFIED}


def take_button(ticket_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton("接单", callback_data=f"take:{ticket_id}")]])


def rating_buttons(ticket_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("满意", callback_data=f"rate:{ticket_id}:s"),
                InlineKeyboardButton("基本满意", callback_data=f"rate:{ticket_id}:b"),
                InlineKeyboardButton("不满意", callback_data=f"rate:{ticket_id}:d"),
            ]
        ]
    )


def parse_callback(data: str | None) -> tuple[str, int, str] | None:
    """`rate:12:s` → ("rate", 12, "s"); anything malformed → None."""
    if not data:
        return None
    parts = data.split(":")
    if len(parts) not in (2, 3) or not parts[1].isdigit() or len(parts[1]) > 15:
        return None
    return parts[0], int(parts[1]), parts[2] if len(parts) == 3 else ""
