"""Groups the bot is in, and the people seen there (for @username look-ups and mentions)."""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

from bot.core.tickets import Person
from storage.db import Row, from_db_time, to_db_time
from storage.sql import Conn, Door

__all__ = ["GET_GROUP", "MOVED", "WELCOME_KIND", "ChatStore", "GroupChat", "retired_id"]

_GROUP_COLUMNS = "chat_id, title, active, first_seen_at, kind, forum, joined_at"
GET_GROUP = f"SELECT {_GROUP_COLUMNS} FROM chats WHERE chat_id = ?"
WELCOME_KIND = "welcome"  # the outbox's kind of the words a group is greeted with, once


@dataclass(frozen=True)
class GroupChat:
    chat_id: int
    title: str | None
    active: bool
    first_seen_at: datetime
    kind: str = "supergroup"
    forum: bool = False  # divided into topics: each acknowledgement answers in its own topic
    joined_at: datetime | None = None  # when the bot last came (None: first_seen_at)

    @property
    def arrived_at(self) -> datetime:
        """Since when the bot has been in the group this time (nothing scheduled before)."""
        return self.joined_at or self.first_seen_at

    @property
    def ledger_only(self) -> bool:
        """A group known only from an imported ledger: the bot is not in it."""
        return self.kind == "ledger"


def _group(row: Row) -> GroupChat:
    first_seen = from_db_time(row["first_seen_at"]) or datetime.min.replace(tzinfo=UTC)
    return GroupChat(
        row["chat_id"],
        row["title"],
        bool(row["active"]),
        first_seen,
        row["kind"] or "group",
        bool(row["forum"]),
        from_db_time(row["joined_at"]),
    )


