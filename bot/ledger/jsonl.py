"""JSON records as `export` writes them (bot/export.py) → tickets to import, each validated
with a message that names the line. Pure: no files, no database."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from typing import Any

import orjson

from bot.core.imported import (
    MAX_COUNT,
    MAX_ID,
    MAX_TICKET_ID,
    ImportedReport,
    ImportedTicket,
    UtcText,
)
from bot.core.loop import MAX_LEVEL
from bot.core.tickets import Rating, Status
from bot.ledger.rows import (
    JSONL_WORDING,
    CategoryTable,
    RowProblems,
    collect_chunks,
    parse_utc_text,
)

__all__ = ["parse_line", "read_jsonl", "stream_jsonl", "ticket_from_record"]


class _Record:
    """One JSON record's fields, checked by type, collecting problems instead of stopping."""

    def __init__(self, data: Mapping[str, Any], prefix: str = "") -> None:
        self.data = data
        self.prefix = prefix
        self.problems: list[str] = []

    def _get(self, key: str, kinds: tuple[type, ...], what: str, optional: bool) -> Any:
        if key not in self.data:
            self.problems.append(f'{self.prefix}"{key}" is missing')
            return None
        value = self.data[key]
        if value is None and optional:
            return None
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            self.problems.append(f"{self.prefix}{key} {_json_shown(value)} is not {what}")
            return None
        return value

    def integer(
        self, key: str, *, optional: bool = False, minimum: int = -MAX_ID, maximum: int = MAX_ID
    ) -> Any:
        """A whole number from `minimum` to `maximum` (an id: any 64-bit number but the one
        below -MAX_ID, so that its negation is one too)."""
        value = self.data.get(key)
        # a whole number past 64 bits, as orjson reads it (10**30 is 1e+30): too large, not
        # "not a whole number"
        if not (type(value) is float and value.is_integer() and not minimum <= value <= maximum):
            value = self._get(key, (int,), "a whole number", optional)
        if value is not None and value < minimum:
            shown = _json_shown(value)
            self.problems.append(f"{self.prefix}{key} {shown} is less than {minimum}")
            return None
        if value is not None and value > maximum:
            shown = _json_shown(value)
            self.problems.append(f"{self.prefix}{key} {shown} is more than {maximum}")
            return None
        return value

    def text(self, key: str, *, optional: bool = False) -> Any:
        return self._get(key, (str,), "text", optional)

    def flag(self, key: str) -> bool:
        return bool(self._get(key, (bool,), "true or false", False))

    def time(self, key: str, *, optional: bool = False) -> UtcText | None:
        value = self._get(key, (str,), "an ISO 8601 time", optional)
        if value is None:
            return None
        try:
            text = parse_utc_text(value)
        except ValueError:
            self.problems.append(f"{self.prefix}{key} {_json_shown(value)} is not an ISO 8601 time")
            return None
        if text is None:
            self.problems.append(f"{self.prefix}{key} {_json_shown(value)} has no UTC offset")
        return text

    def choice(self, key: str, allowed: tuple[str, ...], *, optional: bool = False) -> Any:
        value = self.text(key, optional=optional)
        if value is not None and value not in allowed:
            self.problems.append(
                f"{self.prefix}{key} {_json_shown(value)} is not one of {', '.join(allowed)}"
            )
            return None
        return value


_STATUS_VALUES = tuple(s.value for s in Status)
_RATING_VALUES = tuple(r.value for r in Rating)


def _json_shown(value: Any) -> str:
    text = f'"{value}"' if isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _report(data: Any, index: int) -> tuple[ImportedReport | None, list[str]]:
    if not isinstance(data, Mapping):
        return None, [f"reports[{index}] is not an object"]
    record = _Record(data, f"reports[{index}].")
    chat_id = record.integer("chat_id")
    message_id = record.integer("message_id")
    user_id = record.integer("user_id", optional=True)
    text = record.text("text")
    received_at = record.time("received_at")
    staff = record.flag("staff") if "staff" in data else False  # older files have none
    if record.problems:
        return None, record.problems
    report = ImportedReport(chat_id, message_id, user_id, text, received_at, staff)  # type: ignore[arg-type]
    return report, []


def _households(reports: Sequence[ImportedReport]) -> int:
    """Different residents among the reports (an unknown sender counts once per report; a
    worker who filed in their own words, none)."""
    if not reports:
        return 1
    people = {
        r.user_id if r.user_id is not None else -(i + 1)
        for i, r in enumerate(reports)
        if not r.staff
    }
    return len(people)


