"""Reads see every write that finished before them, however many other reads are in flight."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime
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


async def test_a_desk_search_does_not_hold_up_the_bots_reads(tmp_path: Path) -> None:
    """The desk's search and download read the whole history (half a second at 100,000
    tickets, seconds at a million); on the bot's one reader every group's reads — its pending
    acknowledgements, its chat — waited behind them. The desk reads on a connection of its own."""
    from storage.desk import SearchTerm, TicketFilter
    from storage.stores import Stores

    stores = await Stores.open(tmp_path / "desk.sqlite3")
    held, release = threading.Event(), threading.Event()

    def hold() -> int:  # a search that takes as long as the test wants
        held.set()
        release.wait(10)
        return 1

    desk_door = stores.desk.db
    await desk_door.fetchone("SELECT 1")  # its connection, opened
    await desk_door._reader.create_function("hold", 0, hold)  # type: ignore[attr-defined]
    try:
        slow = asyncio.create_task(desk_door.fetchone("SELECT hold()"))
        await asyncio.to_thread(held.wait, 10)
        search = asyncio.create_task(
            stores.desk.search(TicketFilter(words=(SearchTerm("漏水"),)), datetime.now(UTC))
        )  # (the desk's own reads still follow one another)
        bots = asyncio.create_task(stores.tickets.pending_acks())
        done, _ = await asyncio.wait({slow, bots}, return_when=asyncio.FIRST_COMPLETED)
        assert done == {bots}
        assert not search.done()
    finally:
        release.set()
    await asyncio.gather(slow, search)
    await stores.db.close()
