"""JSON lines read by worker processes (real ones, spawned) write what one process writes, and
name the same bad lines, wherever the blocks split the file; times stay UTC text throughout."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.core.timeutil import utc_text
from bot.ledger.jsonl import read_jsonl
from bot.ledger.parallel import _spans, read_prepared
from bot.ledger.rows import LedgerError, parse_utc_text
from storage.db import Database, to_db_time
from storage.ledger import LedgerStore
from tests.ledger.test_import import counts, index_sql, records
from tests.ledger.test_ledger import CATEGORIES, MINIMAL_RECORD, NOW, jsonl_of, populate


@pytest.mark.parametrize("workers", [1, 2])
async def test_blocks_read_by_workers_store_what_was_exported(
    db: Database, fresh: Database, workers: int, tmp_path: Path
):
    await populate(db)
    exported = await jsonl_of(db)
    indexes = await index_sql(fresh)
    source = tmp_path / "ledger.jsonl"
    source.write_text(exported, encoding="utf-8")
    assert len(list(_spans(source, 600))) > 2  # with two workers: a real pool of processes
    blocks = read_prepared(source, CATEGORIES, workers=workers, block_bytes=600)
    outcome = await LedgerStore(fresh).import_blocks(blocks, NOW)
    assert (outcome.tickets, outcome.first_id, outcome.last_id) == (4, 1, 4)
    assert outcome.reports == sum(len(r["reports"]) for r in records(exported))
    assert await jsonl_of(fresh) == exported
    assert await index_sql(fresh) == indexes


async def test_lines_bad_in_different_blocks_are_all_named_and_nothing_is_stored(
    db: Database, fresh: Database, tmp_path: Path
):
    await populate(db)
    good = records(await jsonl_of(db))
    first_report = next(r for r in good if r["reports"])
    lines = [json.dumps(r) for r in good] + [
        "",
        json.dumps(good[1] | {"reports": []}),  # line 6: its number again
        json.dumps(first_report | {"id": 77}),  # line 7: its messages again
        "{not json",  # line 8
        json.dumps(good[0] | {"id": 78, "reports": [], "status": "lost"}),
    ]
    with pytest.raises(LedgerError) as serial:
        read_jsonl(lines, CATEGORIES)
    source = tmp_path / "ledger.jsonl"  # with a byte order mark and Windows line ends
    source.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8"))
    with pytest.raises(LedgerError) as parallel:
        await LedgerStore(fresh).import_blocks(
            read_prepared(source, CATEGORIES, workers=2, block_bytes=600), NOW
        )
    assert parallel.value.problems == serial.value.problems
    first_line = good.index(first_report) + 1
    repeated = "; ".join(
        f"report of message {r['message_id']} is repeated (first on line {first_line})"
        for r in first_report["reports"]
    )
    assert parallel.value.problems[:3] == (
        f"line 6: id {good[1]['id']} is repeated (first on line 2)",
        f"line 7: {repeated}",
        "line 8: not valid JSON (Expecting property name enclosed in double quotes, column 2)",
    )
    assert await counts(fresh) == (0, 0, 0)


def test_times_in_the_stored_form_pass_as_they_are_others_are_converted():
    moment = datetime(2026, 11, 3, 9, 30, 15, 500, tzinfo=timezone(timedelta(hours=8)))
    assert utc_text(moment) == to_db_time(moment) == "2026-11-03T01:30:15+00:00"
    stored = "2026-11-03T01:30:15+00:00"
    assert parse_utc_text(stored) is stored
    for other in (
        "2026-11-03T09:30:15+08:00",
        "2026-11-03 01:30:15+00:00",
        "2026-W45-2T01:30:15+00:00",  # an ISO week date, the same day
        "2026-11-03T01:30:15.25+00:00",
        "2026-11-03T01:30:15Z",
    ):
        assert parse_utc_text(other) == stored, other
    assert parse_utc_text("2026-11-03T01:30:15") is None  # no offset: not for us to guess
    with pytest.raises(ValueError):
        parse_utc_text("2026-13-03T01:30:15+00:00")
    assert datetime.fromisoformat(stored) == moment.replace(microsecond=0).astimezone(UTC)


async def test_a_block_that_is_not_utf8_stops_the_import_with_nothing_stored(
    db: Database, fresh: Database, tmp_path: Path
):
    await populate(db)
    exported = (await jsonl_of(db)).encode("utf-8")
    source = tmp_path / "ledger.jsonl"
    source.write_bytes(exported + '{"text": "电梯坏了"}\n'.encode("gb18030") + exported)
    with pytest.raises(UnicodeDecodeError):
        await LedgerStore(fresh).import_blocks(
            read_prepared(source, CATEGORIES, workers=2, block_bytes=600), NOW
        )
    assert await counts(fresh) == (0, 0, 0)


@pytest.mark.parametrize("line_end", ["\r", "\r\n", "\n"])
async def test_lines_end_as_in_a_text_file_whatever_the_line_ends(
    db: Database, fresh: Database, tmp_path: Path, line_end: str
):
    await populate(db)
    good = (await jsonl_of(db)).splitlines()
    lines = [*good[:2], "", '{"id": 99,}', *good[2:], "[]"]  # lines 4 and 7 are bad
    source = tmp_path / "ledger.jsonl"
    source.write_bytes(line_end.join(lines).encode("utf-8"))
    with source.open(encoding="utf-8-sig") as text, pytest.raises(LedgerError) as serial:
        read_jsonl(text, CATEGORIES)  # what reading the file as text makes of it
    with pytest.raises(LedgerError) as parallel:
        await LedgerStore(fresh).import_blocks(
            read_prepared(source, CATEGORIES, workers=2, block_bytes=600), NOW
        )
    assert parallel.value.problems == serial.value.problems
    assert [p.split(":")[0] for p in parallel.value.problems] == ["line 4", "line 7"]


def test_a_time_out_of_range_is_no_time():
    with pytest.raises(ValueError, match="out of range"):
        parse_utc_text("0001-01-01T00:30:00+01:00")  # before the first UTC moment
    try:
        text = parse_utc_text("2026-11-03T24:00:00+00:00")
    except ValueError:  # before Python 3.14, hour 24 is no time at all
        text = None
    assert text in (None, "2026-11-04T00:00:00+00:00")
    record = MINIMAL_RECORD | {"created_at": "0001-01-01T00:30:00+01:00"}
    with pytest.raises(LedgerError) as caught:
        read_jsonl([json.dumps(record)], CATEGORIES)
    assert caught.value.problems == (
        'line 1: created_at "0001-01-01T00:30:00+01:00" is not an ISO 8601 time',
    )
