"""接单时间: when a worker took a ticket goes out with the ledger and comes back with it, so that
响应率 reads the same after an export → import (it read lower: a done row counted as taken when
it was done, an open one taken as never). And date cells whose format was lost come in."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest

from bot import texts
from bot.core.rates import ResponseLimits, three_rates
from bot.ledger.jsonl import read_jsonl
from bot.ledger.rows import LedgerError
from bot.ledger.xlsx import read_workbook
from storage.db import Database
from storage.ledger import LedgerStore
from storage.ticket_actions import TicketActions
from storage.tickets import TicketStore
from tests.ledger.test_ledger import (
    CATEGORIES,
    EAST,
    NOW,
    T0,
    TZ,
    WORKER,
    _report,
    jsonl_of,
    ledger_file,
    populate,
    row,
    workbook_bytes,
)


async def _rates(db: Database):
    tickets = [t async for t, _ in LedgerStore(db).iter_with_reports()]
    return three_rates(tickets, NOW, ResponseLimits())


async def _history(db: Database) -> None:
    """populate's tickets, and one taken in time but not done yet."""
    await populate(db)
    taken = await TicketStore(db).file_report(_report(30, "3栋楼道灯坏了", T0, "lighting"))
    await TicketActions(db).assign(taken.ticket.id, EAST, WORKER, WORKER, T0 + timedelta(hours=1))


@pytest.mark.parametrize("kind", ["xlsx", "jsonl"])
async def test_the_response_rate_reads_the_same_after_export_and_import(
    db: Database, fresh: Database, kind: str
):
    await _history(db)
    before = await _rates(db)
    # the lift and the lamp taken in time; the rubbish late, the car never
    assert (before.response.numerator, before.response.denominator) == (2, 4)
    if kind == "xlsx":
        tickets = read_workbook(io.BytesIO(await workbook_bytes(db)), CATEGORIES, TZ)
    else:
        tickets = read_jsonl(io.StringIO(await jsonl_of(db)), CATEGORIES)
    await LedgerStore(fresh).import_stream([tickets], NOW)
    assert await _rates(fresh) == before
    lamp = next(t for t in tickets if t.summary == "3栋楼道灯坏了")
    assert lamp.assigned_at == "2026-11-03T02:00:00+00:00"


async def test_an_export_from_before_the_key_still_comes_in(db: Database):
    await populate(db)
    older = []
    for line in (await jsonl_of(db)).splitlines():
        record = json.loads(line)
        del record["assigned_at"]
        older.append(json.dumps(record, ensure_ascii=False))
    tickets = read_jsonl(io.StringIO("\n".join(older)), CATEGORIES)
    assert [t.assigned_at for t in tickets] == [None] * 4


def test_a_row_without_status_but_taken_is_being_handled():
    source = ledger_file(
        [row(群="3栋群", 类别="电梯", 反映内容="电梯坏了", 受理时间="2026-11-01 08:00",
             承办人="老周", 接单时间="2026-11-01 09:30")]
    )  # fmt: skip
    (ticket,) = read_workbook(source, CATEGORIES, TZ)
    assert ticket.status.value == "assigned" and ticket.assigned_at == "2026-11-01T01:30:00+00:00"


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        ({"接单时间": "2026-11-01 07:00"}, texts.TAKEN_BEFORE_CREATED),
        (
            {"接单时间": "2026-11-02 10:00", "办结时间": "2026-11-02 09:00", "状态": "已办结"},
            texts.TAKEN_AFTER_DONE,
        ),
        (
            {"接单时间": "2026-11-01 09:00", "状态": "待接单", "承办人": "老周"},
            texts.TAKEN_BUT_WAITING,
        ),
    ],
)
def test_a_taken_time_out_of_order_is_named(cells: dict[str, str], problem: str):
    source = ledger_file(
        [row(群="3栋群", 类别="电梯", 反映内容="电梯坏了", 受理时间="2026-11-01 08:00", **cells)]
    )
    with pytest.raises(LedgerError) as refused:
        read_workbook(source, CATEGORIES, TZ)
    assert refused.value.problems == (f"第 2 行：{problem}",)


def test_a_date_cell_that_lost_its_format_is_read_as_the_date_it_was():
    """Pasted as values in WPS, 受理时间 2026-11-03 09:00 becomes 46329.375: it was refused as
    不是日期 with the number shown, which the clerk could not read."""
    source = ledger_file(
        [row(群="3栋群", 类别="电梯", 反映内容="电梯坏了", 受理时间=46329.375, 办结时间=46330)]
    )
    (ticket,) = read_workbook(source, CATEGORIES, TZ)
    assert ticket.created_at == "2026-11-03T01:00:00+00:00"
    assert ticket.done_at == "2026-11-03T16:00:00+00:00"  # 11月4日 00:00 in Shanghai
    with pytest.raises(LedgerError) as refused:
        read_workbook(
            ledger_file([row(群="3栋群", 类别="电梯", 反映内容="电梯坏了", 受理时间=12)]),
            CATEGORIES,
            TZ,
        )
    assert '受理时间 "12" 不是日期' in refused.value.problems[0]


async def test_a_ticket_handed_back_to_waiting_comes_back_in(db: Database, fresh: Database):
    """A ticket whose worker left the roster goes back to 待接单 but keeps when it was taken
    (响应率 counts it): the bot's own workbook of it was refused as 待接单 with 接单时间."""
    await _history(db)
    await TicketActions(db).release_from_former([WORKER.id + 1], NOW)  # 小王 is no worker now
    before = await _rates(db)
    tickets = read_workbook(io.BytesIO(await workbook_bytes(db)), CATEGORIES, TZ)
    lamp = next(t for t in tickets if t.summary == "3栋楼道灯坏了")
    assert lamp.status.value == "open" and lamp.assigned_at == "2026-11-03T02:00:00+00:00"
    await LedgerStore(fresh).import_stream([tickets], NOW)
    assert await _rates(fresh) == before
