"""The 研判 queue (`bot.core.triage`): messages waiting for a worker's judgement."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from functools import partial
from typing import Any

from bot.core.lessons import Lesson, LessonSource
from bot.core.permissions import Reason, Refused
from bot.core.tickets import Person
from bot.core.triage import Decision, TriageItem, TriageTally
from storage.acted import once
from storage.db import from_db_time, to_db_time
from storage.lessons import record_lesson
from storage.rows import ACTIVE, SOLVED
from storage.sql import Conn, Door

__all__ = ["SECONDED", "TriageStore"]

_COLUMNS = (
    "id, chat_id, message_id, user_id, display_name, text, received_at, category, location, "
    "state, how, decided_name, ticket_id, decided_by, sent_at, thread_id"
)


# An item a neighbour's "+1" is kept with: waiting, or decided as a complaint and not yet noted
# as filed (a worker's 登记 or the clock's, its ticket being filed: `join_seconds` follows)
SECONDED = "(state = 'pending' OR (state = 'filed' AND ticket_id IS NULL))"
_IN_TOPIC = (  # said in the topic asked of (0: General), in a group with topics
    "(coalesce(thread_id, 0) = ? OR NOT EXISTS "
    "(SELECT 1 FROM chats c WHERE c.chat_id = triage.chat_id AND c.forum = 1))"
)


def _item(row: Any) -> TriageItem:
    received = from_db_time(row["received_at"])
    assert received is not None
    return TriageItem(
        id=row["id"],
        chat_id=row["chat_id"],
        message_id=row["message_id"],
        user_id=row["user_id"],
        display_name=row["display_name"],
        text=row["text"],
        received_at=received,
        category=row["category"],
        location=row["location"],
        state=row["state"],
        how=row["how"],
        decided_name=row["decided_name"],
        ticket_id=row["ticket_id"],
        sent_at=from_db_time(row["sent_at"]),
        thread_id=row["thread_id"],
    )


class TriageStore:
    def __init__(self, db: Door) -> None:
        self.db = db

    async def add(
        self,
        chat_id: int,
        message_id: int,
        author: Person,
        text: str,
        at: datetime,
        *,
        category: str | None,
        location: str | None,
        score: float,
        sent_at: datetime | None = None,
        thread_id: int | None = None,
    ) -> TriageItem | None:
        """Queue a message (once: None when it was queued before); `sent_at`: when Telegram
        says it was sent (the clock of its sender's photos); `thread_id`: its topic, if any
        (its acknowledgement names it: the message may be deleted before it is filed)."""

        def work(conn: Conn) -> int | None:
            cursor = conn.execute(
                "INSERT INTO triage (chat_id, message_id, user_id, display_name, text, "
                "received_at, category, location, score, sent_at, thread_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (chat_id, message_id) DO NOTHING RETURNING id",
                (chat_id, message_id, author.id, author.name or "", text, to_db_time(at),
                 category, location, score, sent_at and to_db_time(sent_at), thread_id),
            )  # fmt: skip
            row = cursor.fetchone()
            return int(row[0]) if row is not None else None

        item_id = await self.db.write(work)
        return await self.get(item_id) if item_id is not None else None

    async def waiting(self, chat_id: int, message_id: int) -> TriageItem | None:
        """The item of a group message, if it still waits for a worker."""
        row = await self.db.fetchone(
            f"SELECT {_COLUMNS} FROM triage WHERE chat_id = ? AND message_id = ? "
            "AND state = 'pending'",
            (chat_id, message_id),
        )
        return _item(row) if row is not None else None

    async def of_message(self, chat_id: int, message_id: int) -> TriageItem | None:
        """The item of a group message, whatever became of it (waiting, dismissed, filed)."""
        row = await self.db.fetchone(
            f"SELECT {_COLUMNS} FROM triage WHERE chat_id = ? AND message_id = ?",
            (chat_id, message_id),
        )
        return _item(row) if row is not None else None

    async def dismissed_by_worker(self, chat_id: int, message_id: int) -> str | None:
        """The words of a group message a worker's 不是诉求 dismissed (what it taught as no
        complaint), if one did."""
        row = await self.db.fetchone(
            "SELECT text FROM triage WHERE chat_id = ? AND message_id = ? AND state = ? "
            "AND how = 'worker'",
            (chat_id, message_id, Decision.DISMISS.value),
        )
        return str(row["text"]) if row is not None else None

    async def seconded(self, chat_id: int, message_id: int) -> TriageItem | None:
        """The item of a group message a neighbour's "+1" is kept with: still waiting, or
        decided as a complaint whose ticket is being filed (its "+1"s join it then)."""
        row = await self.db.fetchone(
            f"SELECT {_COLUMNS} FROM triage WHERE chat_id = ? AND message_id = ? AND {SECONDED}",
            (chat_id, message_id),
        )
        return _item(row) if row is not None else None

    async def latest_waiting(
        self, chat_id: int, since: datetime, thread_id: int | None = None
    ) -> TriageItem | None:
        """The group's newest item still waiting for a worker (or being filed, as `seconded`),
        if received since `since`; in a group with topics, in topic `thread_id` (None: General)."""
        row = await self.db.fetchone(
            f"SELECT {_COLUMNS} FROM triage WHERE chat_id = ? AND {SECONDED} AND {_IN_TOPIC} "
            "AND received_at >= ? ORDER BY received_at DESC, id DESC LIMIT 1",
            (chat_id, thread_id or 0, to_db_time(since)),
        )
        return _item(row) if row is not None else None

    async def filed_as(self, chat_id: int, message_id: int) -> int | None:
        """The ticket a group message that waited for 研判 was filed as, or went with (her
        plain complaint, a danger she told in pieces), if it was."""
        row = await self.db.fetchone(
            "SELECT ticket_id FROM triage WHERE chat_id = ? AND message_id = ? AND state = ? "
            "AND ticket_id IS NOT NULL",
            (chat_id, message_id, Decision.FILE.value),
        )
        return int(row["ticket_id"]) if row is not None else None

    async def waiting_from(self, chat_id: int, user_id: int, since: datetime) -> list[TriageItem]:
        """The items of one person in a group, received since `since`, that still wait."""
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} FROM triage WHERE chat_id = ? AND user_id = ? "
            "AND state = 'pending' AND received_at >= ? ORDER BY id",
            (chat_id, user_id, to_db_time(since)),
        )
        return [_item(r) for r in rows]

    async def folded_into(
        self, chat_id: int, user_id: int, ticket_id: int, since: datetime
    ) -> list[TriageItem]:
        """The items of one person in a group, received since `since`, that went with a later
        message of hers filed as `ticket_id` (`withdraw`: no judgement, and no report of their
        own, as an item edited into a complaint or filed with /new has)."""
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} FROM triage t WHERE chat_id = ? AND user_id = ? "
            "AND state = ? AND ticket_id = ? AND how IS NULL AND received_at >= ? "
            "AND NOT EXISTS (SELECT 1 FROM reports r "
            "WHERE r.chat_id = t.chat_id AND r.message_id = t.message_id) ORDER BY id",
            (chat_id, user_id, Decision.FILE.value, ticket_id, to_db_time(since)),
        )
        return [_item(r) for r in rows]

    async def revise(
        self, item_id: int, text: str, category: str | None, location: str | None, score: float
    ) -> TriageItem | None:
        """The resident edited a waiting message: its words and the classifier's guess follow
        (None: judged meanwhile)."""

        def work(conn: Conn) -> TriageItem | None:
            conn.execute(
                "UPDATE triage SET text = ?, category = ?, location = ?, score = ? "
                "WHERE id = ? AND state = 'pending'",
                (text, category, location, score, item_id),
            )
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM triage WHERE id = ? AND state = 'pending'", (item_id,)
            ).fetchone()
            return _item(row) if row is not None else None

        return await self.db.write(work)

    async def withdraw(self, item_id: int, ticket_id: int | None = None) -> bool:
        """A waiting message edited into a clear verdict: chatter (dismissed), or a complaint
        filed as `ticket_id`. Nobody judged it (no `how`), so it counts in no tally; its row
        stays, so the same message handled again is not queued again. Whether it still
        waited."""
        state = Decision.FILE.value if ticket_id is not None else Decision.DISMISS.value

        def work(conn: Conn) -> bool:
            cursor = conn.execute(
                "UPDATE triage SET state = ?, ticket_id = ? WHERE id = ? AND state = 'pending' "
                "RETURNING id",
                (state, ticket_id, item_id),
            )
            return cursor.fetchone() is not None

        return await self.db.write(work)

    async def filed_by_hand(
        self, chat_id: int, message_id: int, ticket_id: int
    ) -> TriageItem | None:
        """A worker filed a group message with /new as a reply to it: its item, waiting or
        dismissed (a worker's 不是诉求 regretted, or the clock's), is settled as filed as
        `ticket_id`. No button judged it so (no `how`): it counts in no tally, as an item the
        resident's edit settles. The item, or None when nothing of it waited or was dismissed."""

        def work(conn: Conn) -> TriageItem | None:
            row = conn.execute(
                "UPDATE triage SET state = ?, how = NULL, ticket_id = ? WHERE chat_id = ? "
                "AND message_id = ? AND state IN ('pending', ?) RETURNING id",
                (Decision.FILE.value, ticket_id, chat_id, message_id, Decision.DISMISS.value),
            ).fetchone()
            if row is None:
                return None
            found = conn.execute(f"SELECT {_COLUMNS} FROM triage WHERE id = ?", (row[0],))
            return _item(found.fetchone())

        return await self.db.write(work)

    async def require_waiting(self, item_id: int, actor: Person) -> TriageItem:
        """The item, if it still waits for a judgement; else refused as `decide` would be (a
        worker's 改类别 pressed after it was judged)."""
        row = await self.db.fetchone(f"SELECT {_COLUMNS} FROM triage WHERE id = ?", (item_id,))
        return _waiting(row, actor)

    async def get(self, item_id: int) -> TriageItem | None:
        row = await self.db.fetchone(f"SELECT {_COLUMNS} FROM triage WHERE id = ?", (item_id,))
        return _item(row) if row is not None else None

    async def copies_elsewhere(
        self, kind: str, roster: Collection[int]
    ) -> list[tuple[str, int, int | None]]:
        """The private notices of `kind` (a worker's copy of a 研判 notice) queued for someone
        not on `roster` (taken off it since) and not dropped: (origin, chat, message — None
        while not posted yet)."""
        off = f"AND chat_id NOT IN ({', '.join('?' for _ in roster)}) " if roster else ""
        rows = await self.db.fetchall(
            "SELECT origin, chat_id, message_id FROM outbox WHERE kind = ? AND chat_id > 0 "
            f"{off}AND origin IS NOT NULL AND dropped IS NULL ORDER BY id",
            (kind, *sorted(roster)),
        )
        return [(r["origin"], r["chat_id"], r["message_id"]) for r in rows]

    async def count_pending(self) -> int:
        row = await self.db.fetchone("SELECT count(*) AS n FROM triage WHERE state = 'pending'")
        return int(row["n"]) if row else 0

    async def handled_since(self, item: TriageItem) -> int | None:
        """The ticket the item was most likely about, solved while it waited: of its group and
        guessed category (and place, if it names one), not yet done when the resident wrote,
        done or closed since — when none of that category is still open there (an item is
        filed into an open one as any complaint is)."""
        if item.category is None:
            return None
        place, params = "", [item.chat_id, item.category, to_db_time(item.received_at)]
        if item.location is not None:
            place, params = " AND (location IS NULL OR location = ?)", [*params, item.location]
        row = await self.db.fetchone(
            f"SELECT id FROM tickets t WHERE chat_id = ? AND category = ? AND {SOLVED} "
            f"AND done_at >= ?{place} AND NOT EXISTS (SELECT 1 FROM tickets WHERE "
            f"chat_id = t.chat_id AND category = t.category AND {ACTIVE}) "
            "ORDER BY done_at DESC LIMIT 1",
            params,
        )
        return int(row["id"]) if row else None

    async def pending(self, before: datetime | None = None, limit: int = 50) -> list[TriageItem]:
        """Items waiting, oldest first (only those received before `before`, if given)."""
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} FROM triage WHERE state = 'pending' AND received_at < ? "
            "ORDER BY received_at LIMIT ?",
            (to_db_time(before) if before else "9999", limit),
        )
        return [_item(r) for r in rows]

    async def unfiled(self, limit: int = 50) -> list[TriageItem]:
        """Items decided as complaints but not filed yet (a filing cut short)."""
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} FROM triage WHERE state = 'filed' AND ticket_id IS NULL "
            "ORDER BY id LIMIT ?",
            (limit,),
        )
        return [_item(r) for r in rows]

    async def decide(
        self,
        item_id: int,
        decision: Decision,
        category: str | None,
        actor: Person | None,
        at: datetime,
        *,
        origin: str | None = None,
    ) -> TriageItem:
        """A worker's judgement (actor) or the timeout's (None); refused when already decided.
        A worker's judgement is kept as a lesson in the same transaction."""
        change = partial(
            _decide, item_id=item_id, decision=decision, category=category, actor=actor, at=at
        )
        return await self.db.write(once(origin, at, change))

    async def attach_ticket(self, item_id: int, ticket_id: int) -> TriageItem:
        """Note the ticket an item was filed as; the item as the writer sees it then."""

        def work(conn: Conn) -> TriageItem:
            conn.execute("UPDATE triage SET ticket_id = ? WHERE id = ?", (ticket_id, item_id))
            row = conn.execute(f"SELECT {_COLUMNS} FROM triage WHERE id = ?", (item_id,))
            return _item(row.fetchone())

        return await self.db.write(work)

    async def tally(self, chat_id: int, start: datetime, end: datetime) -> TriageTally:
        """The group's items decided in (start, end] — the digest's period — and how, and those
        still waiting at `end` (an item counts in the period it was decided, whenever its
        message came)."""
        until = to_db_time(end)
        rows = await self.db.fetchall(
            "SELECT state, how, count(*) AS n FROM triage WHERE chat_id = ? "
            "AND decided_at > ? AND decided_at <= ? AND state <> 'pending' GROUP BY state, how",
            (chat_id, to_db_time(start), until),
        )
        waiting = await self.db.fetchone(
            "SELECT count(*) AS n FROM triage WHERE chat_id = ? AND received_at <= ? "
            "AND (state = 'pending' OR decided_at > ?)",
            (chat_id, until, until),
        )
        counts = {(r["state"], r["how"]): r["n"] for r in rows}
        return TriageTally(
            filed_by_worker=counts.get(("filed", "worker"), 0),
            filed_on_timeout=counts.get(("filed", "timeout"), 0),
            dismissed=counts.get(("dismissed", "worker"), 0)
            + counts.get(("dismissed", "timeout"), 0),
            pending=int(waiting["n"]) if waiting else 0,
        )


