"""The office desk's data: one-time login links, sessions, and the ticket search it shows."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from bot.core.tickets import Person, Status, Ticket
from storage.db import to_db_time
from storage.dialect import like_any_case
from storage.rows import ACTIVE, TICKET_COLUMNS, ticket_from_row
from storage.sql import Conn, Door, Row

__all__ = ["DeskSession", "DeskStore", "SearchTerm", "TicketFilter", "TicketOrder", "digest_of"]


def digest_of(secret: str) -> str:
    """What is kept of a link's or a session's secret: its SHA-256."""
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class DeskSession:
    person: Person
    csrf: str
    key: str  # the session's hash: names it without revealing it


@dataclass(frozen=True)
class SearchTerm:
    """One word of the desk's search box: `text` found anywhere in a ticket's reports (as
    written or as edited), its summary or its place, as typed (`%` and `_` too); `number` the
    ticket's own number. A term with both finds either (`12`: #12, and 12栋); `#12` has only
    the number."""

    text: str | None = None
    number: int | None = None


class TicketOrder(StrEnum):
    """How the ticket list is sorted (its value is the desk's `sort=`)."""

    NEWEST = "new"  # 受理 newest first
    DUE = "due"  # the active ones by deadline (overdue first), then the finished, newest first
    HOUSEHOLDS = "households"  # the most households first
    QUEUE = "queue"  # the active ones (urgent, then oldest), then the finished, newest first


@dataclass(frozen=True)
class TicketFilter:
    """The desk's ticket filters (every field optional; every search term must be found)."""

    chat_id: int | None = None
    category: str | None = None
    status: str | None = None
    overdue: bool = False
    urgent: bool = False
    active: bool = False  # open or assigned (未办结: 待接单 and 办理中)
    level: int | None = None
    worker: int | None = None
    since: datetime | None = None
    until: datetime | None = None
    words: tuple[SearchTerm, ...] = ()


class DeskStore:
    def __init__(self, db: Door) -> None:
        self.db = db

    # -- login links and sessions ---------------------------------------------------------
    async def add_link(self, token: str, person: Person, expires_at: datetime) -> None:
        await self.db.write(
            lambda conn: conn.execute(
                "INSERT INTO desk_links (token_hash, user_id, name, expires_at) "
                "VALUES (?, ?, ?, ?)",
                (digest_of(token), person.id, person.name or "", to_db_time(expires_at)),
            )
        )

    async def use_link(
        self, token: str, now: datetime, session: str, csrf: str, session_expires: datetime
    ) -> Person | None:
        """Spend a link (once, before it expires) and start a session; None if it cannot."""

        def work(conn: Conn) -> Person | None:
            row = conn.execute(
                "UPDATE desk_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL "
                "AND expires_at > ? RETURNING user_id, name",
                (to_db_time(now), digest_of(token), to_db_time(now)),
            ).fetchone()
            if row is None:
                return None
            conn.execute(
                "INSERT INTO desk_sessions (session_hash, user_id, name, csrf, expires_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (digest_of(session), row["user_id"], row["name"], csrf,
                 to_db_time(session_expires)),
            )  # fmt: skip
            conn.execute("DELETE FROM desk_links WHERE expires_at <= ?", (to_db_time(now),))
            return Person(row["user_id"], row["name"])

        return await self.db.write(work)

    async def session(self, secret: str, now: datetime) -> DeskSession | None:
        key = digest_of(secret)
        row = await self.db.fetchone(
            "SELECT user_id, name, csrf FROM desk_sessions WHERE session_hash = ? "
            "AND expires_at > ?",
            (key, to_db_time(now)),
        )
        if row is None:
            return None
        return DeskSession(Person(row["user_id"], row["name"]), row["csrf"], key)

    async def end_session(self, secret: str, now: datetime) -> None:
        await self.db.write(
            lambda conn: conn.execute(
                "DELETE FROM desk_sessions WHERE session_hash = ? OR expires_at <= ?",
                (digest_of(secret), to_db_time(now)),
            )
        )

    async def prune(self, now: datetime) -> int:
        """Forget expired sessions and links (used links too); how many rows went."""

        def work(conn: Conn) -> int:
            moment = to_db_time(now)
            gone = conn.execute("DELETE FROM desk_sessions WHERE expires_at <= ?", (moment,))
            spent = conn.execute(
                "DELETE FROM desk_links WHERE expires_at <= ? OR used_at IS NOT NULL", (moment,)
            )
            return int(gone.rowcount) + int(spent.rowcount)

        return int(await self.db.write(work))

    # -- tickets ----------------------------------------------------------------------------
    async def search(
        self,
        found: TicketFilter,
        now: datetime,
        *,
        order: TicketOrder = TicketOrder.NEWEST,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[Ticket], int]:
        """Tickets matching the filter, in `order`, and their count. An order that puts the
        active tickets first reads them and the finished ones in two queries, each on an
        index, rather than sorting the whole table (a million tickets: see `bench storage`)."""
        rows, total = await self._listed(TICKET_COLUMNS, found, now, order, limit, offset)
        return [ticket_from_row(r) for r in rows], total

    async def numbers(
        self, found: TicketFilter, now: datetime, *, order: TicketOrder, limit: int
    ) -> tuple[list[int], int]:
        """The numbers of the first `limit` tickets `search` lists in `order`, in number
        order, and how many match (the desk's download: its rows are read `by_numbers`, a
        batch at a time)."""
        rows, total = await self._listed("id", found, now, order, limit, 0)
        return sorted(int(r["id"]) for r in rows), total

    async def by_numbers(self, numbers: Sequence[int]) -> list[Ticket]:
        """These tickets, in number order."""
        if not numbers:
            return []
        marks = ", ".join("?" for _ in numbers)
        rows = await self.db.fetchall(
            f"SELECT {TICKET_COLUMNS} FROM tickets WHERE id IN ({marks}) ORDER BY id",
            tuple(numbers),
        )
        return [ticket_from_row(r) for r in rows]

    async def _listed(
        self,
        columns: str,
        found: TicketFilter,
        now: datetime,
        order: TicketOrder,
        limit: int,
        offset: int,
    ) -> tuple[list[Row], int]:
        where, params = _where(found, now, like_any_case(self.db.engine))
        active, rest = f"{where} AND {ACTIVE}", f"{where} AND NOT ({ACTIVE})"
        counted = await self.db.fetchone(  # one pass: a search reads the reports once
            f"SELECT count(*) AS n, count(*) FILTER (WHERE {ACTIVE}) AS a FROM tickets "
            f"WHERE {where}",
            params,
        )
        total, n_active = (int(counted["n"]), int(counted["a"])) if counted else (0, 0)
        rows: list[Row] = []
        # nothing is read past the end: a search that found nothing reads its words once
        if order not in _ACTIVE_FIRST:
            if offset < total:
                rows = await self.db.fetchall(
                    f"SELECT {columns} FROM tickets WHERE {where} "
                    f"ORDER BY {_WHOLE[order]} LIMIT ? OFFSET ?",
                    (*params, limit, offset),
                )
            return rows, total
        active_order, rest_order = _ACTIVE_FIRST[order]
        if offset < n_active:
            rows += await self.db.fetchall(
                f"SELECT {columns} FROM tickets WHERE {active} "
                f"ORDER BY {active_order} LIMIT ? OFFSET ?",
                (*params, limit, offset),
            )
        if len(rows) < limit and offset + len(rows) < total:
            rows += await self.db.fetchall(
                f"SELECT {columns} FROM tickets WHERE {rest} ORDER BY {rest_order} "
                "LIMIT ? OFFSET ?",
                (*params, limit - len(rows), max(0, offset - n_active)),
            )
        return rows, total

    async def counts(self, now: datetime) -> dict[str, int]:
        """The whole community's active tickets as the overview counts them, each count the
        one a ledger filter finds: `open` (待接单) and `assigned` (办理中) by status, and of
        both, `overdue` and `urgent`."""
        row = await self.db.fetchone(
            "SELECT count(*) FILTER (WHERE status = ?) AS n_open, "
            "count(*) FILTER (WHERE status = ?) AS n_assigned, "
            "count(*) FILTER (WHERE due_at IS NOT NULL AND due_at < ?) AS n_overdue, "
            f"coalesce(sum(urgent), 0) AS n_urgent FROM tickets WHERE {ACTIVE}",
            (Status.OPEN.value, Status.ASSIGNED.value, to_db_time(now)),
        )
        keys = (Status.OPEN.value, Status.ASSIGNED.value, "overdue", "urgent")
        return {k: int(row[f"n_{k}"]) if row else 0 for k in keys}


