"""The update inbox: every update Telegram delivered, kept until it has been handled."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any

from storage.acted import prune_acted
from storage.db import from_db_time, to_db_time
from storage.sql import Conn, Door

__all__ = ["InboxMark", "InboxStore", "StoredUpdate"]


@dataclass(frozen=True)
class StoredUpdate:
    update_id: int
    payload: dict[str, Any]
    tries: int = 0  # starts that replayed it without its handling finishing


@dataclass(frozen=True)
class InboxMark:
    update_id: int
    received_at: datetime


class InboxStore:
    """Updates are written here before their offset is confirmed to Telegram."""

    def __init__(self, db: Door) -> None:
        self.db = db

    async def save(
        self, updates: Sequence[tuple[int, dict[str, Any]]], at: datetime
    ) -> dict[int, bool]:
        """Keep the raw updates. Those kept already (sent again) are left as they are: their
        numbers, each with whether it is done with (handled or set aside).

        Telegram numbers its updates anew after a week without any, from any number: a new
        update may carry the number of one handled long ago. The number alone does not tell
        them apart; the update does (the same update sent again is the same text): a different
        update under the number of one that is done with (handled or set aside) takes its
        place, to be handled. (Under the number of one still waiting — the new numbering would
        have to hit one of the few updates a failure left waiting — the one waiting stays, and
        the new one is handled without being kept.)"""
        if not updates:
            return {}
        rows = [(uid, json.dumps(payload, ensure_ascii=False)) for uid, payload in updates]
        return await self.db.write(partial(_save, rows=rows, at=at))

    async def mark_processed(self, update_ids: Sequence[int], at: datetime) -> None:
        await self.db.write(partial(_mark_processed, update_ids=update_ids, at=at))

    async def failed(self, update_id: int, max_tries: int) -> bool:
        """A try of the update failed, or never finished, once more (counted by the next start,
        once); after `max_tries` it is set aside (kept, but no longer tried). Whether it was
        set aside now."""
        return await self.db.write(partial(_failed, update_id=update_id, max_tries=max_tries))

    async def set_aside(self, update_ids: Sequence[int], reason: str) -> None:
        """Keep these updates, but never handle them (why: `reason`)."""
        await self.db.write(partial(_set_aside, update_ids=update_ids, reason=reason))

    async def pending(self) -> list[StoredUpdate]:
        """Updates received but not handled (the process stopped in between, or handling them
        failed and they were not set aside yet), in the order they were kept (not by number:
        Telegram numbers anew after a week without updates)."""
        rows = await self.db.fetchall(
            "SELECT update_id, payload, tries FROM inbox WHERE processed_at IS NULL "
            "AND set_aside IS NULL ORDER BY received_at, update_id"
        )
        return [StoredUpdate(r["update_id"], json.loads(r["payload"]), r["tries"]) for r in rows]

    async def newest(self) -> InboxMark | None:
        """The update kept last: received last, and the highest number among those received
        together — not the highest number, which after Telegram numbered its updates anew is
        one of the old numbering, and would confirm nothing new."""
        row = await self.db.fetchone(f"SELECT update_id, received_at FROM inbox {_LAST} LIMIT 1")
        if row is None:
            return None
        received = from_db_time(row["received_at"]) or datetime.min.replace(tzinfo=UTC)
        return InboxMark(row["update_id"], received)

    async def prune(self, before: datetime) -> int:
        """Forget handled and set-aside updates received before `before` (the one kept last
        stays: `newest`),
        and the record of what they did; how many updates."""
        return await self.db.write(partial(_prune, before=before))


# The order updates were kept in: by the time they were received, and in one getUpdates answer
# by number (Telegram numbers anew only after a week without updates, never within one answer).
_LAST = "ORDER BY received_at DESC, update_id DESC"


# -- work for the writer's thread ---------------------------------------------------------------
def _save(conn: Conn, rows: Sequence[tuple[int, str]], at: datetime) -> dict[int, bool]:
    received, known = to_db_time(at), {}
    for uid, payload in rows:
        kept = conn.execute(
            "SELECT payload, processed_at IS NOT NULL OR set_aside IS NOT NULL AS done "
            "FROM inbox WHERE update_id = ?",
            (uid,),
        ).fetchone()
        if kept is None:
            conn.execute(
                "INSERT INTO inbox (update_id, payload, received_at) VALUES (?, ?, ?)",
                (uid, payload, received),
            )
        elif kept[0] == payload:
            known[uid] = bool(kept[1])  # sent again
        elif kept[1]:  # a new update under the number of one done with: it takes its place
            conn.execute(
                "UPDATE inbox SET payload = ?, received_at = ?, processed_at = NULL, tries = 0, "
                "set_aside = NULL WHERE update_id = ?",
                (payload, received, uid),
            )
    return known


def _mark_processed(conn: Conn, update_ids: Sequence[int], at: datetime) -> None:
    conn.executemany(
        "UPDATE inbox SET processed_at = ? WHERE update_id = ? AND processed_at IS NULL",
        [(to_db_time(at), update_id) for update_id in update_ids],
    )


def _failed(conn: Conn, update_id: int, max_tries: int) -> bool:
    row = conn.execute(
        "UPDATE inbox SET tries = tries + 1, set_aside = CASE WHEN tries + 1 >= ? "
        "THEN 'failed ' || (tries + 1) || ' times' END WHERE update_id = ? RETURNING set_aside",
        (max_tries, update_id),
    ).fetchone()
    return row is not None and row[0] is not None


def _set_aside(conn: Conn, update_ids: Sequence[int], reason: str) -> None:
    conn.executemany(
        "UPDATE inbox SET set_aside = ? WHERE update_id = ? AND set_aside IS NULL",
        [(reason, update_id) for update_id in update_ids],
    )


def _prune(conn: Conn, before: datetime) -> int:
    cursor = conn.execute(
        "DELETE FROM inbox WHERE (processed_at IS NOT NULL OR set_aside IS NOT NULL) "
        f"AND received_at < ? AND update_id <> (SELECT update_id FROM inbox {_LAST} LIMIT 1)",
        (to_db_time(before),),
    )
    prune_acted(conn, before)
    return int(cursor.rowcount)
