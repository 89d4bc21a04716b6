"""A ticket reopened as not fixed (its reporter answered 不满意) in every ledger format: 办理中,
with no 办结时间 nor 办理结果 (the /done its reporter rejected is not an outcome), and each
format still reads back what it wrote."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

from bot.core.tickets import Rating, Status
from bot.ledger.export import write_csv
from bot.ledger.jsonl import read_jsonl
from bot.ledger.rows import HEADERS
from bot.ledger.xlsx import read_workbook
from storage.db import Database
from storage.ledger import LedgerStore
from storage.ticket_actions import TicketActions
from storage.tickets import TicketStore
from tests.factories import new_report
from tests.ledger.test_ledger import (
    CATEGORIES,
    EAST,
    NOW,
    T0,
    TZ,
    WORKER,
    ZHANG,
    cell_values,
    jsonl_of,
    populate,
    workbook_bytes,
)

DONE, NOTE = HEADERS.index("办结时间"), HEADERS.index("办理结果")
RATING, STATUS = HEADERS.index("满意度"), HEADERS.index("状态")
PLEASED = HEADERS.index("满意户数")


async def reopened(db: Database) -> int:
    """The lift of `populate`, done again, and reopened: its only household is not pleased."""
    await populate(db)  # beside done, closed, cancelled and open tickets, shown as before
    tickets, actions = TicketStore(db), TicketActions(db)
    gate = await tickets.file_report(
        new_report(30, "小区门禁坏了", chat_id=EAST, at=T0, author=ZHANG, category="facilities")
    )
    number = gate.ticket.id
    await actions.assign(number, EAST, WORKER, WORKER, T0 + timedelta(hours=1))
    await actions.mark_done(number, EAST, "已重启", WORKER, T0 + timedelta(hours=2))
    await actions.rate(number, ZHANG, Rating.DISSATISFIED, T0 + timedelta(hours=3))
    assert (await tickets.get(number)).status is Status.ASSIGNED
    return number


async def test_a_reopened_ticket_has_no_outcome_in_the_workbook_and_reads_back(
    db: Database, fresh: Database
):
    number = await reopened(db)
    first = await workbook_bytes(db)
    rows = {row[0]: row for row in cell_values(first)[1:]}
    row = rows[number]
    assert row[STATUS] == "办理中" and row[DONE] is None and row[NOTE] is None
    assert row[RATING] == "不满意"  # what its household said stays
    assert rows[1][DONE] is not None and rows[1][NOTE] == "已更换门机板"  # a closed one: kept
    await LedgerStore(fresh).import_stream([read_workbook(io.BytesIO(first), CATEGORIES, TZ)], NOW)
    assert cell_values(await workbook_bytes(fresh)) == cell_values(first)


async def test_a_reopened_ticket_has_no_outcome_in_json_lines_and_csv(
    db: Database, fresh: Database
):
    number = await reopened(db)
    exported = await jsonl_of(db)
    records = {r["id"]: r for r in map(json.loads, exported.splitlines())}
    assert records[number]["status"] == "assigned"
    assert records[number]["done_at"] is None and records[number]["done_note"] is None
    assert records[1]["done_note"] == "已更换门机板"
    out = io.StringIO()
    await write_csv(LedgerStore(db).iter_with_reports(), out)
    row = next(
        r
        for r in csv.DictReader(io.StringIO(out.getvalue().removeprefix("\ufeff")))
        if r["id"] == str(number)
    )
    assert row["status"] == "assigned" and row["done_at"] == row["done_note"] == ""
    await LedgerStore(fresh).import_stream([read_jsonl(io.StringIO(exported), CATEGORIES)], NOW)
    assert await jsonl_of(fresh) == exported


async def test_a_pleased_verdict_taken_back_by_a_reopen_is_not_in_the_ledger(db: Database):
    """QA round 17: a ticket rated 满意 and then reopened by its reporter (又坏了) read 满意度 满意
    and 满意户数 1/1 beside 办理中, and 满意率 counted it pleased: her verdict no longer stands
    (the next /done asks again). The ledger says none, as 满意率 counts it."""
    await populate(db)
    tickets, actions = TicketStore(db), TicketActions(db)
    gate = await tickets.file_report(
        new_report(31, "小区门禁坏了", chat_id=EAST, at=T0, author=ZHANG, category="facilities")
    )
    number = gate.ticket.id
    await actions.mark_done(number, EAST, "已重启", WORKER, T0 + timedelta(hours=2))
    await actions.rate(number, ZHANG, Rating.SATISFIED, T0 + timedelta(hours=3))
    await actions.reopen(number, EAST, ZHANG, "又坏了", T0 + timedelta(hours=20))
    assert (await tickets.get(number)).status is Status.ASSIGNED
    row = {row[0]: row for row in cell_values(await workbook_bytes(db))[1:]}[number]
    assert row[STATUS] == "办理中" and row[RATING] is None and row[PLEASED] is None, row
    records = {r["id"]: r for r in map(json.loads, (await jsonl_of(db)).splitlines())}
    assert records[number]["rating"] is None and records[number]["households_rated"] == 0