_NEWEST = "created_at DESC, id DESC"  # 受理 newest first (a ledger's import too, by its date)
# The orders that list the active tickets first: (theirs, the finished ones')
_ACTIVE_FIRST = {
    TicketOrder.QUEUE: ("urgent DESC, created_at, id", "id DESC"),
    TicketOrder.DUE: (f"CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at, {_NEWEST}", _NEWEST),
}
_WHOLE = {TicketOrder.NEWEST: _NEWEST, TicketOrder.HOUSEHOLDS: f"households DESC, {_NEWEST}"}
# A search word, found in the ticket's summary or place, or in any of its reports as written or
# edited (`{like}`: LIKE taking A for a, on either engine). The reports are read once for all
# tickets (IN), not once for each (EXISTS): a third of the time on a million.
_FOUND = (
    "(summary {like} ? ESCAPE '\\' OR location {like} ? ESCAPE '\\' OR tickets.id IN "
    "(SELECT r.ticket_id FROM reports r WHERE r.text {like} ? ESCAPE '\\' "
    "OR r.edited_text {like} ? ESCAPE '\\'))"
)
_WILDCARDS = re.compile(r"([\\%_])")


def _contains(text: str) -> str:
    """A LIKE pattern finding `text` anywhere, its `%`, `_` and `\\` taken as written."""
    return "%" + _WILDCARDS.sub(r"\\\1", text) + "%"


