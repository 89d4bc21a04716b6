"""The office desk's pages (bot/desk): what they say above a list or a ticket, in plain text
(the desk's templates escape every value)."""

from __future__ import annotations

__all__ = [
    "DESK_MERGE_NUMBER",
    "DESK_NOTE_EMPTY",
    "DESK_PERIODS",
    "desk_no_ticket",
    "desk_unread_day",
]

DESK_PERIODS = ("今天", "近7天", "近30天")  # the periods of the overview's three rates


def desk_unread_day(typed: str) -> str:
    """On the desk's ticket list: a date filter it could not read (left out, not an error)."""
    return f"日期“{typed}”看不懂，这个条件没有用上；请写成 2026-11-01 这样。"


DESK_MERGE_NUMBER = "请填写要并入本件的诉求编号，例如 15 或 #15。"
DESK_NOTE_EMPTY = "进展没有内容，请写上要告诉居民的进展。"


def desk_no_ticket(typed: str) -> str:
    """A ticket's address on the desk with no such ticket (an old link, a number mistyped)."""
    return f"没有找到诉求 {typed}，编号可能写错了。"
