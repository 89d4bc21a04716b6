"""Filing a report — the hot path of intake — as one piece of work for the writer's thread.

`TicketStore.file_report` hands `file_report` to `Database.write`: one hand-over, one
transaction (shared with the other writes arriving meanwhile), never a report filed twice.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal

from bot.core.loop import MergeCandidate, Repeat, find_duplicate, repeats_herself
from bot.core.tickets import DeadlinePolicy, Person, Report, Status, Ticket
from storage.db import from_db_time, to_db_time
from storage.photos import NewPhoto, attach_photos, keep_photo
from storage.rows import (
    ACTIVE,
    find_ticket,
    insert_event,
    recount_households,
    report_from_row,
    select_ticket,
    update_ticket,
)
from storage.sql import Conn

__all__ = ["Filing", "NewReport", "edit_report", "file_report"]


@dataclass(frozen=True)
class NewReport:
    """A group message judged to be a complaint, before it is stored."""

    chat_id: int
    message_id: int
    author: Person
    text: str
    received_at: datetime
    category: str
    urgent: bool
    location: str | None
    staff: bool = False  # a worker's or admin's own words: recorded, but no household
    photo: NewPhoto | None = None  # the photo its words are the caption of, kept with it
    # her photos posted alone in this span (just before her words) go with the ticket too
    photos_since: datetime | None = None
    photos_until: datetime | None = None
    thread_id: int | None = None  # its topic, in a group with topics (its notices go there)


@dataclass(frozen=True)
class Filing:
    """What became of a report: a new ticket, joined to an open one, or filed before."""

    ticket: Ticket
    report_id: int
    outcome: Literal["created", "merged", "duplicate"]
    # its author had reported this ticket already (`repeats_herself`): not acknowledged as
    # merged — "double" is answered by the first one's acknowledgement, "again" by where it
    # stands (the intake says it)
    repeat: Repeat | None = None


def _report(conn: Conn, ticket_id: int, new: NewReport, *, acknowledged: bool = True) -> int:
    """`acknowledged`: its acknowledgement waits to be posted (else it gets none)."""
    cursor = conn.execute(
        "INSERT INTO reports (ticket_id, chat_id, message_id, user_id, display_name, text, "
        "received_at, staff, urgent, ack_state, thread_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (
            ticket_id, new.chat_id, new.message_id, new.author.id, new.author.name, new.text,
            to_db_time(new.received_at), int(new.staff), int(new.urgent),
            "pending" if acknowledged else "none", new.thread_id,
        ),
    )  # fmt: skip
    return int(cursor.fetchone()[0])


def _repeat(conn: Conn, ticket_id: int, new: NewReport, before: int | None = None) -> Repeat | None:
    """Whether `new` repeats its author's own earlier report of the ticket (one filed before
    report `before`, if given); a danger, a worker's words or an unknown author never do."""
    if new.urgent or new.staff or new.author.id is None:
        return None
    rows = conn.execute(
        "SELECT text, received_at FROM reports WHERE ticket_id = ? AND user_id = ? "
        "AND chat_id = ? AND id < ?",
        (ticket_id, new.author.id, new.chat_id, before if before is not None else 2**62),
    ).fetchall()
    earlier = [(r["text"], from_db_time(r["received_at"]) or new.received_at) for r in rows]
    return repeats_herself(new.text, earlier, new.received_at)


def _candidates(conn: Conn, new: NewReport) -> list[MergeCandidate]:
    """Open tickets of the group in the same category, newest first, with their reports
    (however old: one still open is a problem not yet fixed; `find_duplicate` weighs age)."""
    rows = conn.execute(
        "SELECT t.id, t.location, t.status, t.created_at, r.user_id, r.text "
        "FROM tickets t JOIN reports r ON r.ticket_id = t.id "
        f"WHERE t.chat_id = ? AND t.category = ? AND t.{ACTIVE} "
        "ORDER BY t.id DESC LIMIT 200",
        (new.chat_id, new.category),
    ).fetchall()
    texts: dict[int, list[str]] = {}
    reporters: dict[int, set[int]] = {}
    first: dict[int, tuple[str | None, str, str]] = {}
    for row in rows:
        ticket_id = row["id"]
        first.setdefault(ticket_id, (row["location"], row["status"], row["created_at"]))
        texts.setdefault(ticket_id, []).append(row["text"])
        if row["user_id"] is not None:
            reporters.setdefault(ticket_id, set()).add(row["user_id"])
    return [
        MergeCandidate(
            ticket_id,
            new.category,
            location,
            Status(status),
            from_db_time(created_at) or new.received_at,
            tuple(texts[ticket_id]),
            frozenset(reporters.get(ticket_id, ())),
        )
        for ticket_id, (location, status, created_at) in first.items()
    ]


def _join(
    conn: Conn, ticket: Ticket, new: NewReport, policy: DeadlinePolicy, repeat: Repeat | None
) -> tuple[Ticket, int]:
    """Another household reports the same problem (or the same one again: `repeat`); an urgent
    report makes it urgent."""
    report_id = _report(conn, ticket.id, new, acknowledged=repeat is None)
    due, urgent_at = ticket.due_at, ticket.urgent_at
    if new.urgent and not ticket.urgent:
        urgent_due = policy.due_at(new.received_at, ticket.category, True)
        due = min(ticket.due_at, urgent_due) if ticket.due_at else urgent_due
        urgent_at = new.received_at
    recount_households(conn, ticket.id)
    update_ticket(
        conn,
        ticket.id,
        {
            "urgent": int(ticket.urgent or new.urgent),
            "urgent_at": urgent_at,
            "due_at": due,
            "updated_at": new.received_at,
            "location": ticket.location or new.location,
        },
    )
    insert_event(conn, ticket.id, new.author, "merge", new.received_at, new.text)
    return select_ticket(conn, ticket.id), report_id


