"""The streaming import: chunks written as they are parsed, all or nothing, indexes kept."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from bot.core.imported import ImportedTicket
from bot.ledger.jsonl import _careful_ticket, _quick_ticket, read_jsonl, stream_jsonl
from bot.ledger.rows import LedgerError
from storage.db import Database
from storage.ledger import ImportClash, LedgerStore
from storage.sql import Door
from storage.tickets import TicketStore
from tests.factories import new_report
from tests.ledger.test_ledger import CATEGORIES, NOW, jsonl_of, populate


def records(exported: str) -> list[dict]:
    return [json.loads(line) for line in exported.splitlines()]


async def index_sql(db: Door) -> list[str]:
    """Every own index of the schema (name order), as the engine's catalogue states it."""
    if db.engine == "postgres":
        sql = (
            "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname"
        )
    else:
        sql = "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"
    return [r[0] for r in await db.fetchall(sql)]


async def counts(db: Database) -> tuple[int, int, int]:
    found = []
    for table in ("tickets", "reports", "events"):
        row = await db.fetchone(f"SELECT count(*) FROM {table}")
        found.append(row[0] if row else -1)
    return found[0], found[1], found[2]


async def test_the_quick_path_reads_what_the_careful_path_reads(db: Database):
    await populate(db)
    exported = records(await jsonl_of(db))
    variants = [
        *exported,
        exported[0] | {"location": None, "team": None, "due_at": None, "rating": None},
        exported[0] | {"reports": []},
        exported[0] | {"reports": [exported[0]["reports"][0] | {"user_id": None}]},
        exported[0] | {"category": "电梯", "created_at": "2026-11-03T09:00:00+08:00"},
    ]
    for line, record in enumerate(variants, start=1):
        assert _quick_ticket(line, record, CATEGORIES) == _careful_ticket(line, record, CATEGORIES)


@pytest.mark.parametrize(
    "change",
    [
        {"id": True},
        {"urgent": 1},
        {"status": ["open"]},
        {"reports": [{"chat_id": None, "message_id": 1, "user_id": 1, "text": "x",
                      "received_at": "2026-11-01T00:00:00+00:00"}]},
        {"done_at": "2026-01-01T00:00:00+00:00"},
        {"created_at": "2026-11-03T09:00:00"},
    ],
)  # fmt: skip
async def test_an_odd_record_falls_to_the_careful_path_which_names_it(db: Database, change):
    await populate(db)
    record = records(await jsonl_of(db))[0] | change
    with pytest.raises((ValueError, TypeError, KeyError)):
        _quick_ticket(1, record, CATEGORIES)
    with pytest.raises(LedgerError):
        read_jsonl([json.dumps(record)], CATEGORIES)


def chunks_then_fail(tickets: Sequence[ImportedTicket]) -> Iterator[list[ImportedTicket]]:
    yield list(tickets[:2])
    yield list(tickets[2:])
    raise LedgerError(["line 99: bad"])


async def test_a_bad_row_after_chunks_were_written_leaves_nothing(db: Database, fresh: Database):
    await populate(db)
    tickets = read_jsonl(io.StringIO(await jsonl_of(db)), CATEGORIES)
    indexes = await index_sql(fresh)
    with pytest.raises(LedgerError):
        await LedgerStore(fresh).import_stream(chunks_then_fail(tickets), NOW)
    assert await counts(fresh) == (0, 0, 0)
    assert await index_sql(fresh) == indexes  # dropped for the bulk load, back after rollback


async def test_many_chunks_into_an_empty_database_rebuild_the_indexes(
    db: Database, fresh: Database
):
    await populate(db)
    exported = await jsonl_of(db)
    indexes = await index_sql(fresh)
    one_per_chunk = ([t] for t in read_jsonl(io.StringIO(exported), CATEGORIES))
    outcome = await LedgerStore(fresh).import_stream(one_per_chunk, NOW)
    assert (outcome.tickets, outcome.first_id, outcome.last_id) == (4, 1, 4)
    assert await jsonl_of(fresh) == exported
    assert await index_sql(fresh) == indexes
    if fresh.engine == "sqlite":  # PostgreSQL's planner scans a four-row table whatever it has
        plan = await fresh.fetchall(
            "EXPLAIN QUERY PLAN SELECT id FROM tickets WHERE chat_id = ? AND status = 'open'",
            (-1,),
        )
        assert any("tickets_chat_status" in str(tuple(r)) for r in plan)
    filed = await TicketStore(fresh).file_report(new_report(9999, chat_id=-77))
    assert filed.ticket.id == 5  # numbering goes on after the imported tickets, on either engine


async def test_a_clash_in_a_later_chunk_is_named_and_nothing_changes(db: Database, tmp_path: Path):
    ids = await populate(db)
    before = await jsonl_of(db)
    later = [json.dumps(r | {"id": r["id"] + 1000, "reports": []}) for r in records(before)] + [
        json.dumps(records(before)[0] | {"reports": []})
    ]
    chunked = ([t] for chunk in stream_jsonl(later, CATEGORIES) for t in chunk)
    with pytest.raises(ImportClash) as caught:
        await LedgerStore(db).import_stream(chunked, NOW)
    assert caught.value.ticket_ids == (ids["lift"],)
    assert await jsonl_of(db) == before


def test_a_jsonl_ledger_of_the_first_release_imports():
    """The first ledgers had no deadlines, teams or household counts: read with none, level 0
    and none (QA round 4: they were refused as "due_at is missing")."""
    old = {
        "id": 1, "chat_id": -1, "category": "lift", "status": "done", "location": "3栋",
        "urgent": False, "created_at": "2026-11-01T01:00:00+00:00", "assignee_id": 9001,
        "done_at": "2026-11-01T05:00:00+00:00", "done_note": "已修好", "rating": "satisfied",
        "reports": [{"chat_id": -1, "message_id": 10, "user_id": 501, "text": "3栋电梯坏了",
                     "received_at": "2026-11-01T01:00:00+00:00"}],
    }  # fmt: skip
    [ticket] = read_jsonl(io.StringIO(json.dumps(old, ensure_ascii=False) + "\n"), CATEGORIES)
    assert (ticket.id, ticket.due_at, ticket.escalation_level, ticket.team) == (1, None, 0, None)