def _search(term: SearchTerm, like: str) -> tuple[str, list[Any]]:
    """A search term's condition and its parameters."""
    found: list[str] = []
    params: list[Any] = []
    if term.number is not None:
        found.append("tickets.id = ?")
        params.append(term.number)
    if term.text:
        found.append(_FOUND.format(like=like))
        params += [_contains(term.text)] * 4
    return f"({' OR '.join(found) or '1 = 0'})", params


def _where(found: TicketFilter, now: datetime, like: str) -> tuple[str, tuple[Any, ...]]:
    terms: list[str] = ["1 = 1"]
    params: list[Any] = []
    for column, value in (
        ("chat_id", found.chat_id),
        ("category", found.category),
        ("status", found.status),
        ("escalation_level", found.level),
        ("assignee_id", found.worker),
    ):
        if value is not None:
            terms.append(f"{column} = ?")
            params.append(value)
    if found.urgent:
        terms.append("urgent = 1")
    if found.active:
        terms.append(ACTIVE)
    if found.overdue:
        terms.append(f"{ACTIVE} AND due_at IS NOT NULL AND due_at < ?")
        params.append(to_db_time(now))
    if found.since is not None:
        terms.append("created_at >= ?")
        params.append(to_db_time(found.since))
    if found.until is not None:
        terms.append("created_at < ?")
        params.append(to_db_time(found.until))
    for term in found.words:
        condition, values = _search(term, like)
        terms.append(condition)
        params += values
    return " AND ".join(terms), tuple(params)
