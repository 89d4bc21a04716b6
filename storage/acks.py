"""Acknowledgements still to post: which reports wait for one, and marking them sent."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.core.tickets import Person, Ticket
from storage.rows import TICKET_COLUMNS, ticket_from_row
from storage.sql import Conn

__all__ = ["PendingAck", "folded", "mark_acked", "pending_ack", "pending_acks_query"]

_T_COLUMNS = ", ".join(f"t.{c.strip()}" for c in TICKET_COLUMNS.split(","))


@dataclass(frozen=True)
class PendingAck:
    """A report whose acknowledgement has not been sent yet."""

    report_id: int
    chat_id: int
    message_id: int
    ticket: Ticket
    is_first_report: bool
    author: Person
    # the report the group hears an urgent ticket's danger on: the first that told of one
    # (a danger joining a problem filed before), else the ticket's first report
    alarm: bool = False
    text: str = ""
    again: bool = False  # its author had reported this ticket already (she adds to her own)
    # its topic (it may be deleted before it is acknowledged — a 研判 item before it is filed:
    # a reply to it would land in General)
    thread_id: int | None = None

    @property
    def folded(self) -> tuple[Ticket, bool, Person]:
        """What a folded acknowledgement says of it: her own ticket is named as hers, not as
        "merged" into it with a count of households that is only herself."""
        return self.ticket, self.is_first_report or self.again, self.author


def folded(acks: Sequence[PendingAck]) -> tuple[list[tuple[Ticket, bool, Person]], set[int]]:
    """What a folded acknowledgement says of these reports, and the tickets they only add to:
    her own words added to her ticket acknowledged already ("补充一下 卡在5楼了"), nothing else
    of it among them — said to be 已记入, not acknowledged again as if a new one."""
    added = {p.ticket.id for p in acks if p.again and not p.is_first_report}
    added -= {p.ticket.id for p in acks if p.is_first_report or not p.again}
    return [p.folded for p in acks], added


def pending_acks_query(chat_id: int | None, limit: int | None) -> tuple[str, tuple[Any, ...]]:
    """The reports waiting for an acknowledgement (of one group, or all): a danger's alarm
    first, then oldest first; at most `limit`."""
    where = "r.ack_state = 'pending'" + (" AND r.chat_id = ?" if chat_id is not None else "")
    params: tuple[Any, ...] = (chat_id,) if chat_id is not None else ()
    sql = (
        "SELECT * FROM (SELECT r.id AS report_id, r.chat_id AS report_chat_id, "
        "r.message_id, r.user_id AS author_id, r.display_name AS author_name, "
        "r.id = (SELECT min(id) FROM reports WHERE ticket_id = t.id) AS is_first, "
        "r.id = COALESCE((SELECT min(id) FROM reports WHERE ticket_id = t.id AND urgent = 1), "
        "(SELECT min(id) FROM reports WHERE ticket_id = t.id)) AS alarm, "
        "r.text AS report_text, EXISTS (SELECT 1 FROM reports o WHERE o.ticket_id = t.id "
        "AND o.user_id = r.user_id AND o.id < r.id) AS again, r.thread_id AS thread_id, "
        f"{_T_COLUMNS} "
        f"FROM reports r JOIN tickets t ON t.id = r.ticket_id WHERE {where}) AS p "
        "ORDER BY CASE WHEN p.urgent = 1 AND p.alarm THEN 0 ELSE 1 END, p.report_id"
    )
    if limit is None:
        return sql, params
    return f"{sql} LIMIT ?", (*params, limit)


def pending_ack(row: Any) -> PendingAck:
    """One row of `pending_acks_query`."""
    return PendingAck(
        row["report_id"],
        row["report_chat_id"],
        row["message_id"],
        ticket_from_row(row),
        bool(row["is_first"]),
        Person(row["author_id"], row["author_name"]),
        bool(row["alarm"]),
        row["report_text"],
        bool(row["again"]),
        row["thread_id"],
    )


def mark_acked(conn: Conn, report_ids: Sequence[int], message_id: int | None) -> None:
    """The reports' acknowledgement was posted (as message `message_id`; work for the writer's
    thread)."""
    conn.executemany(
        "UPDATE reports SET ack_state = 'sent', ack_message_id = ? WHERE id = ?",
        [(message_id, rid) for rid in report_ids],
    )
