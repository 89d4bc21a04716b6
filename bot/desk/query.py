"""What the desk's pages read from a query string or a form: a ticket or chat number, a page,
the ticket list's filters, search words and order — anything unreadable left out (and said,
for a typed date)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.tickets import Status
from bot.core.timeutil import DAY_TYPED
from storage.desk import SearchTerm, TicketFilter, TicketOrder

__all__ = [
    "LAST_PAGE",
    "SEARCH_MOST",
    "day_of",
    "days_shown",
    "filters_of",
    "is_backwards",
    "number_of",
    "order_of",
    "page_of",
    "terms_of",
    "typed_range",
    "unread_days",
]

LAST_PAGE = 10**12  # any page past the end; its OFFSET, times 200 rows, is a BIGINT still
_NUMBER = re.compile(r"#?(-?[0-9]{1,19})", re.ASCII)
_STORED = range(-(2**63), 2**63)  # what a BIGINT (PostgreSQL) or an INTEGER (SQLite) holds
_DAY = re.compile(DAY_TYPED, re.ASCII)  # typed as a ledger's dates are
_DAY_FILTERS = ("from", "to")
SEARCH_MOST = 100  # characters of the search box read (its `maxlength`)
_TERMS_MOST = 8  # words of it: a sentence pasted in is not a query of a hundred LIKEs
_BETWEEN_WORDS = re.compile(r"[\s,;、]+")  # spaces, commas (，), 、 and semicolons (；)


def number_of(value: str | None) -> int | None:
    """`12`, `#12` (full-width too) or a chat id, negative and as long as the storage keeps it
    (a group brought in from a ledger has a 16-digit one); None for anything else."""
    found = _NUMBER.fullmatch(unicodedata.normalize("NFKC", value or "").strip())
    if found is None:
        return None
    number = int(found.group(1))
    return number if number in _STORED else None


def page_of(query: Mapping[str, str]) -> int:
    """The page asked for, from 1; a page far past the end (`?page=` of 19 digits, or of 30)
    is kept within what an OFFSET holds: the page after the last is answered with the last."""
    typed = unicodedata.normalize("NFKC", query.get("page") or "").strip()
    if typed.isascii() and typed.isdigit() and len(typed) > len(str(LAST_PAGE)):
        return LAST_PAGE
    return min(max(1, number_of(typed) or 1), LAST_PAGE)


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


def terms_of(typed: str | None) -> tuple[SearchTerm, ...]:
    """The search box's words, each to be found: `3栋 电梯` both. A word of digits is also a
    ticket's number (`12`: #12, and 12栋 or 12号); `#12` is only the number. Read as NFKC
    (full-width ３栋 and ＃12 as 3栋 and #12); at most 8 words of the first 100 characters."""
    text = unicodedata.normalize("NFKC", typed or "")[:SEARCH_MOST]
    terms: list[SearchTerm] = []
    for word in _BETWEEN_WORDS.split(text):
        if word in ("", "#"):
            continue
        number = number_of(word)
        if number is not None and number <= 0:
            number = None  # -1 is words: no ticket has that number
        only_the_number = word.startswith("#") and number is not None
        term = SearchTerm(None if only_the_number else word, number)
        if term not in terms:
            terms.append(term)
    return tuple(terms[:_TERMS_MOST])


def order_of(query: Mapping[str, str]) -> TicketOrder:
    """The list's order (`sort=`); newest first unless one of the others is named."""
    try:
        return TicketOrder(query.get("sort") or TicketOrder.NEWEST)
    except ValueError:
        return TicketOrder.NEWEST


def filters_of(query: Mapping[str, str], tz: ZoneInfo) -> TicketFilter:
    """The filters in the query string; anything unreadable is left out, not an error."""
    status = query.get("status") or None
    first, last = typed_range(query, tz)
    return TicketFilter(
        chat_id=number_of(query.get("group")),
        category=query.get("category") or None,
        status=status if status in {s.value for s in Status} else None,
        overdue=query.get("overdue") == "1",
        urgent=query.get("urgent") == "1",
        active=query.get("active") == "1",
        level=number_of(query.get("level")),
        worker=number_of(query.get("worker")),
        since=day_of(first, tz),
        until=day_of(last, tz, end=True),
        words=terms_of(query.get("q")),
    )


def days_shown(query: Mapping[str, str], tz: ZoneInfo) -> dict[str, str]:
    """The 受理 range as its date boxes show it: a day read as the picker writes it (2026/11/1
    as 2026-11-01: a date box drops any other form, and the next 筛选 with it), else as typed."""
    shown: dict[str, str] = {}
    for key, typed in zip(_DAY_FILTERS, typed_range(query, tz), strict=True):
        day = day_of(typed, tz)
        shown[key] = day.date().isoformat() if day else typed
    return shown


def typed_range(query: Mapping[str, str], tz: ZoneInfo) -> tuple[str, str]:
    """The 受理 range's first and last day as typed, in their order: given backwards (from
    11-30 to 11-01) it means the days between, not none (`is_backwards` says it was)."""
    first, last = (query.get(key, "") for key in _DAY_FILTERS)
    return (last, first) if is_backwards(query, tz) else (first, last)


def is_backwards(query: Mapping[str, str], tz: ZoneInfo) -> bool:
    """Whether the 受理 range was given later day first (both days read)."""
    first, last = (day_of(query.get(key), tz) for key in _DAY_FILTERS)
    return first is not None and last is not None and last < first


def unread_days(query: Mapping[str, str], tz: ZoneInfo) -> list[str]:
    """The dates typed in the filters that are no day (left out of the filter, to be said)."""
    typed = (query.get(key, "").strip() for key in _DAY_FILTERS)
    return [value for value in typed if value and day_of(value, tz) is None]
