"""The ledger workbook and the import: what the office opens in Excel, and history read back."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook, load_workbook

from bot import texts
from bot.core.imported import SYNTHETIC_CHAT_BASE
from bot.core.tickets import Person, Rating, Status
from bot.core.timeutil import Month
from bot.ledger.export import spreadsheet_safe, write_csv, write_jsonl
from bot.ledger.jsonl import read_jsonl
from bot.ledger.monthly import ledger_workbook
from bot.ledger.rows import HEADERS, CategoryTable, LedgerError
from bot.ledger.xlsx import read_workbook
from storage.chats import ChatStore
from storage.db import Database
from storage.ledger import ImportClash, LedgerStore
from storage.ticket_actions import TicketActions
from storage.tickets import NewReport, TicketStore
from tests.factories import new_report

TZ = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 11, 3, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai
NOW = T0 + timedelta(days=3)
EAST, WEST = -1001, -4001002  # WEST never said its title: the ledger shows its chat id
ZHANG, LI = Person(501, "张阿姨"), Person(502, "李叔")
WORKER = Person(9001, "网格员小王")
CATEGORIES = CategoryTable.of()
MINIMAL_RECORD = {  # one exported ticket with every field and nothing more
    "id": 1, "chat_id": -1, "category": "lift", "status": "open", "location": None,
    "urgent": False, "created_at": "2026-11-01T01:00:00+00:00", "assignee_id": None,
    "done_at": None, "done_note": None, "rating": None, "due_at": None,
    "escalation_level": 0, "team": None, "reports": [],
}  # fmt: skip


def _report(message_id: int, text: str, at: datetime, category: str, **kw: Any) -> NewReport:
    """A complaint in EAST at `at`, with no place unless given."""
    return new_report(
        message_id, text, at=at, category=category, **{"chat_id": EAST, "location": None, **kw}
    )


async def populate(db: Database) -> dict[str, int]:
    """A few weeks of a building's life: done and rated, joined, urgent, overdue, cancelled."""
    await ChatStore(db).seen(EAST, "东苑3栋业主群", "supergroup", T0 - timedelta(days=30))
    tickets, actions = TicketStore(db), TicketActions(db)
    lift = await tickets.file_report(
        _report(10, "3栋2单元电梯坏了 电话13812345678", T0, "lift", location="3栋2单元")
    )
    await tickets.file_report(
        _report(11, '我家也是，电梯"不动"了', T0 + timedelta(minutes=5), "lift", author=LI),
        into=lift.ticket.id,
    )
    await actions.assign(lift.ticket.id, EAST, WORKER, WORKER, T0 + timedelta(hours=1))
    await actions.mark_done(lift.ticket.id, EAST, "已更换门机板", WORKER, T0 + timedelta(hours=5))
    await actions.rate(lift.ticket.id, ZHANG, Rating.SATISFIED, T0 + timedelta(hours=6))
    await actions.rate(lift.ticket.id, LI, Rating.SATISFIED, T0 + timedelta(hours=7))
    car = await tickets.file_report(
        _report(20, "车堵了消防通道", T0 + timedelta(hours=2), "parking", chat_id=WEST, urgent=True)
    )
    # 00:30 on 1 November in Shanghai, still 31 October in UTC: a November ticket.
    rubbish = await tickets.file_report(
        _report(12, "垃圾三天没人收", datetime(2026, 10, 31, 16, 30, tzinfo=UTC), "sanitation")
    )
    await actions.assign(rubbish.ticket.id, EAST, WORKER, WORKER, T0)
    # 23:59 on 31 October in Shanghai: an October ticket.
    noise = await tickets.file_report(
        _report(13, "楼上装修太吵", datetime(2026, 10, 31, 15, 59, tzinfo=UTC), "noise")
    )
    await actions.cancel(noise.ticket.id, EAST, ZHANG, "已经好了", T0)
    return {
        "lift": lift.ticket.id,
        "car": car.ticket.id,
        "rubbish": rubbish.ticket.id,
        "noise": noise.ticket.id,
    }


async def workbook_bytes(db: Database, month: Month | None = None) -> bytes:
    titles = await ChatStore(db).titles()
    data, _ = await ledger_workbook(LedgerStore(db), titles, CATEGORIES, TZ, NOW, month)
    return data


def cell_values(data: bytes) -> list[tuple[object, ...]]:
    sheet = load_workbook(io.BytesIO(data)).active
    return [tuple(c.value for c in row) for row in sheet.iter_rows()]


