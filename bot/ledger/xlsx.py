"""The ledger workbook (台账.xlsx): ledger rows ↔ tickets, and openpyxl writing and reading.

Written in write-only mode and read in read-only mode, so years of history stream through."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
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
from bot.core.imported import ImportedReport, ImportedTicket
from bot.core.tickets import Rating, Status
from bot.core.timeutil import utc_text
from bot.ledger.rows import (
    HEADERS,
    LEDGER_WORDING,
    CategoryTable,
    LedgerError,
    LedgerLine,
    RowProblems,
    collect_chunks,
)
from bot.texts import RATING_NAMES, STATUS_NAMES

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
_DATE_COLUMNS = frozenset(
    i for i, field in enumerate(_FIELDS) if field in ("created_at", "due_at", "done_at")
)
# Cells formatted as text: 满意户数 "2/3" typed again in Excel or WPS would become 2月3日.
_TEXT_COLUMNS = frozenset({_FIELDS.index("verdicts")})
_WIDTHS = {
    "id": 8, "group": 18, "category": 10, "location": 16, "summary": 48, "households": 9,
    "created_at": 17, "team": 14, "assignee": 12, "due_at": 17, "done_at": 17, "done_note": 32,
    "rating": 9, "status": 8, "verdicts": 9, "urgent": 6,
}  # fmt: skip
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
        formula_like = False
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
            formula_like = value.startswith("=")
        # a text column's empty cell too: 满意户数 is mostly typed where none was given yet
        typed = index in texts_at or (value is not None and index in dates)
        if not (line.overdue or formula_like or typed):
            row.append(value)
            continue
        cell = WriteOnlyCell(sheet, value=value)
        if formula_like:  # a resident's "=…" must not become a formula in the office's Excel
            cell.data_type = "s"
        if index in dates:
            cell.number_format = DATE_FORMAT
        elif index in texts_at:
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


# -- ledger rows (Chinese headers, local times) ------------------------------------------------
def _round_second(value: datetime) -> datetime:
    """Excel keeps times as fractions of a day; read back they can be a microsecond off."""
    if value.microsecond >= 500_000:
        value += timedelta(seconds=1)
    return value.replace(microsecond=0)


# ---- ledger rows (Chinese headers, local times) ----------------------------------------------
_DATE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[\sT]+(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2})\s*秒?)?)?$"
)
_GROUP_ID = re.compile(r"^-?\d{1,19}$")
_VERDICTS = re.compile(r"\s*(\d{1,6})\s*[/／]\s*(\d{1,6})\s*")
_NUMBER = re.compile(r"^[#＃]?\s*(\d{1,15})\s*户?$")
_STATUS_BY_NAME = {name: status for status, name in STATUS_NAMES.items()}
_RATING_BY_NAME = {name: rating for rating, name in RATING_NAMES.items()}


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _shown(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return str(value).strip()


def _cell_time(value: Any, tz: ZoneInfo, fold: int = 0) -> datetime:
    """A date cell (naive = local time) or text such as 2026-11-03 09:15 / 2026年11月3日. A
    local time the clocks show twice (the hour they go back) is its first instant, or with
    `fold=1` its second; a time with its UTC offset is that instant."""
    if isinstance(value, datetime):
        local = value if value.tzinfo else value.replace(tzinfo=tz, fold=fold)
    elif isinstance(value, date):
        local = datetime(value.year, value.month, value.day, tzinfo=tz)
    elif isinstance(value, str):
        text = value.strip()
        match = _DATE.match(text)
        if match:
            parts = [int(p) if p else 0 for p in match.groups()]
            year, month, day, hour, minute, second = parts
            local = datetime(year, month, day, hour, minute, second, tzinfo=tz, fold=fold)
        else:
            parsed = datetime.fromisoformat(text)
            local = parsed if parsed.tzinfo else parsed.replace(tzinfo=tz, fold=fold)
    else:
        raise ValueError(value)
    return _round_second(local.astimezone(UTC))


def _cell_count(value: Any, least: int = 1) -> int:
    """A whole number from `least` up, written as a number or as text (`12`, `#12`)."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and (match := _NUMBER.match(value.strip())):
        number = int(match.group(1))
    else:
        raise ValueError(value)
    if number < least:
        raise ValueError(value)
    return number