class _Careful(ValueError):
    """Something is unusual: let the careful path look at the record and name the problem."""


_STATUSES = {s.value: s for s in Status}
_RATINGS = frozenset(r.value for r in Rating)


def _utc_time(value: Any, optional: bool = False) -> UtcText | None:
    if value is None and optional:
        return None
    if type(value) is not str:
        raise _Careful
    text = parse_utc_text(value)
    if text is None:
        raise _Careful
    return text


def _optional(value: Any, kind: type) -> Any:
    if value is not None and type(value) is not kind:
        raise _Careful
    return value


def _id(value: Any) -> Any:
    """An id (None, or a 64-bit number whose negation is one too), else _Careful."""
    if value is not None and (type(value) is not int or not -MAX_ID <= value <= MAX_ID):
        raise _Careful
    return value


def _quick_ticket(line: int, data: dict[str, Any], categories: CategoryTable) -> ImportedTicket:
    """A well-formed record (nearly all of them) read in one pass; _Careful at anything odd.
    Gives what `ticket_from_record`'s careful path gives for the same record (tested)."""
    number, chat_id, category = data["id"], _id(data["chat_id"]), data["category"]
    if type(number) is not int or not 1 <= number <= MAX_TICKET_ID or chat_id is None:
        raise _Careful
    category_id = categories.find(category) if type(category) is str else None
    status = _STATUSES[data["status"]]
    urgent, level, rating = data["urgent"], data["escalation_level"], data["rating"]
    if type(urgent) is not bool or type(level) is not int or not 0 <= level <= MAX_LEVEL:
        raise _Careful
    if category_id is None or (rating is not None and rating not in _RATINGS):
        raise _Careful
    rated, pleased = data.get("households_rated", 0), data.get("households_pleased", 0)
    if type(rated) is not int or type(pleased) is not int:
        raise _Careful
    if not 0 <= pleased <= rated <= MAX_COUNT:
        raise _Careful
    created_at = _utc_time(data["created_at"])
    done_at = _utc_time(data["done_at"], optional=True)
    if done_at is not None and done_at < created_at:  # type: ignore[operator]
        raise _Careful
    assigned_at = _utc_time(data.get("assigned_at"), optional=True)  # older files lack it
    if assigned_at is not None and not _taken_in_order(created_at, assigned_at, done_at):
        raise _Careful
    raw_reports = data["reports"]
    if type(raw_reports) is not list:
        raise _Careful
    reports = []
    seen = set()
    for raw in raw_reports:
        report = ImportedReport(
            _id(raw["chat_id"]) if raw["chat_id"] is not None else _no(),
            _id(raw["message_id"]) if raw["message_id"] is not None else _no(),
            _id(raw["user_id"]),
            raw["text"] if type(raw["text"]) is str else _no(),
            _utc_time(raw["received_at"]),  # type: ignore[arg-type]
            raw.get("staff", False) if type(raw.get("staff", False)) is bool else _no(),
        )
        key = (report.chat_id, report.message_id)
        if key in seen:
            raise _Careful
        seen.add(key)
        reports.append(report)
    return ImportedTicket(
        line=line,
        id=number,
        chat_id=chat_id,
        group=None,
        category=category_id,
        status=status,
        location=_optional(data["location"], str),
        urgent=urgent,
        summary=reports[0].text if reports else "",
        households=_households(reports),
        created_at=created_at,  # type: ignore[arg-type]
        team=_optional(data["team"], str),
        assignee_id=_id(data["assignee_id"]),
        assignee_name=None,
        due_at=_utc_time(data["due_at"], optional=True),
        done_at=done_at,
        done_note=_optional(data["done_note"], str),
        rating=rating,
        escalation_level=level,
        reports=tuple(reports),
        households_rated=rated,
        households_pleased=pleased,
        assigned_at=assigned_at,
    )


def _taken_in_order(created: UtcText | None, taken: UtcText, done: UtcText | None) -> bool:
    """Taken after it was filed and before it was done (UTC text sorts in time order)."""
    return (created is None or created <= taken) and (done is None or taken <= done)


def _no() -> Any:
    raise _Careful


def ticket_from_record(line: int, data: Any, categories: CategoryTable) -> ImportedTicket:
    """One exported JSON record; raises the record's problems (all of them at once)."""
    if type(data) is dict:
        try:
            return _quick_ticket(line, data, categories)
        except (KeyError, TypeError, ValueError):  # _Careful is a ValueError
            pass  # the careful path names what is wrong (or finds it fine after all)
    return _careful_ticket(line, data, categories)


