"""The exported ledger as a community office's clerk edits it in WPS or Excel before bringing it
back (QA round 23): the sheet renamed, a 合计 row at the bottom, dates typed by hand, a column
renamed."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from bot import texts
from bot.ledger.monthly import ledger_workbook
from bot.ledger.rows import LedgerError
from bot.ledger.xlsx import read_workbook
from storage.chats import ChatStore
from storage.db import Database
from storage.ledger import ImportClash, LedgerStore
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


@pytest.mark.parametrize("where", ["编号", "群"])
async def test_a_total_row_at_the_bottom_is_not_read_as_a_ticket(db: Database, where: str):
    """The clerk sums 反映户数 under the rows, with a blank row between: the import refused the
    ledger as if 合计 were a ticket (编号 "合计" 不是正整数；群 不能为空；…)."""
    workbook = await exported(db)
    sheet = workbook["台账"]
    last = sheet.max_row
    column = [c.value for c in sheet[1]].index(where) + 1
    sheet.cell(last + 2, column, "合计")
    sheet.cell(last + 2, 6, f"=SUM(F2:F{last})")
    sheet.cell(last + 3, column, "总计：4 件")
    tickets = read_workbook(saved(workbook), CATEGORIES, TZ)
    assert [t.id for t in tickets] == [1, 2, 3, 4]


async def test_a_date_typed_without_its_year_is_named_with_how_to_write_it(db: Database):
    """11月3日 and 11/3/2026 typed by hand were refused as 不是日期, leaving the clerk to guess
    what the import wants: the row says how to write a date, year first."""
    workbook = await exported(db)
    sheet = workbook["台账"]
    column = [c.value for c in sheet[1]].index("受理时间") + 1
    sheet.cell(2, column, "2026/11/3")  # read: year, month, day
    sheet.cell(3, column, "11月3日")
    sheet.cell(4, column, "11/3/2026")
    with pytest.raises(LedgerError) as caught:
        read_workbook(saved(workbook), CATEGORIES, TZ)
    first, second = caught.value.problems
    assert first.startswith('第 3 行：受理时间 "11月3日" 不是日期'), first
    assert second.startswith('第 4 行：受理时间 "11/3/2026" 不是日期'), second
    for said in (first, second):
        assert "2026-11-03 09:15" in said and "2026/11/3" in said and "年份" in said, said


async def test_a_renamed_column_is_named_as_the_one_missing(db: Database):
    """The clerk renamed 反映内容 to 诉求内容 (the office's own word): the import said it found
    no header and listed every column, not which one it missed, nor where it looked."""
    workbook = await exported(db)
    sheet = workbook["台账"]
    sheet.title = "11月台账"
    sheet.insert_rows(1)
    sheet.cell(1, 1, "东苑社区诉求台账")
    column = [c.value for c in sheet[2]].index("反映内容") + 1
    sheet.cell(2, column, "诉求内容")
    with pytest.raises(LedgerError) as caught:
        read_workbook(saved(workbook), CATEGORIES, TZ)
    [said] = caught.value.problems
    assert "「11月台账」第 2 行" in said and "缺少 反映内容" in said, said
    assert "受理时间" not in said.split("缺少")[1].split("（")[0], said


async def test_the_offices_own_ledger_brought_back_is_not_advised_into_doubles(db: Database):
    """The clerk changed a status in the exported ledger and imported it into the same
    database: refused (an import adds tickets, it changes none), and told to clear the 编号
    column — which registers every ticket a second time. The answer says the import changes
    no ticket, and to clear the numbers of new rows only, the others deleted first."""
    workbook = await exported(db)
    sheet = workbook["台账"]
    sheet.cell(3, [c.value for c in sheet[1]].index("状态") + 1, "已办结")
    tickets = read_workbook(saved(workbook), CATEGORIES, TZ)
    with pytest.raises(ImportClash) as caught:
        await LedgerStore(db).import_stream([tickets], NOW)
    said = texts.import_clash(caught.value.ticket_ids)
    assert "未导入任何数据" in said and "不会修改" in said, said
    assert "清空台账里的编号列" not in said and "重复登记" in said, said


async def test_a_done_time_typed_on_a_row_left_open_is_named(db: Database):
    """The clerk typed 办结时间 and 办理结果 on a 待接单 row and forgot its 状态: the ticket came in
    open and overdue, the time and the result kept out of sight (no ledger, no desk shows
    them on an open ticket). The row is named with the two ways to put it right."""
    workbook = await exported(db)
    sheet = workbook["台账"]
    header = [c.value for c in sheet[1]]
    line = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 14).value == "待接单")
    sheet.cell(line, header.index("办结时间") + 1, "2026/11/8 15:00")
    sheet.cell(line, header.index("办理结果") + 1, "已清运")
    with pytest.raises(LedgerError) as caught:
        read_workbook(saved(workbook), CATEGORIES, TZ)
    [said] = caught.value.problems
    assert said.startswith(f"第 {line} 行：") and "待接单" in said and "办结时间" in said, said
    assert "改为 已办结" in said and "清空办结时间" in said, said


async def test_a_category_typed_short_is_named_with_the_names_it_may_be(db: Database):
    """噪音 for 噪音扰民, 卫生 for 环境卫生: the row said 不认识（可以写类别名称，如 电梯、停车）,
    not which name was meant, nor the names there are."""
    workbook = await exported(db)
    sheet = workbook["台账"]
    column = [c.value for c in sheet[1]].index("类别") + 1
    sheet.cell(2, column, "噪音")
    sheet.cell(3, column, "飞碟")
    with pytest.raises(LedgerError) as caught:
        read_workbook(saved(workbook), CATEGORIES, TZ)
    short, unknown = caught.value.problems
    assert short == '第 2 行：类别 "噪音" 不认识：是不是 噪音扰民？', short
    assert unknown.startswith('第 3 行：类别 "飞碟" 不认识（可以是：'), unknown
    assert all(name in unknown for name in CATEGORIES.names.values()), unknown


async def test_verdicts_excel_turned_into_a_date_read_as_typed(db: Database):
    """The clerk typed 1/2 in 满意户数 and Excel (WPS too) made it a date, 1月2日: the import
    refused 满意户数 "2026-01-02 00:00:00", a value she never wrote. It is read as typed."""
    workbook = await exported(db)
    sheet = workbook["台账"]
    column = [c.value for c in sheet[1]].index("满意户数") + 1
    assert sheet.cell(2, column).value == "2/2"  # #1, rated by both its households
    cell = sheet.cell(2, column, datetime(2026, 1, 2))
    cell.number_format = "m月d日"
    tickets = read_workbook(saved(workbook), CATEGORIES, TZ)
    assert (tickets[0].households_pleased, tickets[0].households_rated) == (1, 2)
