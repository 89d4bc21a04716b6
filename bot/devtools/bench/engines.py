"""Benchmark: the same district on both engines, side by side (docs/scaling.md).

The cached history of `bench storage` (up to a million tickets in 1,000 groups) is copied for
SQLite and moved into a new PostgreSQL database with `migrate-to-postgres`'s own path (which is
timed too). On each engine: a group's daily digest and /list, as `bench storage` times them,
and the intake's write path — complaints filed through `TicketStore.file_report` by 50
concurrent callers into the full database, as a burst in many groups is — in complaints a
second with the median and p95 time of one filing. The PostgreSQL database is dropped after.
"""

from __future__ import annotations

import asyncio
import random
import shutil
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

from bot.core.tickets import Person
from storage.filing import NewReport
from storage.postgres import with_database
from storage.sql import Door
from storage.stores import open_database
from storage.tickets import TicketStore

from .storage import END, GROUPS, _config, _district, _ms, digest_and_list

__all__ = ["measure_engines"]

CALLERS = 50
_CATEGORIES = ("lift", "water", "sanitation", "parking", "noise", "lighting")


def _admin(server: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql)


async def _reads(db: Door, size: int, samples: int) -> dict[str, Any]:
    rng = random.Random(size)
    chats = [-1_000_000_000_000 - rng.randrange(min(GROUPS, size)) for _ in range(samples)]
    return await digest_and_list(db, _config(Path("bench.sqlite3")), chats)


async def _intake(db: Door, complaints: int) -> dict[str, Any]:
    """`complaints` new reports filed by CALLERS concurrent callers; per-filing latencies."""
    tickets = TicketStore(db)
    rng = random.Random(complaints)
    latencies: list[float] = []
    queue: asyncio.Queue[int] = asyncio.Queue()
    for number in range(complaints):
        queue.put_nowait(number)

    async def caller() -> None:
        while not queue.empty():
            number = queue.get_nowait()
            group = -1_000_000_000_000 - rng.randrange(GROUPS)
            report = NewReport(
                chat_id=group, message_id=50_000_000 + number,
                author=Person(3_000_000 + number, f"居民{number}"),
                text=f"{number % 40 + 1}栋{number % 3 + 1}单元 第{number}号投诉",
                received_at=END + timedelta(seconds=number),
                category=_CATEGORIES[number % len(_CATEGORIES)], urgent=False,
                location=f"{number % 40 + 1}栋",
            )  # fmt: skip
            started = time.perf_counter()
            await tickets.file_report(report)
            latencies.append(time.perf_counter() - started)

    began = time.perf_counter()
    await asyncio.gather(*(caller() for _ in range(CALLERS)))
    elapsed = time.perf_counter() - began
    return {"complaints": complaints, "per_s": round(complaints / elapsed), **_ms(latencies)}


async def _on(target: Path | str, size: int, samples: int, complaints: int) -> dict[str, Any]:
    db = await open_database(target)
    try:
        figures = await _reads(db, size, samples)
        figures["intake"] = await _intake(db, complaints)
    finally:
        await db.close()
    return figures


def measure_engines(
    postgres: str, size: int = 1_000_000, samples: int = 50, complaints: int = 2_000
) -> dict[str, Any]:
    """Figures for SQLite and PostgreSQL on the same `size`-ticket district."""
    from storage.transfer import move_to_postgres

    _admin(postgres, "SELECT 1")  # an unreachable server is said before minutes of building
    source, _ = asyncio.run(_district(size))
    results: dict[str, Any] = {"tickets": size, "groups": GROUPS, "callers": CALLERS}
    with tempfile.TemporaryDirectory(prefix="yuanzi-bench-") as folder:
        copy = Path(folder) / "district.sqlite3"
        shutil.copyfile(source, copy)  # the cache itself is neither migrated nor written to
        name = f"yuanzi_bench_{uuid.uuid4().hex[:8]}"
        _admin(postgres, f'CREATE DATABASE "{name}"')
        url = with_database(postgres, name)
        try:
            started = time.perf_counter()
            asyncio.run(move_to_postgres(copy, url))
            moved = time.perf_counter() - started
            results["sqlite"] = asyncio.run(_on(copy, size, samples, complaints))
            results["postgres"] = asyncio.run(_on(url, size, samples, complaints))
            results["postgres"]["moved_in_s"] = round(moved, 1)
        finally:
            _admin(postgres, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return results
