"""Notices waiting to be posted, and bot messages that expect an answer (prompts)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from bot.core.loop import ESCALATION_KIND
from bot.core.tickets import Status
from storage.chats import WELCOME_KIND
from storage.db import to_db_time
from storage.notices import NOTICE_COLUMNS, Notice, notice_from_row
from storage.rows import enqueue_notice
from storage.sql import Conn, Door

__all__ = ["MAX_TRIES", "Fates", "Notice", "OutboxStore", "Prompt"]

ASK_REASON = "ask_reason"  # a notice that asks a reporter why, and waits for the answer
MAX_TRIES = 4  # a notice that failed this often is set aside
RETRY_AFTER = timedelta(minutes=1)  # the wait after the first failure; it doubles each time


@dataclass(frozen=True)
class Fates:
    """How many copies of a notice were queued, of them posted, and still waiting."""

    queued: int = 0
    posted: int = 0
    waiting: int = 0


@dataclass(frozen=True)
class Prompt:
    chat_id: int
    message_id: int
    ticket_id: int
    kind: str
    user_id: int | None


class OutboxStore:
    def __init__(self, db: Door) -> None:
        self.db = db

    async def add(
        self,
        chat_id: int,
        kind: str,
        body: str,
        at: datetime,
        *,
        not_before: datetime | None = None,
        ticket_id: int | None = None,
        origin: str | None = None,
        markup: dict[str, Any] | None = None,
        for_user: int | None = None,
    ) -> bool:
        """Queue a notice (once per `origin`, when given); whether it was queued now."""
        return await self.db.write(
            partial(
                enqueue_notice,
                chat_id=chat_id,
                kind=kind,
                body=body,
                at=at,
                not_before=not_before,
                ticket_id=ticket_id,
                origin=origin,
                markup=markup,
                for_user=for_user,
            )
        )

    async def queued(self, origin: str) -> bool:
        """Whether a notice was queued under `origin` (posted since, or not)."""
        row = await self.db.fetchone("SELECT 1 AS found FROM outbox WHERE origin = ?", (origin,))
        return row is not None

    async def reply(
        self,
        chat_id: int,
        body: str,
        at: datetime,
        *,
        reply_to: int | None = None,
        origin: str | None = None,
        markup: dict[str, Any] | None = None,
        ticket_id: int | None = None,
        coalesce: bool = False,
        thread_id: int | None = None,
    ) -> bool:
        """An answer to a person, posted in turn like every notice; queued once per `origin`
        (a replayed command's answer is not queued again). With `coalesce`, not at all while
        the very same answer still waits in the same chat and topic (a flood of /list gets
        one). Whether it was queued. `thread_id`: the topic of the message it answers."""
        return await self.db.write(
            partial(
                _reply,
                coalesce=coalesce,
                chat_id=chat_id,
                body=body,
                at=at,
                ticket_id=ticket_id,
                markup=markup,
                reply_to=reply_to,
                origin=origin,
                thread_id=thread_id,
            )
        )

    async def ask_reason(
        self,
        chat_id: int,
        body: str,
        at: datetime,
        *,
        ticket_id: int,
        user_id: int | None,
        origin: str | None = None,
    ) -> bool:
        """A question for one person about a ticket (why not satisfied?), posted in turn; once
        posted, a reply to it by that person is the answer (`prompt`)."""
        return await self.add(
            chat_id, ASK_REASON, body, at, ticket_id=ticket_id, origin=origin, for_user=user_id
        )

    async def due(
        self, chat_id: int, now: datetime, limit: int = 20, first: str | None = None
    ) -> list[Notice]:
        """Notices of one chat whose time has come, oldest first — those of kind `first`
        before the rest (a danger's alert does not wait behind a worker's 研判 notices)."""
        rows = await self.db.fetchall(
            f"SELECT {NOTICE_COLUMNS} FROM outbox "
            "WHERE chat_id = ? AND sent_at IS NULL AND dropped IS NULL AND not_before <= ? "
            "ORDER BY CASE WHEN kind = ? THEN 0 ELSE 1 END, id LIMIT ?",
            (chat_id, to_db_time(now), first, limit),
        )
        return [notice_from_row(r) for r in rows]

    async def escalated_later(self, notice: Notice) -> set[int]:
        """Those of an escalation's tickets that a later one in its chat speaks of (raised
        again while it waited: that one says where they are now), posted or to be."""
        rows = await self.db.fetchall(
            "SELECT ticket_id, tickets FROM outbox WHERE chat_id = ? AND id > ? "
            "AND kind LIKE ? AND dropped IS NULL",
            (notice.chat_id, notice.id, f"{ESCALATION_KIND}%"),
        )
        later = {int(n) for r in rows for n in json.loads(r["tickets"] or "[]")}
        later.update(int(r["ticket_id"]) for r in rows if r["ticket_id"] is not None)
        return later & set(notice.about)

    async def post_at(self, chat_id: int, message_id: int) -> Notice | None:
        """The notice that was posted as this message (a reply to it is about its ticket)."""
        row = await self.db.fetchone(
            f"SELECT {NOTICE_COLUMNS} FROM outbox WHERE chat_id = ? AND message_id = ? "
            "ORDER BY id DESC LIMIT 1",
            (chat_id, message_id),
        )
        return notice_from_row(row) if row else None

    async def chats_due(self, now: datetime) -> list[int]:
        rows = await self.db.fetchall(
            "SELECT DISTINCT chat_id FROM outbox WHERE sent_at IS NULL AND dropped IS NULL "
            "AND not_before <= ?",
            (to_db_time(now),),
        )
        return [r["chat_id"] for r in rows]

    async def posted(self, origins: Sequence[str]) -> list[tuple[int, int]]:
        """Where the notices queued with these origins were posted: (chat, message) pairs."""
        if not origins:
            return []
        marks = ", ".join("?" for _ in origins)
        rows = await self.db.fetchall(
            f"SELECT chat_id, message_id FROM outbox WHERE origin IN ({marks}) "
            "AND message_id IS NOT NULL ORDER BY id",
            tuple(origins),
        )
        return [(row["chat_id"], row["message_id"]) for row in rows]

    async def first_body(self, origins: Sequence[str]) -> str | None:
        """What the first notice queued with these origins says (its copies say the same)."""
        if not origins:
            return None
        marks = ", ".join("?" for _ in origins)
        row = await self.db.fetchone(
            f"SELECT body FROM outbox WHERE origin IN ({marks}) ORDER BY id LIMIT 1",
            tuple(origins),
        )
        return str(row["body"]) if row is not None else None

    async def fates(self, origins: Sequence[str]) -> Fates:
        """What became of the notices queued with these origins, read at one moment (a copy
        being posted is waiting until it is marked posted, never neither)."""
        if not origins:
            return Fates()
        marks = ", ".join("?" for _ in origins)
        row = await self.db.fetchone(
            "SELECT count(*) AS queued, count(message_id) AS posted, count(*) FILTER "
            "(WHERE sent_at IS NULL AND dropped IS NULL) AS waiting "
            f"FROM outbox WHERE origin IN ({marks})",
            tuple(origins),
        )
        if row is None:
            return Fates()
        return Fates(int(row["queued"]), int(row["posted"]), int(row["waiting"]))

    async def drop_waiting(self, origins: Sequence[str], reason: str) -> int:
        """The notices queued with these origins and not posted yet are not posted at all (an
        urgent alert whose ticket a colleague took before it went out). How many."""
        if not origins:
            return 0
        marks = ", ".join("?" for _ in origins)

        def work(conn: Conn) -> int:
            cursor = conn.execute(
                f"UPDATE outbox SET dropped = ? WHERE origin IN ({marks}) "
                "AND sent_at IS NULL AND dropped IS NULL",
                (reason, *origins),
            )
            return int(cursor.rowcount or 0)

        return await self.db.write(work)

    async def rewrite_waiting(
        self, origins: Sequence[str], body: str, markup: dict[str, Any] | None
    ) -> int:
        """The notices queued with these origins and not posted yet say `body` (with `markup`)
        when their turn comes: a 研判 notice whose item changed before it could be sent. How
        many."""
        if not origins:
            return 0
        marks = ", ".join("?" for _ in origins)
        text = json.dumps(markup, ensure_ascii=False) if markup is not None else None

        def work(conn: Conn) -> int:
            cursor = conn.execute(
                f"UPDATE outbox SET body = ?, markup = ? WHERE origin IN ({marks}) "
                "AND sent_at IS NULL AND dropped IS NULL",
                (body, text, *origins),
            )
            return int(cursor.rowcount or 0)

        return await self.db.write(work)

    async def retire(self, origin: str, chat_id: int, reason: str) -> None:
        """The notice queued with `origin` for `chat_id`, posted, is done with (`reason`): a
        worker's 研判 copy that said he no longer judges is not edited again."""

        def work(conn: Conn) -> None:
            conn.execute(
                "UPDATE outbox SET dropped = ? "
                "WHERE origin = ? AND chat_id = ? AND dropped IS NULL",
                (reason, origin, chat_id),
            )

        await self.db.write(work)

    async def mark_sent(self, notice_id: int, message_id: int | None, at: datetime) -> None:
        await self.db.write(partial(_mark_sent, notice_id=notice_id, message_id=message_id, at=at))

    async def prune(self, before: datetime) -> int:
        """Forget notices posted or dropped before `before` (the chats keep them), except a
        group's one-time greetings and those of a ticket still open or changed since: its
        alerts are settled, and replies to its posts found, from here. How many."""
        return await self.db.write(partial(_prune, before=before))

    async def drop(self, notice_id: int, reason: str) -> None:
        await self.db.write(partial(_drop, notice_id=notice_id, reason=reason))

    async def failed(self, notice: Notice, reason: str, now: datetime) -> bool:
        """Posting it failed: tried again later (the wait doubling each time), and set aside
        after MAX_TRIES. Whether it was set aside."""
        tries = notice.tries + 1
        if tries >= MAX_TRIES:
            why = f"failed {tries} times: {reason}"[:500]
            await self.db.write(partial(_drop, notice_id=notice.id, reason=why, tries=tries))
            return True
        later = now + RETRY_AFTER * 2 ** (tries - 1)
        await self.db.write(partial(_retry_later, notice_id=notice.id, tries=tries, at=later))
        return False

    # -- prompts --------------------------------------------------------------------------
    async def prompt(self, chat_id: int, message_id: int) -> Prompt | None:
        row = await self.db.fetchone(
            f"SELECT {_PROMPT_COLUMNS} FROM prompts WHERE chat_id = ? AND message_id = ?",
            (chat_id, message_id),
        )
        return _prompt(row)

    async def asked_why(self, chat_id: int, user_id: int, since: datetime) -> Prompt | None:
        """The newest "why not satisfied?" put to this person in this chat since `since`."""
        row = await self.db.fetchone(
            f"SELECT {_PROMPT_COLUMNS} FROM prompts "
            "WHERE chat_id = ? AND user_id = ? AND kind = 'reason' AND created_at >= ? "
            "ORDER BY created_at DESC, message_id DESC LIMIT 1",
            (chat_id, user_id, to_db_time(since)),
        )
        return _prompt(row)


