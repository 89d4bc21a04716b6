"""A district's worth of made-up history, written straight into the tables (for benchmarks).

Tickets spread evenly over the groups and over the period, each with one or two reports and
its history; older tickets are done and mostly rated (some after a reopening), one in a
hundred is stuck unfinished, recent ones are still open. Written with
`executemany` in large batches inside one transaction, as an import is.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from bot.core.categories import CATEGORIES
from storage.db import to_db_time
from storage.dialect import numbers_follow_ids
from storage.ledger_import import drop_bulk_indexes
from storage.rows import INSERT_EVENT
from storage.sql import Conn, Door

__all__ = ["fill"]

_PLACES = ("栋", "号楼", "单元", "地下车库", "东门", "篮球场", "中心花园")
_TEXTS = ("电梯坏了", "垃圾没人收", "停水了", "楼道灯不亮", "车位被占", "楼上漏水", "噪音扰民")
_RATINGS = ("satisfied", "satisfied", "basically_satisfied", "dissatisfied", None)
BATCH = 20_000


def _rows(
    count: int, groups: int, start: datetime, days: int, seed: int
) -> Iterator[tuple[tuple[Any, ...], list[tuple[Any, ...]], list[tuple[Any, ...]]]]:
    rng = random.Random(seed)
    span = timedelta(days=days).total_seconds()
    end = start + timedelta(days=days)
    categories = [c for c in CATEGORIES]
    for number in range(1, count + 1):
        created = start + timedelta(seconds=span * (number - 0.5) / count)
        chat_id = -1_000_000_000_000 - rng.randrange(groups)
        category = rng.choice(categories)
        place = f"{rng.randint(1, 30)}{rng.choice(_PLACES)}"
        text = f"{place}{rng.choice(_TEXTS)} {number}"
        due = created + timedelta(hours=category.due_hours)
        age = (end - created).days
        status, done_at, rating, assignee = "open", None, None, None
        if age > 3 or rng.random() < 0.5:
            assignee = 9000 + rng.randrange(20)
            status = "assigned"
        reopened = 0
        if age > 5 and rng.random() >= 0.01:  # one in a hundred old tickets is still stuck
            done_at = created + timedelta(hours=rng.uniform(1, category.due_hours * 1.5))
            rating = rng.choice(_RATINGS)
            status = "closed"
            if rating == "dissatisfied":  # reopened, done again a few days later, rated again
                reopened, rating = 1, "basically_satisfied"
                done_at += timedelta(days=rng.uniform(1, 4))
        households = 1 + (rng.random() < 0.2)
        at = to_db_time(created)
        ticket = (
            number, chat_id, category.id, status, place, int(rng.random() < 0.03), text,
            at, at, assignee, f"网格员{assignee}" if assignee else None, to_db_time(done_at),
            "已处理" if done_at else None, 100_000 + number, "居民", households, to_db_time(due),
            category.team, 0, rating, to_db_time(done_at) if status == "closed" else None, reopened,
            None, at if assignee else None,
        )  # fmt: skip
        reports = [
            (number, chat_id, number * 2 + k, 100_000 + number + k, "居民", text, at, "sent")
            for k in range(households)
        ]
        events: list[tuple[Any, ...]] = [(number, 100_000 + number, "居民", "create", at, None)]
        if done_at:
            events.append((number, assignee, "网格员", "done", to_db_time(done_at), "已处理"))
        yield ticket, reports, events


def _fill(conn: Conn, count: int, groups: int, start: datetime, days: int, seed: int) -> None:
    conn.executemany(
        "INSERT INTO chats (chat_id, title, kind, active, first_seen_at, updated_at) "
        "VALUES (?, ?, 'supergroup', 1, ?, ?) ON CONFLICT (chat_id) DO NOTHING",
        [
            (-1_000_000_000_000 - g, f"{g + 1}号楼业主群", to_db_time(start), to_db_time(start))
            for g in range(groups)
        ],
    )
    indexes = drop_bulk_indexes(conn)  # built again once at the end: a sort, not scattered inserts
    tickets: list[tuple[Any, ...]] = []
    reports: list[tuple[Any, ...]] = []
    events: list[tuple[Any, ...]] = []
    for ticket, more_reports, more_events in _rows(count, groups, start, days, seed):
        tickets.append(ticket)
        reports.extend(more_reports)
        events.extend(more_events)
        if len(tickets) >= BATCH:
            _flush(conn, tickets, reports, events)
    _flush(conn, tickets, reports, events)
    for sql in indexes:
        conn.execute(sql)
    numbers_follow_ids(conn)


def _flush(
    conn: Conn,
    tickets: list[tuple[Any, ...]],
    reports: list[tuple[Any, ...]],
    events: list[tuple[Any, ...]],
) -> None:
    conn.executemany(
        "INSERT INTO tickets (id, chat_id, category, status, location, urgent, summary, "
        "created_at, updated_at, assignee_id, assignee_name, done_at, done_note, reporter_id, "
        "reporter_name, households, due_at, team, escalation_level, rating, closed_at, "
        f"reopened, merged_into, assigned_at) VALUES ({', '.join('?' * 24)})",
        tickets,
    )
    conn.executemany(
        "INSERT INTO reports (ticket_id, chat_id, message_id, user_id, display_name, text, "
        "received_at, ack_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        reports,
    )
    conn.executemany(INSERT_EVENT, events)
    tickets.clear()
    reports.clear()
    events.clear()


async def fill(
    db: Door, tickets: int, groups: int, end: datetime, days: int = 730, seed: int = 7
) -> None:
    """Write `tickets` tickets over `groups` groups in the `days` before `end` (into an empty
    database: numbers start at 1)."""
    start = end - timedelta(days=days)
    await db.write(lambda conn: _fill(conn, tickets, groups, start, days, seed))
