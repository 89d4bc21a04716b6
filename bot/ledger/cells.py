"""A ledger row's cells (Chinese headers, local times) as a ticket to import: each cell read
as an office clerk may have typed it, each problem named with its row. Pure: no files."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl.utils.datetime import from_excel

from bot import texts
from bot.core.imported import MAX_COUNT, MAX_ID, MAX_TICKET_ID, ImportedReport, ImportedTicket
from bot.core.tickets import Rating, Status
from bot.core.timeutil import DAY_TYPED, utc_text
from bot.ledger.rows import CategoryTable, RowProblems
from bot.texts import RATING_NAMES, STATUS_NAMES

__all__ = ["ticket_from_cells"]


def _round_second(value: datetime) -> datetime:
    """Excel keeps times as fractions of a day; read back they can be a microsecond off."""
    if value.microsecond >= 500_000:
        value += timedelta(seconds=1)
    return value.replace(microsecond=0)


_DATE = re.compile(
    rf"^{DAY_TYPED}"
    r"(?:[\sT]+(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2})\s*秒?)?)?$"
)
_EXCEL_DAYS = (36526, 73051)  # Excel's day numbers of 2000-01-01 and 2100-01-01
# Telegram numbers groups below zero (-1001234567890, a basic group's -123456789: five digits
# and more), and so does the ledger a group whose title the bot never learnt: other digits (a
# group named 2024, or -5) are a title. One such number is kept as a title too: the import takes
# the group of that title when the database knows one (and no chat of that id)
_GROUP_ID = re.compile(r"^-\d{5,19}$")
_VERDICTS = re.compile(r"\s*(\d{1,6})\s*[/／]\s*(\d{1,6})\s*")
_NUMBER = re.compile(r"^[#＃]?\s*(\d{1,30})\s*户?$")  # past 15 digits: kept as text
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


def _excel_day(value: Any) -> bool:
    """A number that is one of Excel's day numbers of this century."""
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and _EXCEL_DAYS[0] <= value < _EXCEL_DAYS[1]
    )


def _cell_time(value: Any, tz: ZoneInfo, fold: int = 0) -> datetime:
    """A date cell (naive = local time), Excel's day number of one, or text such as
    2026-11-03 09:15 / 2026年11月3日. A local time the clocks show twice (the hour they go
    back) is its first instant, or with `fold=1` its second; a time with its UTC offset is
    that instant."""
    if isinstance(value, datetime):
        local = value if value.tzinfo else value.replace(tzinfo=tz, fold=fold)
    elif isinstance(value, date):
        local = datetime(value.year, value.month, value.day, tzinfo=tz)
    elif _excel_day(value):
        # a date cell whose format was lost (pasted as values, or into a WPS sheet): Excel's
        # day number, 46329.375 for 2026-11-03 09:00
        local = from_excel(value).replace(tzinfo=tz, fold=fold)
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


def _cell_count(value: Any) -> int:
    """A whole number, written as a number or as text (`12`, `#12`); ValueError if not."""
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

    def count(self, field: str, least: int = 1, most: int = MAX_COUNT) -> int | None:
        """A whole number from `least` to `most` (what the database's column holds)."""
        value = self.raw(field)
        if value is None:
            return None
        try:
            number = _cell_count(value)
        except ValueError:
            number = None
        if number is None or number < least:
            self.problems.append(texts.not_a_number(field, _shown(value), least))
            return None
        if number > most:
            self.problems.append(texts.number_too_large(field, _shown(value), most))
            return None
        return number

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
    number = row.count("id", most=MAX_TICKET_ID)
    group = row.text("group", required=True)
    chat_id = int(group) if group is not None and _GROUP_ID.match(group) else None
    if chat_id is not None and not -MAX_ID <= chat_id <= MAX_ID:
        row.problems.append(texts.group_id_too_large(str(group)))
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
    taken_at = row.time("assigned_at")
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
    if created_at and taken_at and taken_at < created_at:
        taken_at = row.time("assigned_at", fold=1)  # as 办结时间 above
    if created_at and taken_at and taken_at < created_at:
        row.problems.append(texts.TAKEN_BEFORE_CREATED)
    elif done_at and taken_at and done_at < taken_at:
        row.problems.append(texts.TAKEN_AFTER_DONE)
    if taken_at and status == Status.OPEN and row.text("assignee"):
        # taken, 状态 left as it was; without 承办人 it was handed back (its worker left the
        # roster) and keeps when it was taken, as the bot's own export writes it
        row.problems.append(texts.TAKEN_BUT_WAITING)
    if row.problems:
        raise RowProblems(row.problems, number)
    assert group is not None and category is not None and summary is not None
    assert created_at is not None
    return ImportedTicket(
        line=line,
        id=number,
        chat_id=chat_id,
        group=group,
        category=category,
        status=Status(status) if status else _status_of(done_at, taken_at),
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
        assigned_at=utc_text(taken_at) if taken_at else None,
    )


def _status_of(done_at: datetime | None, taken_at: datetime | None) -> Status:
    """A row without 状态: done when it has 办结时间, taken when it has 接单时间."""
    if done_at:
        return Status.DONE
    return Status.ASSIGNED if taken_at else Status.OPEN
