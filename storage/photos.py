"""Residents' photos: kept by Telegram file id, with the ticket they show (or none yet)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from bot.core.photos import Picture
from storage.db import from_db_time, to_db_time
from storage.rows import ACTIVE
from storage.sql import Conn, Door, Row

__all__ = ["NewPhoto", "Photo", "PhotoStore", "attach_photos", "keep_photo"]

_COLUMNS = (
    "id, chat_id, message_id, user_id, file_id, file_unique_id, album, sent_at, ticket_id, staff, "
    "mime"
)


@dataclass(frozen=True)
class NewPhoto:
    """A photo a resident posted in a group (the largest size Telegram offers)."""

    chat_id: int
    message_id: int
    user_id: int | None
    file_id: str
    file_unique_id: str
    album: str | None  # Telegram's media_group_id: photos sent together
    sent_at: datetime
    staff: bool = False  # a worker's picture of the handling (sent with /done, /note)
    mime: str | None = None  # a picture sent as a file: its type (None: a photo)

    @classmethod
    def of(
        cls, chat_id: int, message_id: int, user_id: int | None, picture: Picture,
        staff: bool = False,
    ) -> NewPhoto:  # fmt: skip
        """The photo of a message, as kept."""
        return cls(
            chat_id, message_id, user_id, picture.file_id, picture.file_unique_id, picture.album,
            picture.sent_at, staff, picture.mime,
        )  # fmt: skip


@dataclass(frozen=True)
class Photo:
    id: int
    chat_id: int
    message_id: int
    user_id: int | None
    file_id: str
    file_unique_id: str
    album: str | None
    sent_at: datetime
    ticket_id: int | None
    staff: bool = False
    mime: str | None = None  # a picture sent as a file: its type (None: a photo)


def _photo(row: Row) -> Photo:
    sent_at = from_db_time(row["sent_at"])
    assert sent_at is not None
    return Photo(
        id=row["id"],
        chat_id=row["chat_id"],
        message_id=row["message_id"],
        user_id=row["user_id"],
        file_id=row["file_id"],
        file_unique_id=row["file_unique_id"],
        album=row["album"],
        sent_at=sent_at,
        ticket_id=row["ticket_id"],
        staff=bool(row["staff"]),
        mime=row["mime"],
    )


def keep_photo(conn: Conn, photo: NewPhoto) -> None:
    """Keep a photo, once (work for the writer's thread)."""
    conn.execute(
        "INSERT INTO photos (chat_id, message_id, user_id, file_id, file_unique_id, album, "
        "sent_at, staff, mime) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (chat_id, message_id) DO NOTHING",
        (
            photo.chat_id,
            photo.message_id,
            photo.user_id,
            photo.file_id,
            photo.file_unique_id,
            photo.album,
            to_db_time(photo.sent_at),
            int(photo.staff),
            photo.mime,
        ),
    )


def attach_photos(
    conn: Conn, ticket_id: int, chat_id: int, message_id: int, user_id: int | None,
    since: datetime | None, until: datetime | None, staff: bool = False,
) -> int:  # fmt: skip
    """The photo of one message with the loose photos sent together with it (its album), and
    (`since`..`until`) its sender's loose photos then. `staff`: the message's (and its album's)
    are a worker's pictures of the handling."""
    # its own photo and its album's go with the ticket (a worker's marked as the handling's)
    taken = "ticket_id = ?, staff = CASE WHEN ? = 1 THEN 1 ELSE staff END"
    count = int(
        conn.execute(
            f"UPDATE photos SET {taken} WHERE chat_id = ? AND message_id = ? AND ticket_id IS NULL",
            (ticket_id, int(staff), chat_id, message_id),
        ).rowcount
    )
    count += int(
        conn.execute(
            f"UPDATE photos SET {taken} WHERE chat_id = ? AND ticket_id IS NULL "
            "AND album IN (SELECT album FROM photos WHERE chat_id = ? AND message_id = ? "
            "AND album IS NOT NULL)",
            (ticket_id, int(staff), chat_id, chat_id, message_id),
        ).rowcount
    )
    if since is not None and until is not None and user_id is not None:
        count += int(
            conn.execute(
                "UPDATE photos SET ticket_id = ? WHERE chat_id = ? AND user_id = ? "
                "AND ticket_id IS NULL AND sent_at >= ? AND sent_at <= ?",
                (ticket_id, chat_id, user_id, to_db_time(since), to_db_time(until)),
            ).rowcount
        )
    return count


class PhotoStore:
    def __init__(self, db: Door) -> None:
        self.db = db

    async def keep(self, photo: NewPhoto) -> Photo:
        """Keep a photo (once: the same message again changes nothing); as kept."""
        await self.db.write(partial(keep_photo, photo=photo))
        found = await self.at(photo.chat_id, photo.message_id)
        assert found is not None
        return found

    async def at(self, chat_id: int, message_id: int) -> Photo | None:
        row = await self.db.fetchone(
            f"SELECT {_COLUMNS} FROM photos WHERE chat_id = ? AND message_id = ?",
            (chat_id, message_id),
        )
        return _photo(row) if row is not None else None

    async def of_messages(self, keys: Collection[tuple[int, int]]) -> dict[tuple[int, int], Photo]:
        """The photos of these messages (chat id, message id), by message, in one read."""
        if not keys:
            return {}
        pairs = sorted(set(keys))
        where = " OR ".join("(chat_id = ? AND message_id = ?)" for _ in pairs)
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} FROM photos WHERE {where}", [n for pair in pairs for n in pair]
        )
        return {(p.chat_id, p.message_id): p for p in map(_photo, rows)}

    async def get(self, photo_id: int) -> Photo | None:
        row = await self.db.fetchone(f"SELECT {_COLUMNS} FROM photos WHERE id = ?", (photo_id,))
        return _photo(row) if row is not None else None

    async def attach(
        self,
        ticket_id: int,
        chat_id: int,
        message_id: int,
        *,
        user_id: int | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        staff: bool = False,
    ) -> int:
        """Give a ticket the photo of a message, and the loose photos its sender posted between
        `since` and `until` (a photo sent just before the words); how many it was given.
        `staff`: the message's photo (its album's) is a worker's of the handling (办理照片)."""
        work = partial(
            attach_photos, ticket_id=ticket_id, chat_id=chat_id, message_id=message_id,
            user_id=user_id, since=since, until=until, staff=staff,
        )  # fmt: skip
        return int(await self.db.write(work))

    async def album_ticket(self, chat_id: int, album: str, message_id: int) -> int | None:
        """The ticket another photo of this album (sent together with message `message_id`)
        went with, if any: the rest of the album goes there too."""
        mate = await self.album_mate(chat_id, album, message_id)
        return mate.ticket_id if mate is not None else None

    async def album_mate(self, chat_id: int, album: str, message_id: int) -> Photo | None:
        """The first photo of this album kept with a ticket, other than message `message_id`."""
        row = await self.db.fetchone(
            f"SELECT {_COLUMNS} FROM photos WHERE chat_id = ? AND album = ? AND message_id <> ? "
            "AND ticket_id IS NOT NULL ORDER BY id LIMIT 1",
            (chat_id, album, message_id),
        )
        return _photo(row) if row is not None else None

    async def reported_since(self, chat_id: int, user_id: int, since: datetime) -> int | None:
        """The open ticket this person reported (or joined) in this group since `since`, the
        latest, if any: where a photo sent right after her words belongs."""
        row = await self.db.fetchone(
            "SELECT r.ticket_id FROM reports r WHERE r.chat_id = ? AND r.user_id = ? "
            "AND r.received_at >= ? AND r.ticket_id IN (SELECT id FROM tickets t WHERE "
            f"t.{ACTIVE}) ORDER BY r.received_at DESC, r.id DESC LIMIT 1",
            (chat_id, user_id, to_db_time(since)),
        )
        return int(row["ticket_id"]) if row is not None else None

    async def of_ticket(self, ticket_id: int) -> list[Photo]:
        """A ticket's photos, in the order they were sent."""
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} FROM photos WHERE ticket_id = ? ORDER BY sent_at, id",
            (ticket_id,),
        )
        return [_photo(r) for r in rows]

    async def counts(self, ticket_ids: Collection[int]) -> dict[int, int]:
        """How many photos each of these tickets has (none: left out)."""
        ids = sorted(set(ticket_ids))
        if not ids:
            return {}
        marks = ", ".join("?" * len(ids))
        rows = await self.db.fetchall(
            f"SELECT ticket_id, COUNT(*) AS n FROM photos WHERE ticket_id IN ({marks}) "
            "GROUP BY ticket_id",
            ids,
        )
        return {int(r["ticket_id"]): int(r["n"]) for r in rows}

    async def count(self, ticket_id: int, *, sent_in: int | None = None) -> int:
        """How many photos a ticket has (`sent_in`: only those sent in that chat — what another
        group, whose report was merged into it, may hear of)."""
        sql, params = "SELECT COUNT(*) AS n FROM photos WHERE ticket_id = ?", [ticket_id]
        if sent_in is not None:
            sql, params = sql + " AND chat_id = ?", [ticket_id, sent_in]
        row = await self.db.fetchone(sql, params)
        return int(row["n"]) if row is not None else 0

    async def forget_loose(self, before: datetime) -> int:
        """Forget the photos about no ticket sent before `before`; how many."""

        def work(conn: Conn) -> int:
            return int(
                conn.execute(
                    "DELETE FROM photos WHERE ticket_id IS NULL AND sent_at < ?",
                    (to_db_time(before),),
                ).rowcount
            )

        return int(await self.db.write(work))
