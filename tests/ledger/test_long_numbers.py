"""Numbers longer than Excel keeps: it holds a number in 15 significant digits, so an 18-digit
编号 (a hotline's work-order number, imported) written as a number showed rounded, and was
read back rounded once the office saved the file. Such numbers are text cells, read back as
the numbers they are."""

from __future__ import annotations

import csv
import io
import json

from openpyxl import load_workbook

from bot import texts
from bot.ledger.export import write_csv, write_jsonl
from bot.ledger.jsonl import read_jsonl
from bot.ledger.rows import LedgerLine
from bot.ledger.xlsx import read_workbook, write_workbook
from storage.db import Database
from storage.ledger import LedgerStore
from tests.ledger.test_ledger import (
    CATEGORIES,
    MINIMAL_RECORD,
    NOW,
    TZ,
    cell_values,
    workbook_bytes,
)

LONG_NUMBER = 123_456_789_012_345_678  # 18 digits
LONG_CHAT = -1_001_234_567_890_123  # 16 digits, a group the bot never saw the title of


async def test_an_18_digit_number_and_a_long_chat_id_are_text_cells_read_back_whole(
    db: Database, fresh: Database
):
    said = {"chat_id": LONG_CHAT, "message_id": 5, "user_id": 501, "text": "3栋电梯坏了"}
    report = said | {"received_at": MINIMAL_RECORD["created_at"], "staff": False}
    record = MINIMAL_RECORD | {"id": LONG_NUMBER, "chat_id": LONG_CHAT, "reports": [report]}
    ticket = read_jsonl([json.dumps(record)], CATEGORIES)
    await LedgerStore(db).import_stream([ticket], NOW)
    first = await workbook_bytes(db)
    number, group = load_workbook(io.BytesIO(first)).active["A2:B2"][0]
    assert (number.value, number.data_type) == (str(LONG_NUMBER), "s")
    assert (group.value, group.data_type) == (str(LONG_CHAT), "s")
    [back] = read_workbook(io.BytesIO(first), CATEGORIES, TZ)
    assert (back.id, back.chat_id) == (LONG_NUMBER, LONG_CHAT)
    await LedgerStore(fresh).import_stream([[back]], NOW)
    assert cell_values(await workbook_bytes(fresh)) == cell_values(first)


def test_short_numbers_stay_numbers_and_a_lesson_s_long_number_is_text():
    cells = [None] * len(texts.LEDGER_HEADERS)
    short = LedgerLine((12, *cells[1:]), overdue=False)
    longest = LedgerLine((999_999_999_999_999, *cells[1:]), overdue=False)  # 15 digits: kept
    lesson = (None, None, None, None, LONG_NUMBER, "电梯坏了")
    out = io.BytesIO()
    write_workbook([short, longest], out, [lesson])
    book = load_workbook(out)
    assert [(c.value, c.data_type) for c in book.active["A"][1:]] == [
        (12, "n"),
        (999_999_999_999_999, "n"),
    ]
    taught = book[texts.LESSON_SHEET]["E2"]
    assert (taught.value, taught.data_type) == (str(LONG_NUMBER), "s")


async def test_a_csv_keeps_long_numbers_whole_in_excel_and_the_json_lines_numbers(db: Database):
    """Excel opening the CSV kept an 18-digit 编号 in 15 significant digits (rounded) and showed
    a supergroup's -1001234567890 as -1.00123E+12 (and saved it so): a number of 12 digits and
    more is written ="…", a constant text cell (digits only: nothing a spreadsheet can run).
    Short numbers stay numbers, text that starts a formula still gets its apostrophe."""
    said = {"chat_id": LONG_CHAT, "message_id": 5, "user_id": 501, "text": "3栋电梯坏了"}
    report = said | {"received_at": MINIMAL_RECORD["created_at"], "staff": False}
    record = MINIMAL_RECORD | {
        "id": LONG_NUMBER,
        "chat_id": LONG_CHAT,
        "location": "110101199003071234",  # digits only: an ID card's number, as text
        "escalation_level": 2,
        "reports": [report],
    }
    short = MINIMAL_RECORD | {"id": 7, "chat_id": -1_001_234, "location": "-3层"}
    tickets = read_jsonl([json.dumps(record), json.dumps(short)], CATEGORIES)
    await LedgerStore(db).import_stream([tickets], NOW)
    out = io.StringIO()
    await write_csv(LedgerStore(db).iter_with_reports(), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue().removeprefix("\ufeff"))))
    assert [(r["id"], r["chat_id"], r["location"]) for r in rows] == [
        ("7", "-1001234", "'-3层"),
        (f'="{LONG_NUMBER}"', f'="{LONG_CHAT}"', '="110101199003071234"'),
    ]
    assert rows[1]["escalation_level"] == "2"
    assert json.loads(rows[1]["reports"])[0]["chat_id"] == LONG_CHAT  # inside JSON text: whole
    lines = io.StringIO()
    await write_jsonl(LedgerStore(db).iter_with_reports(), lines)
    assert json.loads(lines.getvalue().splitlines()[1])["id"] == LONG_NUMBER  # JSON: numbers