class ChatStore:
    SAVE_DELAY = 1.0

    def __init__(self, db: Door) -> None:
        self.db = db
        # What is known to be stored already, so that busy groups cost no writes per message.
        self._chats: dict[int, tuple[str | None, str, bool]] = {}
        self._moved: dict[int, int | None] = {}  # a group's supergroup (None: it did not move)
        self._members: dict[int, tuple[str | None, str]] = {}
        self._unsaved: dict[int, tuple[str | None, str, str | None]] = {}
        self._saving: asyncio.Task[None] | None = None
        self._save_lock = asyncio.Lock()  # a save waits for one in flight (its rows count too)

    async def seen(
        self, chat_id: int, title: str | None, kind: str, at: datetime, forum: bool = False
    ) -> None:
        """Record a group (or refresh its title); a group that speaks is active."""
        if self._chats.get(chat_id) == (title, kind, forum):
            return
        await self.db.write(
            partial(_seen, chat_id=chat_id, title=title, kind=kind, at=at, forum=forum)
        )
        self._chats[chat_id] = (title, kind, forum)

    async def set_active(self, chat_id: int, active: bool, at: datetime) -> None:
        self._chats.pop(chat_id, None)
        await self.db.write(partial(_set_active, chat_id=chat_id, active=active, at=at))

    async def blocked(self, person_id: int, at: datetime) -> None:
        """A person blocked the bot in private: it cannot write to them until they start it
        again (`seen` as a private chat)."""
        self._chats.pop(person_id, None)
        await self.db.write(partial(_blocked, person_id=person_id, at=at))

    async def move(self, old_chat_id: int, new_chat_id: int, at: datetime) -> int:
        """The group has a new id (it became a supergroup): its tickets, reports, notices and
        record follow it, and the old id is retired. How many tickets moved."""
        self._chats.pop(old_chat_id, None)
        self._chats.pop(new_chat_id, None)
        moved = await self.db.write(partial(_move, old=old_chat_id, new=new_chat_id, at=at))
        self._moved[old_chat_id] = new_chat_id
        return moved

    async def moved_to(self, chat_id: int) -> int | None:
        """The supergroup this group became, if it moved (a late message of the old group)."""
        if chat_id not in self._moved:
            row = await self.db.fetchone("SELECT moved_to FROM chats WHERE chat_id = ?", (chat_id,))
            found = row["moved_to"] if row is not None else None
            if found is None and len(self._moved) >= 10_000:
                return None  # not kept: a bounded cache of the groups seen
            self._moved[chat_id] = found
        return self._moved[chat_id]

    async def moved_here(self, chat_id: int) -> bool:
        """Whether a group became this supergroup (its members know the bot already)."""
        row = await self.db.fetchone("SELECT 1 FROM chats WHERE moved_to = ? LIMIT 1", (chat_id,))
        return row is not None

    async def get(self, chat_id: int) -> GroupChat | None:
        row = await self.db.fetchone(GET_GROUP, (chat_id,))
        return _group(row) if row is not None else None

    async def active_groups(self) -> list[GroupChat]:
        rows = await self.db.fetchall(
            f"SELECT {_GROUP_COLUMNS} FROM chats "
            "WHERE active = 1 AND kind IN ('group', 'supergroup') ORDER BY chat_id"
        )
        return [_group(r) for r in rows]

    async def reach(self, user_ids: Collection[int]) -> list[tuple[Person, bool]]:
        """Each person (as in `people`) and whether the bot can write to them in private:
        they started a private chat with it and have not blocked it."""
        ids = sorted(set(user_ids))
        if not ids:
            return []
        await self.save_members()
        marks = ", ".join("?" * len(ids))
        rows = await self.db.fetchall(
            f"SELECT m.user_id, m.username, m.display_name FROM members m "
            f"WHERE m.user_id IN ({marks})",
            ids,
        )
        known = {r["user_id"]: Person(r["user_id"], r["display_name"], r["username"]) for r in rows}
        private = await self.db.fetchall(
            f"SELECT chat_id FROM chats WHERE kind = 'private' AND active = 1 "
            f"AND chat_id IN ({marks})",
            ids,
        )
        reachable = {r["chat_id"] for r in private}
        return [(known.get(i, Person(i, "")), i in reachable) for i in ids]

    async def titles(self) -> dict[int, str]:
        """Every group's title, where known (for ledgers and community-wide notices)."""
        rows = await self.db.fetchall("SELECT chat_id, title FROM chats WHERE title IS NOT NULL")
        return {r["chat_id"]: r["title"] for r in rows}

    def remember_member(self, person: Person, at: datetime) -> None:
        """Note who spoke; written in batches soon after (names are not worth a write each)."""
        if person.id is None or self._members.get(person.id) == (person.username, person.name):
            return
        self._members[person.id] = (person.username, person.name)
        self._unsaved[person.id] = (person.username, person.name, to_db_time(at))
        if self._saving is None or self._saving.done():
            self._saving = asyncio.create_task(self._save_soon())

    async def _save_soon(self) -> None:
        await asyncio.sleep(self.SAVE_DELAY)
        await self.save_members()

    async def save_members(self) -> None:
        """Write the people noted since the last save (also when the bot stops); when it
        returns, everyone noted before the call is stored, even by a save already under way."""
        async with self._save_lock:
            while self._unsaved:
                batch, self._unsaved = self._unsaved, {}
                await self.db.write(partial(_save_members, batch=batch))

    async def find_member(self, username: str) -> Person | None:
        await self.save_members()
        row = await self.db.fetchone(
            "SELECT user_id, display_name, username FROM members "
            "WHERE lower(username) = lower(?) ORDER BY last_seen_at DESC LIMIT 1",
            (username.lstrip("@"),),
        )
        return Person(row["user_id"], row["display_name"], row["username"]) if row else None

    async def find_members_named(self, name: str, prefer: Collection[int]) -> list[Person]:
        """Who goes by the name the group sees (`小李`): every one of `prefer` (the workers)
        so named, else whoever so named spoke last; newest first."""
        await self.save_members()
        rows = await self.db.fetchall(
            "SELECT user_id, display_name, username FROM members WHERE display_name = ? "
            "ORDER BY last_seen_at DESC",
            (name,),
        )
        people = [Person(r["user_id"], r["display_name"], r["username"]) for r in rows]
        return [p for p in people if p.id in prefer] or people[:1]


# -- work for the writer's thread ---------------------------------------------------------------
# A group the bot had left and is in again: it came back now (a group it stays in keeps its day).
_REJOINED = (
    "joined_at = CASE WHEN chats.active = 0 AND excluded.active = 1 "
    "THEN excluded.joined_at ELSE chats.joined_at END"
)


def _seen(
    conn: Conn, chat_id: int, title: str | None, kind: str, at: datetime, forum: bool
) -> None:
    conn.execute(
        "INSERT INTO chats (chat_id, title, kind, forum, active, first_seen_at, joined_at, "
        "updated_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET "
        "title = coalesce(excluded.title, chats.title), kind = excluded.kind, "
        f"forum = excluded.forum, active = 1, {_REJOINED}, updated_at = excluded.updated_at",
        (chat_id, title, kind, int(forum), *[to_db_time(at)] * 3),
    )


