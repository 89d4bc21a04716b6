"""A notice waiting in the outbox, as the poster reads it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.db import from_db_time

__all__ = ["NOTICE_COLUMNS", "Notice", "notice_from_row"]


@dataclass(frozen=True)
class Notice:
    id: int
    chat_id: int
    kind: str
    ticket_id: int | None
    body: str
    markup: dict[str, Any] | None
    not_before: datetime
    reply_to: int | None = None
    tries: int = 0
    tickets: tuple[int, ...] = ()  # those a notice of several tickets speaks of
    queued_at: datetime | None = None  # when it was queued: its words say things as of then
    # the topic it goes to (its ticket's, in a group with topics), whether or not the report it
    # answers is still there
    thread_id: int | None = None

    @property
    def about(self) -> tuple[int, ...]:
        """The tickets it speaks of: its one ticket, or the several a reminder lists."""
        return (self.ticket_id,) if self.ticket_id is not None else self.tickets


NOTICE_COLUMNS = (
    "id, chat_id, kind, ticket_id, body, markup, not_before, reply_to, tries, tickets, "
    "created_at, thread_id"
)


def notice_from_row(row: Any) -> Notice:
    not_before = from_db_time(row["not_before"])
    assert not_before is not None  # NOT NULL in the schema
    return Notice(
        id=row["id"],
        chat_id=row["chat_id"],
        kind=row["kind"],
        ticket_id=row["ticket_id"],
        body=row["body"],
        markup=json.loads(row["markup"]) if row["markup"] else None,
        not_before=not_before,
        reply_to=row["reply_to"],
        tries=row["tries"],
        tickets=tuple(json.loads(row["tickets"])) if row["tickets"] else (),
        queued_at=from_db_time(row["created_at"]),
        thread_id=row["thread_id"],
    )