_PROMPT_COLUMNS = "chat_id, message_id, ticket_id, kind, user_id"


def _prompt(row: Any) -> Prompt | None:
    if row is None:
        return None
    return Prompt(row["chat_id"], row["message_id"], row["ticket_id"], row["kind"], row["user_id"])


# -- work for the writer's thread ---------------------------------------------------------------
def _mark_sent(conn: Conn, notice_id: int, message_id: int | None, at: datetime) -> None:
    conn.execute(
        "UPDATE outbox SET sent_at = ?, message_id = ? WHERE id = ?",
        (to_db_time(at), message_id, notice_id),
    )
    if message_id is not None:  # a question posted: a reply to it is now its answer
        conn.execute(
            "INSERT INTO prompts (chat_id, message_id, ticket_id, kind, user_id, "
            "created_at) SELECT chat_id, ?, ticket_id, 'reason', for_user, ? FROM outbox "
            "WHERE id = ? AND kind = ? AND ticket_id IS NOT NULL "
            "ON CONFLICT (chat_id, message_id) DO UPDATE SET ticket_id = excluded.ticket_id, "
            "kind = excluded.kind, user_id = excluded.user_id, created_at = excluded.created_at",
            (message_id, to_db_time(at), notice_id, ASK_REASON),
        )


_FINISHED = tuple(s.value for s in Status if not s.is_active)  # done, closed, cancelled
ONCE_PER_GROUP = (WELCOME_KIND, "reads:%")  # the greeting's kind, the origins of "now reads all"


