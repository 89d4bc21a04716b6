"""What the desk's pages read from a query string or a form: a ticket or chat number, a page,
the ticket list's filters — anything unreadable left out (and said, for a typed date)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.tickets import Status
from bot.core.timeutil import DAY_TYPED
from storage.desk import TicketFilter

__all__ = ["LAST_PAGE", "day_of", "filters_of", "number_of", "page_of", "unread_days"]

LAST_PAGE = 10**12  # any page past the end; its OFFSET, times 200 rows, is a BIGINT still
_NUMBER = re.compile(r"#?(-?[0-9]{1,19})", re.ASCII)
_STORED = range(-(2**63), 2**63)  # what a BIGINT (PostgreSQL) or an INTEGER (SQLite) holds
_DAY = re.compile(DAY_TYPED, re.ASCII)  # typed as a ledger's dates are
_DAY_FILTERS = ("from", "to")


def number_of(value: str | None) -> int | None:
    """`12`, `#12` (full-width too) or a chat id, negative and as long as the storage keeps it
    (a group brought in from a ledger has a 16-digit one); None for anything else."""
    found = _NUMBER.fullmatch(unicodedata.normalize("NFKC", value or "").strip())
    if found is None:
        return None
    number = int(found.group(1))
    return number if number in _STORED else None


def page_of(query: Mapping[str, str]) -> int:
    """The page asked for, from 1; a page far past the end (`?page=` of 19 digits) is kept
    within what an OFFSET holds: the page after the last is answered with the last."""
    return min(max(1, number_of(query.get("page")) or 1), LAST_PAGE)


def day_of(value: str | None, tz: ZoneInfo, end: bool = False) -> datetime | None:
    """A day of the list's 受理 filter (its start, or with `end` the next day's): 2026-11-01
    as the date picker sends it, or typed where there is none (2026/11/1, 2026.11.1,
    2026年11月1日); None when it is no day, or off the calendar (0001-01-01, 9999-12-31)."""
    found = _DAY.fullmatch(unicodedata.normalize("NFKC", value or "").strip())
    try:
        day = date(*map(int, found.groups())) if found else None
    except ValueError:  # 2026-11-31
        return None
    if day is None or not 2000 <= day.year <= 2999:
        return None
    return datetime.combine(day + timedelta(days=1 if end else 0), time(), tz)


def filters_of(query: Mapping[str, str], tz: ZoneInfo) -> TicketFilter:
    """The filters in the query string; anything unreadable is left out, not an error."""
    status = query.get("status") or None
    return TicketFilter(
        chat_id=number_of(query.get("group")),
        category=query.get("category") or None,
        status=status if status in {s.value for s in Status} else None,
        overdue=query.get("overdue") == "1",
        urgent=query.get("urgent") == "1",
        active=query.get("active") == "1",
        level=number_of(query.get("level")),
        worker=number_of(query.get("worker")),
        since=day_of(query.get("from"), tz),
        until=day_of(query.get("to"), tz, end=True),
    )


def unread_days(query: Mapping[str, str], tz: ZoneInfo) -> list[str]:
    """The dates typed in the filters that are no day (left out of the filter, to be said)."""
    typed = (query.get(key, "").strip() for key in _DAY_FILTERS)
    return [value for value in typed if value and day_of(value, tz) is None]