def _set_active(conn: Conn, chat_id: int, active: bool, at: datetime) -> None:
    conn.execute(
        "INSERT INTO chats (chat_id, kind, active, first_seen_at, joined_at, updated_at) "
        "VALUES (?, 'group', ?, ?, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET "
        f"active = excluded.active, {_REJOINED}, updated_at = excluded.updated_at",
        (chat_id, int(active), *[to_db_time(at)] * 3),
    )


def _blocked(conn: Conn, person_id: int, at: datetime) -> None:
    conn.execute(
        "UPDATE chats SET active = 0, updated_at = ? WHERE chat_id = ? AND kind = 'private'",
        (to_db_time(at), person_id),
    )


MOVED = 10**12  # a group's message ids, once it moved to a supergroup, lie below -MOVED
_RETIRED = f"CASE WHEN {{0}} > 0 THEN -{MOVED} - {{0}} ELSE {{0}} END"


def retired_id(message_id: int) -> int:
    """A message number of a group that moved, as the move keeps it (see `_RETIRED`)."""
    return -MOVED - message_id if message_id > 0 else message_id


def _move(conn: Conn, old: int, new: int, at: datetime) -> int:
    moved = int(
        conn.execute("UPDATE tickets SET chat_id = ? WHERE chat_id = ?", (new, old)).rowcount
    )
    # A supergroup numbers its messages afresh from 1: the old group's message ids move as
    # numbers below -MOVED, which no message there can have (and nothing can reply to), nor a
    # ledger's imported report (-1, -2 …: its ticket's number).
    # Telegram adds the bot to the supergroup too: a welcome queued there for that, and the
    # office's notice of a new group, are not posted — the group knew the bot (its own welcome,
    # if it had one, moves along below), and the office knew the group.
    conn.execute(
        "UPDATE outbox SET dropped = 'moved here' WHERE sent_at IS NULL AND dropped IS NULL "
        "AND ((chat_id = ? AND kind = ?) OR origin LIKE ?)",
        (new, WELCOME_KIND, f"joined:{new}:%"),
    )
    retired = _RETIRED.format("message_id")
    conn.execute(
        f"UPDATE outbox SET chat_id = ?, reply_to = NULL, message_id = {retired} WHERE chat_id = ?",
        (new, old),
    )
    conn.execute(
        f"UPDATE reports SET ack_message_id = {_RETIRED.format('ack_message_id')} "
        "WHERE chat_id = ?",
        (old,),
    )
    # each unique by (chat_id, message_id)
    for table in ("reports", "prompts", "triage", "triage_seconds", "photos"):
        retired = _RETIRED.format(f"{table}.message_id")
        conn.execute(
            f"UPDATE {table} SET chat_id = ?, message_id = {retired} WHERE chat_id = ? "
            f"AND NOT EXISTS (SELECT 1 FROM {table} o WHERE o.chat_id = ? "
            f"AND o.message_id = {retired})",
            (new, old, new),
        )
    # what the schedule gave the group is the supergroup's: no second digest of the same day
    conn.execute(
        "UPDATE scheduled_posts SET chat_id = ? WHERE chat_id = ? AND NOT EXISTS "
        "(SELECT 1 FROM scheduled_posts o WHERE o.kind = scheduled_posts.kind "
        "AND o.chat_id = ? AND o.occurrence = scheduled_posts.occurrence)",
        (new, old, new),
    )
    conn.execute(
        "INSERT INTO chats (chat_id, title, kind, active, first_seen_at, joined_at, updated_at) "
        "SELECT ?, title, 'supergroup', 1, first_seen_at, coalesce(joined_at, first_seen_at), ? "
        "FROM chats "
        "WHERE chat_id = ? ON CONFLICT (chat_id) DO UPDATE SET active = 1, "
        "joined_at = excluded.joined_at, updated_at = excluded.updated_at",
        (new, to_db_time(at), old),
    )
    conn.execute(
        "UPDATE chats SET active = 0, moved_to = ?, updated_at = ? WHERE chat_id = ?",
        (new, to_db_time(at), old),
    )
    return moved


def _save_members(conn: Conn, batch: Mapping[int, tuple[str | None, str, str | None]]) -> None:
    conn.executemany(
        "INSERT INTO members (user_id, username, display_name, last_seen_at) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET "
        "username = excluded.username, display_name = excluded.display_name, "
        "last_seen_at = excluded.last_seen_at",
        [(uid, *values) for uid, values in batch.items()],
    )