async def jsonl_of(db: Database) -> str:
    out = io.StringIO()
    await write_jsonl(LedgerStore(db).iter_with_reports(), out)
    return out.getvalue()


async def test_the_workbook_is_a_ledger_the_office_can_filter(db: Database):
    ids = await populate(db)
    sheet = load_workbook(io.BytesIO(await workbook_bytes(db))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == HEADERS
    assert [r[0] for r in rows[1:]] == sorted(ids.values())
    lift = rows[1 + sorted(ids.values()).index(ids["lift"])]
    assert lift[1:6] == ("东苑3栋业主群", "电梯", "3栋2单元", "3栋2单元电梯坏了 电话13812345678", 2)
    assert lift[6] == datetime(2026, 11, 3, 9, 0)  # local time
    assert lift[7:] == (
        "电梯维保单位",
        "网格员小王",
        datetime(2026, 11, 4, 9, 0),
        datetime(2026, 11, 3, 14, 0),
        "已更换门机板",
        "满意",
        "已关闭",
        "2/2",  # 满意户数: both households were pleased
        None,  # 紧急: no
        datetime(2026, 11, 3, 10, 0),  # 接单时间: taken an hour after it was reported
    )
    by_id = {r[0]: r for r in rows[1:]}
    car = by_id[ids["car"]]
    assert car[1] == str(WEST) and car[2] == "停车" and car[12] is None and car[13] == "待接单"
    assert car[15] == "是"  # 紧急: the car in the fire lane was handled as urgent
    assert by_id[ids["noise"]][13] == "已撤销"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:Q{len(rows)}"
    assert sheet.column_dimensions["E"].width >= 40
    assert sheet["G2"].number_format == "yyyy-mm-dd hh:mm"
    lift_row = 2 + sorted(ids.values()).index(ids["lift"])
    assert sheet[f"O{lift_row}"].number_format == "@"  # 2/2 typed again stays text, no date
    noise_row = 2 + sorted(ids.values()).index(ids["noise"])  # not overdue, never rated
    assert sheet[f"O{noise_row}"].value is None
    assert sheet[f"O{noise_row}"].number_format == "@"  # 2/3 typed in later stays text
    overdue = {
        r[0].value for r in sheet.iter_rows(min_row=2) if r[0].fill.fgColor.rgb.endswith("FFC7CE")
    }
    assert overdue == {ids["car"], ids["rubbish"]}  # active and past due; not the closed one


async def test_a_month_is_its_local_calendar_month(db: Database):
    ids = await populate(db)
    november = cell_values(await workbook_bytes(db, Month(2026, 11)))
    assert {r[0] for r in november[1:]} == {ids["lift"], ids["car"], ids["rubbish"]}
    october = cell_values(await workbook_bytes(db, Month(2026, 10)))
    assert [r[0] for r in october[1:]] == [ids["noise"]]
    assert Month.parse("2026-13") is None and Month.parse("2026年3月") == Month(2026, 3)


async def test_jsonl_round_trip_is_byte_identical(db: Database, fresh: Database):
    await populate(db)
    exported = await jsonl_of(db)
    tickets = read_jsonl(io.StringIO(exported), CATEGORIES)
    outcome = await LedgerStore(fresh).import_stream([tickets], NOW)
    assert outcome.tickets == 4 and outcome.reports == 5
    assert await jsonl_of(fresh) == exported
    groups = await fresh.fetchall("SELECT chat_id FROM chats")
    tickets_in = await fresh.fetchall("SELECT DISTINCT chat_id FROM tickets")
    assert {g[0] for g in groups} == {t[0] for t in tickets_in}  # the digest knows each group
    acks = await fresh.fetchall("SELECT DISTINCT ack_state FROM reports")
    assert [r[0] for r in acks] == ["none"]  # history is never acknowledged again
    lift = await TicketStore(fresh).get(1)
    assert lift.households == 2 and lift.summary == "3栋2单元电梯坏了 电话13812345678"


async def test_xlsx_round_trip_keeps_every_cell(db: Database, fresh: Database):
    await populate(db)
    first = await workbook_bytes(db)
    tickets = read_workbook(io.BytesIO(first), CATEGORIES, TZ)
    outcome = await LedgerStore(fresh).import_stream([tickets], NOW)
    assert outcome.new_groups == 2  # 东苑3栋业主群, and the group the ledger names by its id
    again = await workbook_bytes(fresh)
    assert cell_values(again) == cell_values(first)
    reports = await fresh.fetchall("SELECT ticket_id, message_id, ack_state FROM reports")
    assert all(r[1] == -r[0] and r[2] == "none" for r in reports)
    groups = await fresh.fetchall(
        "SELECT chat_id, title, kind, active FROM chats ORDER BY title IS NOT NULL, title"
    )
    (west, *_), (east, *east_rest) = groups  # by its id (no title), then by its name
    assert west == WEST and east < SYNTHETIC_CHAT_BASE and tuple(east_rest) == (
        "东苑3栋业主群", "ledger", 0,
    )  # fmt: skip


async def test_xlsx_round_trip_keeps_a_merged_ticket(db: Database, fresh: Database):
    ids = await populate(db)
    tickets = TicketStore(db)
    dup = await tickets.file_report(
        _report(14, "西苑门口垃圾也没人收", T0, "sanitation", chat_id=WEST)
    )
    await TicketActions(db).merge(ids["rubbish"], dup.ticket.id, None, WORKER, T0)
    first = await workbook_bytes(db)
    merged = next(r for r in cell_values(first) if r[0] == dup.ticket.id)
    assert merged[5] == 0 and merged[13] == texts.STATUS_NAMES[Status.CANCELLED]
    outcome = await LedgerStore(fresh).import_stream(
        [read_workbook(io.BytesIO(first), CATEGORIES, TZ)], NOW
    )
    assert outcome.tickets == 5
    assert cell_values(await workbook_bytes(fresh)) == cell_values(first)


def test_no_households_is_a_row_a_worker_filed_a_negative_count_is_refused():
    filed = row(群="3栋群", 类别="电梯", 反映内容="电梯坏了", 受理时间="2026-11-01", 反映户数=0)
    assert [t.households for t in read_workbook(ledger_file([filed]), CATEGORIES, TZ)] == [0]
    source = ledger_file(
        [row(群="3栋群", 类别="电梯", 反映内容="电梯坏了", 受理时间="2026-11-01", 反映户数=-1)]
    )
    with pytest.raises(LedgerError) as refused:
        list(read_workbook(source, CATEGORIES, TZ))
    assert '反映户数 "-1" 应为 0 或正整数' in str(refused.value.problems)


async def test_a_workers_own_report_is_no_household_and_stays_so_through_both_files(
    db: Database, fresh: Database, tmp_path: Path
):
    tickets = TicketStore(db)
    worker_report = replace(_report(20, "3栋门口垃圾桶满了", T0, "sanitation"), staff=True)
    worker_report = replace(worker_report, author=WORKER)
    filed = await tickets.file_report(worker_report)
    assert filed.ticket.households == 0  # heard on the phone: nobody in the group to ask yet
    joined = await tickets.file_report(_report(21, "+1 垃圾桶太臭了", T0, "sanitation"))
    assert joined.ticket.households == 1
    assert [p.name for p in await tickets.reporters(filed.ticket.id)] == ["张阿姨"]
    exported = await jsonl_of(db)
    outcome = await LedgerStore(fresh).import_stream(
        [read_jsonl(io.StringIO(exported), CATEGORIES)], NOW
    )
    assert outcome.reports == 2 and await jsonl_of(fresh) == exported
    assert (await TicketStore(fresh).get(filed.ticket.id)).households == 1
    older = json.loads(exported)
    for report in older["reports"]:
        del report["staff"]  # a file from before: every report a household
    again = list(read_jsonl(io.StringIO(json.dumps(older)), CATEGORIES))
    assert again[0].households == 2
    lone = await TicketStore(db).file_report(replace(worker_report, message_id=22, category="lift"))
    cells = cell_values(await workbook_bytes(db))
    assert next(r for r in cells if r[0] == lone.ticket.id)[5] == 0
    read_back = list(read_workbook(io.BytesIO(await workbook_bytes(db)), CATEGORIES, TZ))
    assert [t.households for t in read_back] == [1, 0]


def ledger_file(rows: list[list[object]], *, title_row: bool = False) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    if title_row:
        sheet.append(["东苑社区 2025 年诉求台账"])
    sheet.append(list(HEADERS))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    return out


def row(**cells: object) -> list[object]:
    return [cells.get(h) for h in HEADERS]


async def test_a_communitys_own_ledger_comes_in_with_new_numbers(db: Database):
    ids = await populate(db)
    source = ledger_file(
        [
            row(群="东苑3栋业主群", 类别="电梯", 反映内容="电梯异响", 受理时间="2025-03-04 10:20"),
            row(
                群="西苑5栋", 类别="环境卫生", 位置="5栋", 反映内容="楼道堆物",
                反映户数=3, 受理时间=datetime(2025, 3, 5, 8, 0), 承办人="老周",
                办结时间="2025年3月6日", 办理结果="已清理", 满意度="基本满意", 状态="已办结",
            ),
            row(群="西苑5栋", 类别="water", 反映内容="停水", 受理时间="2025/3/7"),
        ],
        title_row=True,
    )  # fmt: skip
    tickets = read_workbook(source, CATEGORIES, TZ)
    outcome = await LedgerStore(db).import_stream([tickets], NOW)
    first = max(ids.values()) + 1
    assert (outcome.tickets, outcome.new_groups) == (3, 1)
    assert (outcome.first_id, outcome.last_id) == (first, first + 2)
    store = TicketStore(db)
    lift, rubbish, water = [await store.get(first + i) for i in range(3)]
    assert lift.chat_id == EAST and lift.category == "lift" and lift.status.value == "open"
    assert lift.created_at == datetime(2025, 3, 4, 2, 20, tzinfo=UTC)
    assert rubbish.chat_id < SYNTHETIC_CHAT_BASE and water.chat_id == rubbish.chat_id
    assert (rubbish.households, rubbish.assignee_name, rubbish.rating) == (
        3,
        "老周",
        "basically_satisfied",
    )
    assert rubbish.done_at == datetime(2025, 3, 5, 16, 0, tzinfo=UTC)
    assert rubbish.assigned_at == rubbish.done_at  # done counts as taken, as /done does
    assert water.category == "water" and water.status.value == "open"
    [text] = [r.text for r in await store.reports(rubbish.id)]
    assert text == "楼道堆物"
    new = await store.file_report(_report(99, "新的问题 电灯坏了", NOW, "lighting"))
    assert new.ticket.id == first + 3  # numbering goes on after the imported ones


def test_the_urgent_column_reads_the_offices_ways_of_saying_yes_and_no():
    marks = ["是", "紧急", "√", " yes ", True, 1, None, "否", "", "一般", "N", 0]
    source = ledger_file(
        [row(群="3栋", 类别="电梯", 反映内容="坏了", 受理时间="2026-11-01", 紧急=m) for m in marks]
    )
    urgent = [t.urgent for t in read_workbook(source, CATEGORIES, TZ)]
    assert urgent == [True] * 6 + [False] * 6


def test_a_ledger_without_the_urgent_column_reads_as_not_urgent_and_a_bad_mark_is_named():
    old = ledger_file([row(群="3栋", 类别="电梯", 反映内容="电梯坏了", 受理时间="2026-11-01")])
    workbook = load_workbook(old)
    workbook.active.delete_cols(HEADERS.index("紧急") + 1)  # a ledger of the first releases
    before = io.BytesIO()
    workbook.save(before)
    before.seek(0)
    [ticket] = read_workbook(before, CATEGORIES, TZ)
    assert ticket.urgent is False
    hurried = row(群="3栋", 类别="电梯", 反映内容="坏", 受理时间="2026-11-01", 紧急="很急")
    bad = ledger_file([hurried])
    with pytest.raises(LedgerError) as caught:
        read_workbook(bad, CATEGORIES, TZ)
    assert caught.value.problems == ('第 2 行：紧急 "很急" 不认识（可以是：是、否）',)


async def test_a_bad_ledger_is_refused_whole_naming_each_bad_row(db: Database):
    source = ledger_file(
        [
            row(编号=1, 群="3栋", 类别="电梯", 反映内容="电梯坏了", 受理时间="2026-11-01 09:00"),
            row(编号=2, 群="3栋", 类别="电梯", 反映内容="电梯坏了", 受理时间="2026-13-01"),
            row(编号=3, 群="3栋", 类别="飞碟", 反映内容="", 受理时间="2026-11-01", 反映户数=-2),
            row(编号=1, 群="3栋", 类别="停车", 反映内容="车", 受理时间="2026-11-02", 状态="好了"),
        ]
    )
    with pytest.raises(LedgerError) as caught:
        read_workbook(source, CATEGORIES, TZ)
    problems = caught.value.problems
    assert problems[0].startswith('第 3 行：受理时间 "2026-13-01" 不是日期：请连年份一起写')
    assert problems[1].startswith("第 4 行：") and '类别 "飞碟" 不认识' in problems[1]
    assert "反映内容 不能为空" in problems[1] and '反映户数 "-2" 应为 0 或正整数' in problems[1]
    assert problems[2].startswith("第 5 行：") and '状态 "好了" 不认识' in problems[2]
    assert "编号 1 重复（第 2 行已有）" in problems[2]
    assert len(problems) == 3
    assert (await db.fetchone("SELECT count(*) FROM tickets"))[0] == 0


def test_a_bad_jsonl_line_is_named_by_its_number():
    good = MINIMAL_RECORD
    lines = [
        json.dumps(good),
        "",
        json.dumps(good | {"id": 2, "created_at": "2026-13-01"}),
        json.dumps(good | {"id": 1, "status": "lost"}),
        "{not json",
    ]
    with pytest.raises(LedgerError) as caught:
        read_jsonl(lines, CATEGORIES)
    assert caught.value.problems == (
        'line 3: created_at "2026-13-01" is not an ISO 8601 time',
        'line 4: status "lost" is not one of open, assigned, done, closed, cancelled; '
        "id 1 is repeated (first on line 1)",
        "line 5: not valid JSON (Expecting property name enclosed in double quotes, column 2)",
    )


async def test_clashing_numbers_are_refused_and_nothing_changes(db: Database):
    await populate(db)
    exported = await jsonl_of(db)
    tickets = read_jsonl(io.StringIO(exported), CATEGORIES)
    with pytest.raises(ImportClash) as caught:
        await LedgerStore(db).import_stream([tickets], NOW)
    said = texts.import_clash(caught.value.ticket_ids)
    assert caught.value.ticket_ids[0] == 1 and "#1" in said and "未导入任何数据" in said
    assert await jsonl_of(db) == exported


async def test_a_few_thousand_rows_import_in_one_go(db: Database, fresh: Database):
    """A modest size check of the bulk path (speed itself is measured by hand, not here)."""
    rows = [
        row(
            群=f"{i % 7}号楼", 类别=("电梯", "停车", "噪音扰民")[i % 3], 反映内容=f"第{i}件",
            受理时间=datetime(2025, 1, 1) + timedelta(minutes=37 * i), 状态="已关闭",
            办结时间=datetime(2025, 1, 2) + timedelta(minutes=37 * i), 满意度="满意",
        )
        for i in range(3000)
    ]  # fmt: skip
    tickets = read_workbook(ledger_file(rows), CATEGORIES, TZ)
    outcome = await LedgerStore(fresh).import_stream([tickets], NOW)
    assert (outcome.tickets, outcome.new_groups, outcome.last_id) == (3000, 7, 3000)
    exported = await workbook_bytes(fresh)
    values = cell_values(exported)
    assert len(values) == 3001 and values[-1][4] == "第2999件"
    again = read_workbook(io.BytesIO(exported), CATEGORIES, TZ)
    await LedgerStore(db).import_stream([again], NOW)
    assert cell_values(await workbook_bytes(db)) == values


async def test_residents_words_stay_text_in_the_workbook(db: Database):
    """An "=…" message must not become a formula in the office's Excel; control bytes go."""
    await TicketStore(db).file_report(_report(1, '=HYPERLINK("http://x","点我")\x07', T0, "other"))
    sheet = load_workbook(io.BytesIO(await workbook_bytes(db))).active
    assert sheet["E2"].value == '=HYPERLINK("http://x","点我")' and sheet["E2"].data_type == "s"


async def test_text_that_starts_a_formula_stays_text_in_the_csv(db: Database):
    """CSV has no cell types: "=…", "+…", "-…", "@…" get an apostrophe; numbers stay numbers."""
    tickets = TicketStore(db)
    await tickets.file_report(_report(1, "电梯坏了", T0, "lift", location="=cmd|' /C calc'!A0"))
    await tickets.file_report(_report(2, "灯坏了", T0, "facility", location="-3层"))
    out = io.StringIO()
    await write_csv(LedgerStore(db).iter_with_reports(), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue().removeprefix("\ufeff"))))
    assert [r["location"] for r in rows] == ["'=cmd|' /C calc'!A0", "'-3层"]
    assert rows[0]["chat_id"] == str(EAST)  # a negative number, not text: no apostrophe
    assert json.loads(rows[0]["reports"])[0]["text"] == "电梯坏了"
    assert spreadsheet_safe(-5) == -5 and spreadsheet_safe("3栋") == "3栋"


def test_the_readme_names_every_export_key():
    from bot.ledger.export import EXPORT_FIELDS

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    start = readme.index("Export records have the keys")
    listed = readme[start : readme.index("`reports`", start)]
    assert all(key in listed for key in EXPORT_FIELDS if key != "reports"), listed
