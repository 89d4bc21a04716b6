"""Inline buttons and their callback data (`take:12`, `rate:12:s`)."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import texts
from bot.core.tickets import Rating, Status
from storage.acks import PendingAck

__all__ = [
    "RATING_CODES",
    "ack_buttons",
    "callback_round",
    "category_buttons",
    "parse_callback",
    "rating_buttons",
    "rating_target",
    "take_button",
    "triage_buttons",
]

RATING_CODES = {"s": Rating.SATISFIED, "b": Rating.BASICALLY_SATISFIED, "d": Rating.DISSATISFIED}


def take_button(ticket_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(texts.TAKE_BUTTON, callback_data=f"take:{ticket_id}")]]
    )


def triage_buttons(item_id: int) -> InlineKeyboardMarkup:
    """登记为诉求 · 改类别 · 不是诉求, under a 研判 notice."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(texts.TRIAGE_FILE_BUTTON, callback_data=f"triage:{item_id}:f"),
                InlineKeyboardButton(
                    texts.TRIAGE_CATEGORY_BUTTON, callback_data=f"triage:{item_id}:c"
                ),
                InlineKeyboardButton(
                    texts.TRIAGE_DISMISS_BUTTON, callback_data=f"triage:{item_id}:d"
                ),
            ]
        ]
    )


def category_buttons(item_id: int, names: dict[str, str]) -> InlineKeyboardMarkup:
    """One button per category, three to a row: choosing one files the 研判 item under it; and
    不是诉求 below them, for a worker who chose 改类别 and then thought better of it."""
    buttons = [
        InlineKeyboardButton(name, callback_data=f"tcat:{item_id}:{category}")
        for category, name in names.items()
        if len(f"tcat:{item_id}:{category}".encode()) <= 64  # Telegram's limit
    ]
    rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
    dismiss = InlineKeyboardButton(texts.TRIAGE_DISMISS_BUTTON, callback_data=f"triage:{item_id}:d")
    return InlineKeyboardMarkup([*rows, [dismiss]])


def ack_buttons(pending: PendingAck) -> InlineKeyboardMarkup | None:
    """The 接单 button under the acknowledgement of a ticket nobody has taken yet (and under
    the danger's own, when a danger joined it)."""
    alarm = pending.alarm and pending.ticket.urgent
    if (pending.is_first_report or alarm) and pending.ticket.status is Status.OPEN:
        return take_button(pending.ticket.id)
    return None


def rating_buttons(ticket_id: int, done_round: int) -> InlineKeyboardMarkup:
    """满意 · 基本满意 · 不满意, for the verdicts of the ticket's `done_round`-th /done
    (`rate:12:s:2`): a button left from an earlier round is refused, not counted."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(label, callback_data=f"rate:{ticket_id}:{code}:{done_round}")
                for label, code in (
                    (texts.RATE_YES_BUTTON, "s"),
                    (texts.RATE_BASIC_BUTTON, "b"),
                    (texts.RATE_NO_BUTTON, "d"),
                )
            ]
        ]
    )


def _plain_number(text: str, digits: int) -> bool:
    """ASCII digits only, at most `digits` of them ("²" and "３" are digits to str.isdigit)."""
    return text.isascii() and text.isdigit() and len(text) <= digits


def parse_callback(data: str | None) -> tuple[str, int, str] | None:
    """`rate:12:s` (or `rate:12:s:2`) → ("rate", 12, "s"); anything malformed → None."""
    if not data:
        return None
    parts = data.split(":")
    if len(parts) not in (2, 3, 4) or not _plain_number(parts[1], 15):
        return None
    if len(parts) == 4 and not _plain_number(parts[3], 6):
        return None
    return parts[0], int(parts[1]), parts[2] if len(parts) >= 3 else ""


def callback_round(data: str | None) -> int | None:
    """The round a rating button belongs to (`rate:12:s:2` → 2); None for buttons posted
    before rounds were marked, which count for the round open now."""
    parts = (data or "").split(":")
    return int(parts[3]) if len(parts) == 4 and _plain_number(parts[3], 6) else None


def rating_target(markup: dict[str, Any] | None) -> tuple[int, int | None] | None:
    """The ticket and round a posted notice's rating buttons are for, if it has them."""
    for row in (markup or {}).get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data") if isinstance(button, dict) else None
            parsed = parse_callback(data)
            if parsed is not None and parsed[0] == "rate":
                return parsed[1], callback_round(data)
    return None
