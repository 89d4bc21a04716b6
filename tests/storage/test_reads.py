"""Reads see every write that finished before them, however many other reads are in flight."""

from __future__ import annotations

import asyncio
from pathlib import Path

from storage.db import Database


async def test_a_read_after_a_write_sees_it_while_other_reads_are_under_way(tmp_path: Path):
    """Under load (fifteen groups in a storm) the reader is never idle: a read begun before a
    write must not hold the connection's view of the database for the reads after it, or an
    acknowledgement marked sent is read as still waiting and posted again."""
    db = await Database.open(tmp_path / "reads.sqlite3")
    await db.write(
        lambda conn: conn.executemany(
            "INSERT INTO chats (chat_id, kind, title, first_seen_at, updated_at) "
            "VALUES (?, 'group', ?, '2026-11-23T01:00:00+00:00', '2026-11-23T01:00:00+00:00')",
            [(-n, "old") for n in range(1, 201)],
        )
    )
    stop = asyncio.Event()

    async def busy_reader() -> None:
        while not stop.is_set():
            await db.fetchone("SELECT title FROM chats ORDER BY chat_id")  # many rows, one wanted

    readers = [asyncio.create_task(busy_reader()) for _ in range(8)]
    stale = []
    try:
        for round_ in range(60):
            title = f"t{round_}"
            await db.write(
                lambda conn, title=title: conn.execute(
                    "UPDATE chats SET title = ? WHERE chat_id = -1", (title,)
                )
            )
            row = await db.fetchone("SELECT title FROM chats WHERE chat_id = -1")
            if row is None or row["title"] != title:
                stale.append((title, None if row is None else row["title"]))
    finally:
        stop.set()
        await asyncio.gather(*readers)
        await db.close()
    assert stale == []
