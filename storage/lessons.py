"""Lessons (`bot.core.lessons`): kept in the same transaction as the decision they record; and
what they taught the classifier, kept between starts (`bot.classify.kept`)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

from bot.core.lessons import Lesson, LessonSource
from storage.db import from_db_time, to_db_time
from storage.sql import Conn, Door, Row

__all__ = ["KeptState", "LessonStore", "record_lesson"]


@dataclass(frozen=True)
class KeptState:
    """What the lessons taught a classifier, as it kept it: every lesson up to `last_lesson`
    (`lessons` of them)."""

    state: bytes
    lessons: int
    last_lesson: int


def record_lesson(conn: Conn, lesson: Lesson, at: datetime) -> None:
    """Keep a lesson (work for the writer's thread, inside the decision's transaction)."""
    conn.execute(
        "INSERT INTO lessons (text, is_complaint, category, source, actor_id, at, ticket_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            lesson.text,
            int(lesson.is_complaint),
            lesson.category if lesson.is_complaint else None,
            lesson.source.value,
            lesson.actor_id,
            to_db_time(at),
            lesson.ticket_id,
        ),
    )


class LessonStore:
    def __init__(self, db: Door) -> None:
        self.db = db

    async def all(self, start: datetime | None = None, end: datetime | None = None) -> list[Lesson]:
        """Every lesson, oldest first (the order they were taught in); with `start` and `end`,
        those taught in [start, end) only (a month's ledger: not two years' read to keep one)."""
        span = "WHERE at >= ? AND at < ? " if start is not None and end is not None else ""
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} FROM lessons {span}ORDER BY id",
            (to_db_time(start), to_db_time(end)) if span else (),
        )
        # made off the event loop: two years' lessons for /export held every group's intake
        return await asyncio.to_thread(_lessons, rows)

    async def after(self, last_lesson: int) -> list[tuple[int, Lesson]]:
        """The lessons taught after lesson number `last_lesson` (0: every one), oldest first,
        with their numbers."""
        rows = await self.db.fetchall(
            f"SELECT id, {_COLUMNS} FROM lessons WHERE id > ? ORDER BY id", (last_lesson,)
        )
        return [(int(r["id"]), _lesson(r)) for r in rows]

    async def kept(self, made_by: str) -> KeptState | None:
        """The state kept by a classifier built as `made_by` says, while it still holds the
        first lessons as they are (lessons are only ever added, or all forgotten)."""
        row = await self.db.fetchone(
            "SELECT s.state, s.lessons, s.last_lesson, (SELECT count(*) FROM lessons "
            "WHERE id <= s.last_lesson) AS held FROM learned_state s WHERE s.made_by = ?",
            (made_by,),
        )
        if row is None or int(row["held"]) != int(row["lessons"]):
            return None
        return KeptState(bytes(row["state"]), int(row["lessons"]), int(row["last_lesson"]))

    async def kept_by(self) -> str | None:
        """Whose state is kept (its `made_by`), usable or not; None when none is."""
        row = await self.db.fetchone("SELECT made_by FROM learned_state", ())
        return str(row["made_by"]) if row is not None else None

    async def keep(self, made_by: str, kept: KeptState, at: datetime) -> None:
        """Keep what the lessons taught the classifier (in place of any state kept before)."""
        await self.db.write(
            lambda conn: conn.execute(
                "INSERT INTO learned_state (id, made_by, lessons, last_lesson, state, kept_at) "
                "VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                "made_by = excluded.made_by, lessons = excluded.lessons, "
                "last_lesson = excluded.last_lesson, state = excluded.state, "
                "kept_at = excluded.kept_at",
                (made_by, kept.lessons, kept.last_lesson, kept.state, to_db_time(at)),
            )
        )

    async def add(self, lesson: Lesson, at: datetime) -> None:
        await self.db.write(lambda conn: record_lesson(conn, lesson, at))

    async def forget(self) -> int:
        """Forget every lesson (`learned --reset`); how many there were."""

        def work(conn: Conn) -> int:
            conn.execute("DELETE FROM learned_state")  # what they taught goes with them
            return int(conn.execute("DELETE FROM lessons").rowcount)

        return int(await self.db.write(work))


_COLUMNS = "text, is_complaint, category, source, actor_id, at, ticket_id"


def _lessons(rows: list[Row]) -> list[Lesson]:
    return [_lesson(r) for r in rows]


def _lesson(row: Row) -> Lesson:
    return Lesson(
        text=row["text"],
        is_complaint=bool(row["is_complaint"]),
        category=row["category"],
        source=LessonSource(row["source"]),
        actor_id=row["actor_id"],
        at=from_db_time(row["at"]),
        ticket_id=row["ticket_id"],
    )