def _careful_ticket(line: int, data: Any, categories: CategoryTable) -> ImportedTicket:
    """Every field checked on its own, each problem named."""
    if not isinstance(data, Mapping):
        raise RowProblems(["not a JSON object"])
    record = _Record(data)
    number = record.integer("id", minimum=1, maximum=MAX_TICKET_ID)
    chat_id = record.integer("chat_id")
    category = record.text("category")
    if category is not None and categories.find(category) is None:
        record.problems.append(f'category "{category}" is not a known category')
    status = record.choice("status", _STATUS_VALUES)
    location = record.text("location", optional=True)
    urgent = record.flag("urgent")
    created_at = record.time("created_at")
    assignee_id = record.integer("assignee_id", optional=True)
    assigned_at = record.time("assigned_at", optional=True) if "assigned_at" in data else None
    done_at = record.time("done_at", optional=True)
    done_note = record.text("done_note", optional=True)
    rating = record.choice("rating", _RATING_VALUES, optional=True)
    rated, pleased = (  # keys a ledger exported before households were counted lacks
        record.integer(key, optional=True, minimum=0, maximum=MAX_COUNT) or 0 if key in data else 0
        for key in ("households_rated", "households_pleased")
    )
    if pleased > rated:
        record.problems.append("households_pleased is more than households_rated")
    # keys the first ledgers lacked (deadlines and teams came later): none, level 0, none
    due_at = record.time("due_at", optional=True) if "due_at" in data else None
    escalation_level = (
        record.integer("escalation_level", minimum=0, maximum=MAX_LEVEL)
        if "escalation_level" in data
        else 0
    )
    team = record.text("team", optional=True) if "team" in data else None
    reports: list[ImportedReport] = []
    raw_reports = data.get("reports")
    if not isinstance(raw_reports, list):
        record.problems.append('"reports" is not a list')
    else:
        seen: set[tuple[int | None, int | None]] = set()
        for index, raw in enumerate(raw_reports):
            report, found = _report(raw, index)
            record.problems.extend(found)
            if report is not None:
                key = (report.chat_id, report.message_id)
                if key in seen:
                    record.problems.append(f"reports[{index}] repeats message {key[1]}")
                seen.add(key)
                reports.append(report)
    if created_at and done_at and done_at < created_at:
        record.problems.append("done_at is before created_at")
    if assigned_at and created_at and assigned_at < created_at:
        record.problems.append("assigned_at is before created_at")
    if assigned_at and done_at and done_at < assigned_at:
        record.problems.append("assigned_at is after done_at")
    if record.problems:
        raise RowProblems(record.problems, number)
    return ImportedTicket(
        line=line,
        id=number,
        chat_id=chat_id,
        group=None,
        category=categories.find(category) or category,
        status=Status(status),
        location=location,
        urgent=urgent,
        summary=reports[0].text if reports else "",
        households=_households(reports),
        created_at=created_at,  # type: ignore[arg-type]
        team=team,
        assignee_id=assignee_id,
        assignee_name=None,
        due_at=due_at,
        done_at=done_at,
        done_note=done_note,
        rating=rating,
        escalation_level=escalation_level,
        reports=tuple(reports),
        households_rated=rated,
        households_pleased=pleased,
        assigned_at=assigned_at,
    )


def read_jsonl(lines: Iterable[str], categories: CategoryTable) -> list[ImportedTicket]:
    """Every record of JSON lines as `export` writes them, or LedgerError naming each bad line."""
    return [ticket for chunk in stream_jsonl(lines, categories) for ticket in chunk]


def parse_line(number: int, line: str, categories: CategoryTable) -> ImportedTicket:
    """One line of JSON lines; RowProblems naming what is wrong with it."""
    try:
        data = orjson.loads(line)
    except orjson.JSONDecodeError:  # the json module names the fault; it also reads NaN
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise RowProblems([f"not valid JSON ({exc.msg}, column {exc.colno})"]) from None
    return ticket_from_record(number, data, categories)


def stream_jsonl(lines: Iterable[str], categories: CategoryTable) -> Iterator[list[ImportedTicket]]:
    """The records of JSON lines in chunks as they are read (see `collect_chunks`)."""

    def rows() -> Iterator[tuple[int, Callable[[], ImportedTicket]]]:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                yield number, partial(parse_line, number, line, categories)

    return collect_chunks(rows(), JSONL_WORDING)
