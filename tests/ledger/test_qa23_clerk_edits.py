"""The exported ledger as a community office's clerk edits it in WPS or Excel before bringing it
back (QA round 23): the sheet renamed, a 合计 row at the bottom, dates typed by hand, a column
renamed."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from bot.ledger.monthly import ledger_workbook
from bot.ledger.xlsx import read_workbook
from storage.chats import ChatStore
from storage.db import Database
from storage.ledger import LedgerStore
from storage.lessons import LessonStore
from tests.ledger.test_ledger import CATEGORIES, NOW, TZ, populate


async def exported(db: Database):
    """The whole ledger as `/export` sends it (台账 and 学习记录), opened for editing."""
    await populate(db)
    titles, lessons = await ChatStore(db).titles(), await LessonStore(db).all()
    data, _ = await ledger_workbook(LedgerStore(db), titles, CATEGORIES, TZ, NOW, None, lessons)
    return load_workbook(io.BytesIO(data))


def saved(workbook) -> io.BytesIO:
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    return out


async def test_a_renamed_ledger_sheet_is_found_behind_another_sheet(db: Database):
    """The clerk renamed 台账 to 11月台账 and put a sheet of her own (or 学习记录) in front: the
    import read the first sheet and said the ledger had no header row."""
    workbook = await exported(db)
    assert workbook.sheetnames == ["台账", "学习记录"]
    workbook["台账"].title = "11月台账"
    workbook.move_sheet("学习记录", offset=-1)
    workbook.create_sheet("说明", 0).append(["本表由社区办整理"])
    tickets = read_workbook(saved(workbook), CATEGORIES, TZ)
    assert [t.id for t in tickets] == [1, 2, 3, 4]