def _create(conn: Conn, new: NewReport, policy: DeadlinePolicy) -> Ticket:
    """A new open ticket from its first report (built here, not read back)."""
    at = to_db_time(new.received_at)
    due = to_db_time(policy.due_at(new.received_at, new.category, new.urgent))
    team = policy.team(new.category)
    cursor = conn.execute(
        "INSERT INTO tickets (chat_id, category, status, location, urgent, summary, created_at, "
        "updated_at, reporter_id, reporter_name, due_at, team, households, urgent_at) "
        "VALUES (?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (
            new.chat_id, new.category, new.location, int(new.urgent), new.text, at, at,
            new.author.id, new.author.name, due, team, 0 if new.staff else 1,
            at if new.urgent else None,
        ),
    )  # fmt: skip
    ticket_id = int(cursor.fetchone()[0])
    created = from_db_time(at) or new.received_at
    return Ticket(
        id=ticket_id,
        chat_id=new.chat_id,
        category=new.category,
        status=Status.OPEN,
        location=new.location,
        urgent=new.urgent,
        summary=new.text,
        created_at=created,
        updated_at=created,
        reporter_id=new.author.id,
        reporter_name=new.author.name,
        due_at=from_db_time(due),
        team=team,
        households=0 if new.staff else 1,
        urgent_at=created if new.urgent else None,
    )


def file_report(
    conn: Conn,
    new: NewReport,
    into: int | None,
    policy: DeadlinePolicy,
    window: timedelta,
) -> Filing:
    """Store a complaint: it joins an open ticket about the same problem or opens one.

    `into` names the ticket a "me too" is about (when it is still open). A message filed
    before (a replayed update) is returned as it was, never filed twice.
    """
    existing = conn.execute(
        "SELECT id, ticket_id FROM reports WHERE chat_id = ? AND message_id = ?",
        (new.chat_id, new.message_id),
    ).fetchone()
    if existing is not None:
        ticket_id, report_id = existing["ticket_id"], existing["id"]
        repeat = _repeat(conn, ticket_id, new, before=report_id)
        return Filing(select_ticket(conn, ticket_id), report_id, "duplicate", repeat)
    target = find_ticket(conn, into) if into is not None else None
    if target is not None and (target.chat_id != new.chat_id or not target.status.is_active):
        target = None
    if target is None:
        same = find_duplicate(
            _candidates(conn, new),
            category=new.category,
            location=new.location,
            text=new.text,
            user_id=new.author.id,
            now=new.received_at,
            window=window,
        )
        target = find_ticket(conn, same) if same is not None else None
    if target is not None:
        repeat = _repeat(conn, target.id, new)
        joined, report_id = _join(conn, target, new, policy, repeat)
        _with_photos(conn, joined.id, new)
        return Filing(joined, report_id, "merged", repeat)
    ticket = _create(conn, new, policy)
    report_id = _report(conn, ticket.id, new)
    insert_event(conn, ticket.id, new.author, "create", new.received_at)
    _with_photos(conn, ticket.id, new)
    return Filing(ticket, report_id, "created")


def _with_photos(conn: Conn, ticket_id: int, new: NewReport) -> None:
    """The report's own photo (a photo with the words as its caption), and her photos just
    before, go with its ticket."""
    if new.photo is not None:  # kept here if the intake did not keep it already (a /new)
        keep_photo(conn, new.photo)
    attach_photos(
        conn, ticket_id, new.chat_id, new.message_id, new.author.id,
        new.photos_since, new.photos_until,
    )  # fmt: skip


def edit_report(
    conn: Conn, key: tuple[int, int], text: str, at: datetime, beside: bool = False
) -> Report | None:
    """An edited message that is a report keeps its new words (an ended ticket's beside it, and
    `beside`: words that report nothing, "早上好各位", beside those of the problem still open)."""
    row = conn.execute("SELECT * FROM reports WHERE chat_id = ? AND message_id = ?", key).fetchone()
    if row is None:
        return None
    report = report_from_row(row)
    if report.text == text:
        return report
    author = Person(report.user_id, report.display_name)
    status = conn.execute("SELECT status FROM tickets WHERE id = ?", (report.ticket_id,)).fetchone()
    if beside or (status is not None and not Status(status["status"]).is_active):
        # The ledger keeps what was reported and handled; the late edit is kept beside it.
        if row["edited_text"] == text:
            return report  # the same edit again (a replayed update)
        conn.execute(
            "UPDATE reports SET edited_text = ?, edited_at = ? WHERE id = ?",
            (text, to_db_time(at), report.id),
        )
        insert_event(conn, report.ticket_id, author, "edit", at, text)
        return replace(report, edited_at=at)
    conn.execute(
        "UPDATE reports SET text = ?, edited_at = ? WHERE id = ?", (text, to_db_time(at), report.id)
    )
    conn.execute(
        "UPDATE tickets SET summary = CASE WHEN (reporter_id = ? OR reporter_id IS NULL AND "
        "? IS NULL) AND summary = ? THEN ? ELSE summary END, updated_at = ? WHERE id = ?",
        (report.user_id, report.user_id, report.text, text, to_db_time(at), report.ticket_id),
    )
    insert_event(conn, report.ticket_id, author, "edit", at, text)
    return replace(report, text=text, edited_at=at)
