"""Lessons (`bot.core.lessons`): kept in the same transaction as the decision they record."""

from __future__ import annotations

from datetime import datetime

from bot.core.lessons import Lesson, LessonSource
from storage.db import from_db_time, to_db_time
from storage.sql import Conn, Door

__all__ = ["LessonStore", "record_lesson"]


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
            "SELECT text, is_complaint, category, source, actor_id, at, ticket_id FROM lessons "
            f"{span}ORDER BY id",
            (to_db_time(start), to_db_time(end)) if span else (),
        )
        return [
            Lesson(
                text=r["text"],
                is_complaint=bool(r["is_complaint"]),
                category=r["category"],
                source=LessonSource(r["source"]),
                actor_id=r["actor_id"],
                at=from_db_time(r["at"]),
                ticket_id=r["ticket_id"],
            )
            for r in rows
        ]

    async def add(self, lesson: Lesson, at: datetime) -> None:
        await self.db.write(lambda conn: record_lesson(conn, lesson, at))

    async def forget(self) -> int:
        """Forget every lesson (`learned --reset`); how many there were."""

        def work(conn: Conn) -> int:
            return int(conn.execute("DELETE FROM lessons").rowcount)

        return int(await self.db.write(work))