class _Row:
    """The cells of one ledger row by field, collecting problems instead of stopping."""

    def __init__(self, cells: Mapping[str, Any], tz: ZoneInfo) -> None:
        self.cells = cells
        self.tz = tz
        self.problems: list[str] = []

    def raw(self, field: str) -> Any:
        value = self.cells.get(field)
        return None if isinstance(value, str) and not value.strip() else value

    def text(self, field: str, *, required: bool = False) -> str | None:
        value = _text(self.raw(field))
        if value is None and required:
            self.problems.append(texts.empty_cell(field))
        return value

    def time(self, field: str, *, required: bool = False, fold: int = 0) -> datetime | None:
        value = self.raw(field)
        if value is None:
            if required:
                self.problems.append(texts.empty_cell(field))
            return None
        try:
            return _cell_time(value, self.tz, fold)
        except (ValueError, OverflowError):
            self.problems.append(texts.not_a_date(field, _shown(value)))
            return None

    def count(self, field: str, least: int = 1) -> int | None:
        value = self.raw(field)
        if value is None:
            return None
        try:
            return _cell_count(value, least)
        except ValueError:
            self.problems.append(texts.not_a_number(field, _shown(value), least))
            return None

    def flag(self, field: str) -> bool:
        """是/紧急/√ (or true, 1) for yes; empty, 否 (or false, 0) for no."""
        value = self.raw(field)
        if value is None:
            return False
        if isinstance(value, bool | int) and value in (0, 1):
            return bool(value)
        text = str(_text(value)).upper()
        if text in texts.URGENT_YES:
            return True
        if text not in texts.URGENT_NO:
            known = (texts.URGENT_MARK, texts.URGENT_NO[0])  # 是、否
            self.problems.append(texts.unknown_value(field, _shown(value), known))
        return False

    def verdicts(self, field: str) -> tuple[int, int]:
        """`2/3`: pleased households of those that gave a verdict ((0, 0) when empty); `2/3`
        typed in Excel, which makes it the date 2月3日, is read as typed."""
        value = self.raw(field)
        if isinstance(value, datetime) and value == datetime(value.year, value.month, value.day):
            value = f"{value.month}/{value.day}"
        text = _text(value)
        if text is None:
            return 0, 0
        found = _VERDICTS.fullmatch(text)
        if found is None or int(found[1]) > int(found[2]):
            self.problems.append(texts.not_verdicts(field, _shown(text)))
            return 0, 0
        return int(found[1]), int(found[2])

    def choice(self, field: str, by_name: Mapping[str, Any], values: Iterable[str]) -> Any:
        text = self.text(field)
        if text is None:
            return None
        if text in by_name:
            return by_name[text]
        if text in set(values):
            return text
        self.problems.append(texts.unknown_value(field, text, list(by_name)))
        return None


def ticket_from_cells(
    line: int, cells: Mapping[str, Any], categories: CategoryTable, tz: ZoneInfo
) -> ImportedTicket:
    """A ledger row by field; raises the row's problems (all of them at once)."""
    row = _Row(cells, tz)
    number = row.count("id")
    group = row.text("group", required=True)
    category_text = row.text("category", required=True)
    category = categories.find(category_text) if category_text else None
    if category_text and category is None:
        names = list(dict.fromkeys(categories.names.values()))
        row.problems.append(texts.unknown_category(category_text, names))
    summary = row.text("summary", required=True)
    households = row.count("households", least=0)  # 0: merged away, or a worker's own report
    created_at = row.time("created_at", required=True)
    due_at = row.time("due_at")
    done_at = row.time("done_at")
    rating = row.choice("rating", _RATING_BY_NAME, (r.value for r in Rating))
    pleased, rated = row.verdicts("verdicts")
    status = row.choice("status", _STATUS_BY_NAME, (s.value for s in Status))
    urgent = row.flag("urgent")  # a ledger from before the column: not urgent
    if created_at and done_at and done_at < created_at:
        # 受理 02:50 and 办结 02:10 the night the clocks go back: 02:10 came twice, and its
        # second time (20 minutes after 受理) keeps the row in order
        done_at = row.time("done_at", fold=1)
    if created_at and done_at and done_at < created_at:
        row.problems.append(texts.DONE_BEFORE_CREATED)
    if done_at and status and not Status(status).is_solved:
        # 办结时间 typed on a row whose 状态 was left 待接单: kept, it would show nowhere
        row.problems.append(texts.done_time_but_open(STATUS_NAMES[Status(status)]))
    if row.problems:
        raise RowProblems(row.problems, number)
    assert group is not None and category is not None and summary is not None
    assert created_at is not None
    chat_id = int(group) if _GROUP_ID.match(group) else None
    return ImportedTicket(
        line=line,
        id=number,
        chat_id=chat_id,
        group=None if chat_id is not None else group,
        category=category,
        status=Status(status) if status else (Status.DONE if done_at else Status.OPEN),
        location=row.text("location"),
        urgent=urgent,
        summary=summary,
        households=1 if households is None else households,
        created_at=utc_text(created_at),
        team=row.text("team"),
        assignee_id=None,
        assignee_name=row.text("assignee"),
        due_at=utc_text(due_at) if due_at else None,
        done_at=utc_text(done_at) if done_at else None,
        done_note=row.text("done_note"),
        rating=Rating(rating).value if rating else None,
        escalation_level=0,
        reports=(ImportedReport(None, None, None, summary, utc_text(created_at)),),
        households_rated=rated,
        households_pleased=pleased,
    )