def _waiting(row: Any, actor: Person | None) -> TriageItem:
    """The item of `row`, still waiting for a judgement; else refused, saying why."""
    if row is None:
        raise Refused(Reason.TRIAGE_GONE)
    item = _item(row)
    gone = item.how is None or (item.how == "timeout" and item.state == Decision.DISMISS)
    if not item.pending and gone:  # the resident's edit settled it, or the clock dropped it
        raise Refused(Reason.TRIAGE_GONE)
    if not item.pending and item.how == "timeout":  # filed by the clock: which ticket
        number = str(item.ticket_id) if item.ticket_id is not None else None
        raise Refused(Reason.TRIAGE_TIMED_OUT, detail=number)
    if not item.pending:  # detail: who judged it
        mine = actor is not None and row["decided_by"] == actor.id and item.how == "worker"
        raise Refused(Reason.TRIAGE_MINE if mine else Reason.TRIAGE_DECIDED,
                      detail=item.decided_name or "")  # fmt: skip
    return item


def _decide(
    conn: Conn,
    item_id: int,
    decision: Decision,
    category: str | None,
    actor: Person | None,
    at: datetime,
) -> TriageItem:
    row = conn.execute(f"SELECT {_COLUMNS} FROM triage WHERE id = ?", (item_id,)).fetchone()
    item = _waiting(row, actor)
    chosen = category or item.category or "other"
    conn.execute(
        "UPDATE triage SET state = ?, how = ?, category = ?, decided_by = ?, decided_name = ?, "
        "decided_at = ? WHERE id = ?",
        (
            decision.value,
            "worker" if actor is not None else "timeout",
            chosen if decision is Decision.FILE else item.category,
            actor.id if actor else None,
            actor.name if actor else None,
            to_db_time(at),
            item_id,
        ),
    )
    if actor is not None:
        filed = decision is Decision.FILE
        lesson = Lesson(item.text, filed, chosen if filed else None, LessonSource.TRIAGE, actor.id)
        record_lesson(conn, lesson, at)
    updated = conn.execute(f"SELECT {_COLUMNS} FROM triage WHERE id = ?", (item_id,)).fetchone()
    return _item(updated)
