"""The ledger workbook (台账.xlsx): ledger rows ↔ tickets, and openpyxl writing and reading.

Written in write-only mode and read in read-only mode, so years of history stream through."""

from __future__ import annotations

import zipfile
from collections.abc import Collection, Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from bot import texts
from bot.core.imported import ImportedTicket
from bot.ledger.cells import ticket_from_cells
from bot.ledger.rows import (
    HEADERS,
    LEDGER_WORDING,
    CategoryTable,
    LedgerError,
    LedgerLine,
    collect_chunks,
)

__all__ = [
    "SHEET_TITLE",
    "read_workbook",
    "stream_workbook",
    "ticket_from_cells",
    "write_workbook",
]

SHEET_TITLE = texts.LEDGER_SHEET
_FIELDS = tuple(texts.LEDGER_COLUMNS)  # the columns by field, in order
_FIELD_OF_HEADER = {header: field for field, header in texts.LEDGER_COLUMNS.items()}
REQUIRED_FIELDS = ("group", "category", "summary", "created_at")
_DATES = ("created_at", "due_at", "done_at", "assigned_at")
_DATE_COLUMNS = frozenset(i for i, field in enumerate(_FIELDS) if field in _DATES)
# Cells formatted as text: 满意户数 "2/3" typed again in Excel or WPS would become 2月3日.
_TEXT_COLUMNS = frozenset({_FIELDS.index("verdicts")})
_WIDTHS = {
    "id": 8, "group": 18, "category": 10, "location": 16, "summary": 48, "households": 9,
    "created_at": 17, "team": 14, "assignee": 12, "due_at": 17, "done_at": 17, "done_note": 32,
    "rating": 9, "status": 8, "verdicts": 9, "urgent": 6, "assigned_at": 17,
}  # fmt: skip
# Excel keeps 15 significant digits: a longer whole number (an imported 18-digit 编号) is text.
_EXACT = 10**15
DATE_FORMAT = "yyyy-mm-dd hh:mm"
OVERDUE_FILL = PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE")
_OVERDUE_FONT = Font(color="9C0006")
_HEADER_FILL = PatternFill("solid", start_color="D9E1F2", end_color="D9E1F2")
_HEADER_FONT = Font(bold=True)


