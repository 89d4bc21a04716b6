"""Groups the bot is in, and the people seen there (for @username look-ups and mentions)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

from bot.core.tickets import Person
from storage.db import Database, from_db_time, to_db_time

__all__ = ["ChatStore", "GroupChat"]


@dataclass(frozen=True)
class GroupChat:
    chat_id: int
    title: str | None
    active: bool
    first_seen_at: datetime
    kind: str = "supergroup"

    @property
    def ledger_only(self) -> bool:
        """A group known only from an imported ledger: the bot is not in it."""
        return self.kind == "ledger"


class ChatStore:
    SAVE_DELAY = 1.0

    def __init__(self, db: Database) -> None:
        self.db = db
        # What is known to be stored already, so that busy groups cost no writes per message.
        self._chats: dict[int, tuple[str | None, str]] = {}
        self._members: dict[int, tuple[str | None, str]] = {}
        self._unsaved: dict[int, tuple[str | None, str, str | None]] = {}
        self._saving: asyncio.Task[None] | None = None

    async def seen(self, chat_id: int, title: str | None, kind: str, at: datetime) -> None:
        """Record a group (or refresh its title); a group that speaks is active."""
        if self._chats.get(chat_id) == (title, kind):
            return
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO chats (chat_id, title, kind, active, first_seen_at, updated_at) "
                "VALUES (?, ?, ?, 1, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET "
                "title = coalesce(excluded.title, title), kind = excluded.kind, active = 1, "
                "updated_at = excluded.updated_at",
                (chat_id, title, kind, to_db_time(at), to_db_time(at)),
            )
        self._chats[chat_id] = (title, kind)

    async def set_active(self, chat_id: int, active: bool, at: datetime) -> None:
        self._chats.pop(chat_id, None)
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO chats (chat_id, kind, active, first_seen_at, updated_at) "
                "VALUES (?, 'group', ?, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET "
                "active = excluded.active, updated_at = excluded.updated_at",
                (chat_id, int(active), to_db_time(at), to_db_time(at)),
            )

    async def move(self, old_chat_id: int, new_chat_id: int, at: datetime) -> None:
        """The group has a new id (it became a supergroup); the old one is retired."""
        self._chats.pop(old_chat_id, None)
        self._chats.pop(new_chat_id, None)
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO chats (chat_id, title, kind, active, first_seen_at, updated_at) "
                "SELECT ?, title, 'supergroup', 1, first_seen_at, ? FROM chats WHERE chat_id = ? "
                "ON CONFLICT (chat_id) DO UPDATE SET active = 1, updated_at = excluded.updated_at",
                (new_chat_id, to_db_time(at), old_chat_id),
            )
            await conn.execute(
                "UPDATE chats SET active = 0, updated_at = ? WHERE chat_id = ?",
                (to_db_time(at), old_chat_id),
            )

    async def get(self, chat_id: int) -> GroupChat | None:
        row = await self.db.fetchone(
            "SELECT chat_id, title, active, first_seen_at, kind FROM chats WHERE chat_id = ?",
            (chat_id,),
        )
        if row is None:
            return None
        first_seen = from_db_time(row[3]) or datetime.min
        return GroupChat(row[0], row[1], bool(row[2]), first_seen, row[4] or "group")

    async def active_groups(self) -> list[GroupChat]:
        rows = await self.db.fetchall(
            "SELECT chat_id, title, active, first_seen_at FROM chats "
            "WHERE active = 1 AND kind IN ('group', 'supergroup') ORDER BY chat_id"
        )
        return [GroupChat(r[0], r[1], True, from_db_time(r[3]) or datetime.min) for r in rows]

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
        """Write the people noted since the last save (also when the bot stops)."""
        while self._unsaved:
            batch, self._unsaved = self._unsaved, {}
            async with self.db.transaction() as conn:
                await conn.executemany(
                    "INSERT INTO members (user_id, username, display_name, last_seen_at) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET "
                    "username = excluded.username, display_name = excluded.display_name, "
                    "last_seen_at = excluded.last_seen_at",
                    [(uid, *values) for uid, values in batch.items()],
                )

    async def find_member(self, username: str) -> Person | None:
        await self.save_members()
        row = await self.db.fetchone(
            "SELECT user_id, display_name, username FROM members "
            "WHERE username = ? COLLATE NOCASE ORDER BY last_seen_at DESC LIMIT 1",
            (username.lstrip("@"),),
        )
        return Person(row[0], row[1], row[2]) if row else None