def _prune(conn: Conn, before: datetime) -> int:
    at = to_db_time(before)
    cursor = conn.execute(
        "DELETE FROM outbox WHERE (sent_at IS NOT NULL OR dropped IS NOT NULL) "
        "AND created_at < ? AND kind <> ? AND (origin IS NULL OR origin NOT LIKE ?) "
        "AND (ticket_id IS NULL OR ticket_id IN (SELECT id FROM tickets WHERE updated_at < ? "
        f"AND (status IN ({', '.join('?' for _ in _FINISHED)}) OR merged_into IS NOT NULL)))",
        (at, *ONCE_PER_GROUP, at, *_FINISHED),
    )
    return int(cursor.rowcount or 0)


def _reply(conn: Conn, *, coalesce: bool, chat_id: int, body: str, **notice: Any) -> bool:
    if (
        coalesce
        and conn.execute(
            "SELECT 1 FROM outbox WHERE chat_id = ? AND sent_at IS NULL AND dropped IS NULL "
            "AND kind = 'reply' AND body = ? AND coalesce(thread_id, 0) = coalesce(?, 0) LIMIT 1",
            (chat_id, body, notice.get("thread_id")),
        ).fetchone()
    ):
        return False
    return enqueue_notice(conn, chat_id=chat_id, kind="reply", body=body, **notice)


def _retry_later(conn: Conn, notice_id: int, tries: int, at: datetime) -> None:
    conn.execute(
        "UPDATE outbox SET tries = ?, not_before = ? WHERE id = ?",
        (tries, to_db_time(at), notice_id),
    )


def _drop(conn: Conn, notice_id: int, reason: str, tries: int | None = None) -> None:
    conn.execute(
        "UPDATE outbox SET dropped = ?, tries = coalesce(?, tries) WHERE id = ?",
        (reason, tries, notice_id),
    )