# -- writing ----------------------------------------------------------------------------------
def write_workbook(
    lines: Sequence[LedgerLine],
    target: Path | IO[bytes],
    lessons: Sequence[Sequence[Any]] = (),
) -> int:
    """The ledger sheet: header frozen, an autofilter, overdue rows in red; with `lessons`
    (rows of `texts.LESSON_HEADERS`), a second sheet of what the workers taught the bot.
    Returns the ledger's rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    last_cell = f"{get_column_letter(len(HEADERS))}{len(lines) + 1}"
    # Say the sheet's size up front, as Excel does: read-only readers then need not scan it.
    sheet.calculate_dimension = lambda: f"A1:{last_cell}"
    for index, field in enumerate(_FIELDS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS[field]
    sheet.freeze_panes = "A2"
    header_cells = []
    for header in HEADERS:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
        header_cells.append(cell)
    sheet.append(header_cells)
    count = 0
    for line in lines:
        sheet.append(_row(sheet, line))
        count += 1
    sheet.auto_filter.ref = f"A1:{last_cell}"
    if lessons:
        taught = workbook.create_sheet(texts.LESSON_SHEET)
        taught.freeze_panes = "A2"
        for letter, width in zip("ABCDEF", (17, 14, 9, 10, 8, 60), strict=True):
            taught.column_dimensions[letter].width = width
        taught.append(list(texts.LESSON_HEADERS))
        for lesson in lessons:
            lesson_line = LedgerLine(tuple(lesson), overdue=False)
            taught.append(_row(taught, lesson_line, dates=(0,), texts_at=()))
    workbook.save(target)
    return count


def _row(
    sheet: Any,
    line: LedgerLine,
    dates: Collection[int] = _DATE_COLUMNS,
    texts_at: Collection[int] = _TEXT_COLUMNS,
) -> list[Any]:
    """Cells as written: text stays text (never a formula, and typed again still text where a
    spreadsheet would read a date), dates formatted, overdue in red."""
    row: list[Any] = []
    for index, value in enumerate(line.cells):
        formula_like = long_number = False
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
            formula_like = value.startswith("=")
        elif isinstance(value, int) and not -_EXACT < value < _EXACT:
            value, long_number = str(value), True  # an 18-digit 编号: Excel would round it
        # a text column's empty cell too: 满意户数 is mostly typed where none was given yet
        typed = index in texts_at or long_number or (value is not None and index in dates)
        if not (line.overdue or formula_like or typed):
            row.append(value)
            continue
        cell = WriteOnlyCell(sheet, value=value)
        if formula_like:  # a resident's "=…" must not become a formula in the office's Excel
            cell.data_type = "s"
        if index in dates:
            cell.number_format = DATE_FORMAT
        elif index in texts_at or long_number:
            cell.number_format = "@"
        if line.overdue:
            cell.fill, cell.font = OVERDUE_FILL, _OVERDUE_FONT
        row.append(cell)
    return row


# -- reading ----------------------------------------------------------------------------------
def read_workbook(
    source: Path | IO[bytes], categories: CategoryTable, tz: ZoneInfo
) -> list[ImportedTicket]:
    """Every ticket of the ledger sheet, or LedgerError naming each bad row (nothing read)."""
    return [ticket for chunk in stream_workbook(source, categories, tz) for ticket in chunk]


def stream_workbook(
    source: Path | IO[bytes], categories: CategoryTable, tz: ZoneInfo
) -> Iterator[list[ImportedTicket]]:
    """The tickets of the ledger sheet in chunks as they are read; LedgerError naming each
    bad row after the last chunk (see `collect_chunks`)."""
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise LedgerError([texts.UNREADABLE_WORKBOOK.format(error=exc)]) from None
    try:
        rows, columns = _ledger_sheet(workbook)
        yield from collect_chunks(_parsed(rows, columns, categories, tz), LEDGER_WORDING)
    finally:
        workbook.close()


def _ledger_sheet(workbook: Any) -> tuple[Iterator[tuple[int, tuple[Any, ...]]], dict[str, int]]:
    """The rows after the header of the sheet 台账, or, when the office renamed it (11月台账),
    of the first sheet with the ledger's header row; and that header's columns by field. With
    none, LedgerError naming the row that came nearest and the columns it lacks."""
    names = workbook.sheetnames
    sheets = [workbook[SHEET_TITLE]] if SHEET_TITLE in names else workbook.worksheets
    nearest: tuple[str, int, dict[str, int]] = ("", 0, {})
    for sheet in sheets:
        rows = enumerate(sheet.iter_rows(values_only=True), start=1)
        line, columns = _find_header(rows)
        if all(f in columns for f in REQUIRED_FIELDS):
            return rows, columns
        if len(columns) > len(nearest[2]):
            nearest = (sheet.title, line, columns)
    title, line, columns = nearest
    if not columns:
        raise LedgerError([texts.no_header(REQUIRED_FIELDS)])
    missing = [f for f in REQUIRED_FIELDS if f not in columns]
    raise LedgerError([texts.header_lacks(title, line, missing)])


def _find_header(rows: Iterator[tuple[int, tuple[Any, ...]]]) -> tuple[int, dict[str, int]]:
    """The header row (a title row or two above it is fine): its line and column index by
    field; without one, the row of the first ten that names the most columns."""
    best: tuple[int, dict[str, int]] = (0, {})
    for line, values in rows:
        columns: dict[str, int] = {}
        for index, value in enumerate(values):
            field = _FIELD_OF_HEADER.get(str(value).strip() if value is not None else "")
            if field is not None and field not in columns:
                columns[field] = index
        if all(f in columns for f in REQUIRED_FIELDS):
            return line, columns
        if len(columns) > len(best[1]):
            best = (line, columns)
        if line >= 10:
            break
    return best


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _parsed(
    rows: Iterator[tuple[int, tuple[Any, ...]]],
    columns: Mapping[str, int],
    categories: CategoryTable,
    tz: ZoneInfo,
) -> Iterator[tuple[int, Any]]:
    for line, values in rows:
        if all(_blank(v) for v in values):
            continue
        cells = {h: values[i] if i < len(values) else None for h, i in columns.items()}
        if _total_row(values, cells):
            continue
        yield line, partial(ticket_from_cells, line, cells, categories, tz)


def _total_row(values: Sequence[Any], cells: Mapping[str, Any]) -> bool:
    """The office's 合计 row under the tickets: no 反映内容, and 合计 (总计：12 件 …) first."""
    if not _blank(cells.get("summary")):
        return False
    first = next(v for v in values if not _blank(v))
    return isinstance(first, str) and first.strip().startswith(texts.TOTAL_ROW_WORDS)
