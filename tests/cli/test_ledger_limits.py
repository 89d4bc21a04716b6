"""A number in a ledger past what the database keeps — a 20-digit 编号 (a hotline's work-order
number), a 群 of 19 digits, 3000000000 households, a 督办 level never given — is its row's
problem, named with the row and the column, the same on both engines (PostgreSQL's counts
are 32-bit where SQLite's take 64: the insert took the row on one and overflowed on the
other). One that slips past the rows' checks is still one line, and a database the import
made is not left behind."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

import bot.ledger.cells
from bot.cli.main import main
from bot.core.imported import MAX_COUNT, MAX_ID, MAX_TICKET_ID
from bot.core.loop import MAX_LEVEL
from bot.ledger.jsonl import _careful_ticket, _quick_ticket
from bot.ledger.rows import CategoryTable, RowProblems
from tests.cli.test_cli import run_cli
from tests.engines import peek, storage_toml

CATEGORIES = CategoryTable.of()
RECORD = {
    "id": 1, "chat_id": -1000000000002, "category": "sanitation", "status": "closed",
    "location": "13篮球场", "urgent": False, "created_at": "2026-10-08T08:35:04+00:00",
    "assignee_id": 9002, "assigned_at": "2026-10-08T08:35:04+00:00",
    "done_at": "2026-10-08T16:16:04+00:00", "done_note": "已处理", "rating": None,
    "households_rated": 0, "households_pleased": 0, "due_at": "2026-10-10T08:35:04+00:00",
    "escalation_level": 0, "team": "物业保洁部",
    "reports": [{"chat_id": -1000000000002, "message_id": 2, "user_id": 100001,
                 "text": "13篮球场垃圾没人收", "received_at": "2026-10-08T08:35:04+00:00",
                 "staff": False}],
}  # fmt: skip
HEADER = ("编号", "群", "类别", "位置", "反映内容", "反映户数", "受理时间", "状态")


def _report(**changes: object) -> dict[str, object]:
    return {"reports": [{**RECORD["reports"][0], **changes}]}  # type: ignore[index]


def _config(tmp_path: Path, storage: dict[str, str]) -> Path:
    config = tmp_path / "c.toml"
    config.write_text(storage_toml(storage), encoding="utf-8")
    return config


def _left_behind(storage: dict[str, str]) -> list[Path]:
    """The SQLite files of a database the refused import would have made."""
    if "path" not in storage:
        return []
    return [p for s in ("", "-wal", "-shm") if (p := Path(f"{storage['path']}{s}")).exists()]


def _workbook(path: Path, **cells: object) -> Path:
    row = {"编号": 1, "群": "3号楼业主群", "类别": "环境卫生", "位置": "3栋",
           "反映内容": "3栋垃圾没人收", "反映户数": 1, "受理时间": datetime(2026, 10, 8, 16, 35),
           "状态": "待接单", **cells}  # fmt: skip
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "台账"
    sheet.append(HEADER)
    sheet.append([row[h] for h in HEADER])
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({"escalation_level": MAX_LEVEL}, None),
        ({"escalation_level": 3_000_000_000}, "escalation_level 3000000000 is more than 3"),
        ({"households_rated": MAX_COUNT}, None),
        ({"households_rated": 2**31}, "households_rated 2147483648 is more than 2147483647"),
        ({"id": MAX_TICKET_ID}, None),
        # the next ticket would be numbered past 64 bits: every new one refused ("database or
        # disk is full" in SQLite, the sequence's maximum in PostgreSQL)
        ({"id": MAX_ID}, f"id {MAX_ID} is more than {MAX_TICKET_ID}"),
        ({"id": 2**63}, f"id {2**63} is more than {MAX_TICKET_ID}"),
        ({"id": 10**30}, f"id {10**30} is more than {MAX_TICKET_ID}"),
        ({"id": 1e30}, f"id 1e+30 is more than {MAX_TICKET_ID}"),  # as orjson reads 10**30
        ({"chat_id": -1e30}, f"chat_id -1e+30 is less than {-MAX_ID}"),
        ({"chat_id": -MAX_ID}, None),
        ({"chat_id": -(2**63)}, f"chat_id {-(2**63)} is less than {-MAX_ID}"),
        ({"assignee_id": 2**63}, f"assignee_id {2**63} is more than {MAX_ID}"),
        (_report(message_id=2**63), "reports[0].message_id 9223372036854775808 is more than"),
        (_report(user_id=-(2**63)), "reports[0].user_id -9223372036854775808 is less than"),
        (_report(chat_id=2**64 - 1), "reports[0].chat_id 18446744073709551615 is more than"),
    ],
)  # fmt: skip
def test_each_number_of_a_record_is_checked_against_its_column(
    changes: dict[str, object], said: str | None
):
    """Up to the limit both paths read the record alike; past it the quick path leaves it to
    the careful one, which names the key."""
    record = json.loads(json.dumps({**RECORD, **changes}))  # as orjson or json gives it
    if said is None:
        assert _quick_ticket(1, record, CATEGORIES) == _careful_ticket(1, record, CATEGORIES)
        return
    with pytest.raises(ValueError):  # _Careful
        _quick_ticket(1, record, CATEGORIES)
    with pytest.raises(RowProblems) as refused:
        _careful_ticket(1, record, CATEGORIES)
    assert said in "; ".join(refused.value.problems)


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({"escalation_level": 3_000_000_000}, "escalation_level 3000000000 is more than 3"),
        ({"households_rated": 3_000_000_000, "households_pleased": 0},
         "households_rated 3000000000 is more than 2147483647"),
        ({"id": 2**63}, "id 9223372036854775808 is more than 9000000000000000000"),
        ({"id": MAX_ID}, "id 9223372036854775807 is more than 9000000000000000000"),
        ({"id": 10**30}, "id 1e+30 is more than 9000000000000000000"),
        ({"assignee_id": 10**30}, "assignee_id 1e+30 is more than 9223372036854775807"),
    ],
    ids=["escalation_level", "households_rated", "id", "id-64bit", "id-huge", "assignee-huge"],
)  # fmt: skip
def test_json_lines_with_a_number_past_its_column_name_the_line_on_both_engines(
    tmp_path: Path, storage: dict[str, str], changes: dict[str, object], said: str
):
    """PostgreSQL's INTEGER overflowed (NumericValueOutOfRange) where SQLite took the row;
    an id past 64 bits overflowed both (a traceback each time)."""
    ledger = tmp_path / "ledger.jsonl"
    ledger.write_text(json.dumps({**RECORD, **changes}, ensure_ascii=False) + "\n", "utf-8")
    done = run_cli("import", "--config", str(_config(tmp_path, storage)), str(ledger))
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines() == [
        f"{ledger}: not imported, nothing was changed:",
        f"  line 1: {said}",
    ]
    assert _left_behind(storage) == []


@pytest.mark.parametrize(
    ("cells", "said"),
    [
        ({"反映户数": 3_000_000_000},
         '反映户数 "3000000000" 太大：最大是 2147483647，请改小或清空'),
        ({"群": "-9999999999999999999"},
         '群 "-9999999999999999999" 是数字，却超出了群编号的范围：请写群名或群编号'),
        ({"编号": 1e20}, '编号 "1e+20" 太大：最大是 9000000000000000000，请改小或清空'),
        ({"编号": str(MAX_ID)},
         '编号 "9223372036854775807" 太大：最大是 9000000000000000000，请改小或清空'),
    ],
    ids=["households-32bit", "group-id-64bit", "number-20-digits", "number-64bit"],
)  # fmt: skip
def test_a_workbook_with_a_long_number_names_the_row_and_column_on_both_engines(
    tmp_path: Path, storage: dict[str, str], cells: dict[str, object], said: str
):
    book = _workbook(tmp_path / "台账.xlsx", **cells)
    done = run_cli("import", "--config", str(_config(tmp_path, storage)), str(book))
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines() == [
        f"{book}: not imported, nothing was changed:",
        f"  第 2 行：{said}",
    ]
    assert _left_behind(storage) == []


def test_a_number_past_the_rows_checks_is_still_one_line_and_no_new_database_is_left(
    tmp_path: Path,
    storage: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
):
    """With the rows' check of 编号 gone, a 20-digit one reaches the insert: OverflowError
    from SQLite's driver, DataError (bigint out of range) from PostgreSQL."""
    monkeypatch.setattr(bot.ledger.cells, "MAX_TICKET_ID", 10**30)
    book = _workbook(tmp_path / "台账.xlsx", 编号=1e20)
    config = _config(tmp_path, storage)
    assert main(["import", "--config", str(config), str(book)]) == 1
    said = capsys.readouterr().err.splitlines()
    assert len(said) == 1, said
    assert said[0].startswith(f"{book}: not imported, nothing was changed: a value the database")
    assert said[0].endswith("; correct it in the file and import again")
    assert _left_behind(storage) == []
    if "url" in storage:
        with peek(storage["url"]) as conn:
            assert conn.execute("SELECT count(*) FROM tickets").fetchone()[0] == 0
