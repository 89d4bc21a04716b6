"""The ledger (台账) as rows: tickets → ledger cells, and ledger rows or JSON records → tickets
to import, each validated with a message that names the row. Pure: no files, no database."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo

from bot.categories import CATEGORIES, category_name
from bot.config import CategorySettings
from bot.texts import RATING_NAMES, STATUS_NAMES
from bot.tickets import Rating, Status, Ticket

__all__ = [
    "HEADERS",
    "JSONL_WORDING",
    "LEDGER_WORDING",
    "MAX_SHOWN_PROBLEMS",
    "SYNTHETIC_CHAT_BASE",
    "CategoryTable",
    "ImportedReport",
    "ImportedTicket",
    "LedgerError",
    "LedgerLine",
    "RowProblems",
    "Wording",
    "assign_numbers",
    "collect",
    "collect_chunks",
    "ledger_line",
    "read_jsonl",
    "stream_jsonl",
    "synthetic_message_id",
    "ticket_from_record",
]

HEADERS = (
    "编号", "群", "类别", "位置", "反映内容", "反映户数", "受理时间", "责任主体", "承办人",
    "时限", "办结时间", "办理结果", "满意度", "状态",
)  # fmt: skip

# Telegram ids have at most 52 significant bits: groups made for a ledger's unknown group
# names get ids beyond that (and within JSON's exact integers), so they never meet a real one.
SYNTHETIC_CHAT_BASE = -(2**52)
MAX_SHOWN_PROBLEMS = 50


def synthetic_message_id(ticket_id: int) -> int:
    """The report made for a ledger row: Telegram message ids are positive, these negative."""
    return -ticket_id


class LedgerError(ValueError):
    """The file cannot be imported; `problems` names each bad row."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class CategoryTable:
    """Every known category: shipped ones and the deployment's own, by id and Chinese name."""

    names: Mapping[str, str]

    @classmethod
    def of(cls, extra: Iterable[CategorySettings] = ()) -> CategoryTable:
        names = {c.id: c.name for c in CATEGORIES}
        for category in extra:
            names[category.id] = category.name or names.get(category.id, category.id)
        return cls(names)

    def name(self, category_id: str) -> str:
        return self.names.get(category_id) or category_name(category_id)

    @cached_property
    def _by_name(self) -> dict[str, str]:
        return {name: category_id for category_id, name in reversed(self.names.items())}

    def find(self, text: str) -> str | None:
        """The id of a category given by id or by Chinese name; None when unknown."""
        return text if text in self.names else self._by_name.get(text)


# -- export -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class LedgerLine:
    """One ticket as a ledger row: the cells (times naive local), and whether it is overdue."""

    cells: tuple[Any, ...]
    overdue: bool


def _local(value: datetime | None, tz: ZoneInfo) -> datetime | None:
    return value.astimezone(tz).replace(tzinfo=None) if value is not None else None


def ledger_line(
    ticket: Ticket, group: str | None, categories: CategoryTable, tz: ZoneInfo, now: datetime
) -> LedgerLine:
    """群 is the group's title, or its chat id when the title is not known."""
    cells = (
        ticket.id,
        group or str(ticket.chat_id),
        categories.name(ticket.category),
        ticket.location,
        ticket.summary,
        ticket.households,
        _local(ticket.created_at, tz),
        ticket.team,
        ticket.assignee_name,
        _local(ticket.due_at, tz),
        _local(ticket.done_at, tz),
        ticket.done_note,
        RATING_NAMES.get(ticket.rating, ticket.rating) if ticket.rating else None,
        STATUS_NAMES[ticket.status],
    )
    return LedgerLine(cells, ticket.is_overdue(now))


# -- import -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ImportedReport:
    """A message that raised or joined a ticket; chat and message None for a ledger row."""

    chat_id: int | None
    message_id: int | None
    user_id: int | None
    text: str
    received_at: datetime


@dataclass(frozen=True, slots=True)
class ImportedTicket:
    """A ticket read from a file, valid, ready to store (id None: give it a new number)."""

    line: int
    id: int | None
    chat_id: int | None
    group: str | None
    category: str
    status: Status
    location: str | None
    urgent: bool
    summary: str
    households: int
    created_at: datetime
    team: str | None
    assignee_id: int | None
    assignee_name: str | None
    due_at: datetime | None
    done_at: datetime | None
    done_note: str | None
    rating: str | None
    escalation_level: int
    reports: tuple[ImportedReport, ...]

    @property
    def updated_at(self) -> datetime:
        moments = [self.created_at, *(r.received_at for r in self.reports)]
        if self.done_at is not None:
            moments.append(self.done_at)
        return max(moments)


class RowProblems(ValueError):
    """What is wrong with one row (several problems at once), and its number if readable."""

    def __init__(self, problems: list[str], number: int | None = None) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems
        self.number = number


@dataclass(frozen=True)
class Wording:
    """How problems are named: 第 7 行 for a ledger (Chinese), line 7 for JSON lines."""

    where: Callable[[int], str]
    duplicate_id: Callable[[int, int], str]
    duplicate_report: Callable[[int, int], str]
    more: Callable[[int], str]
    joiner: str = "；"


LEDGER_WORDING = Wording(
    where=lambda line: f"第 {line} 行：",
    duplicate_id=lambda number, first: f"编号 {number} 重复（第 {first} 行已有）",
    duplicate_report=lambda message, first: f"消息 {message} 重复（第 {first} 行已有）",
    more=lambda rows: f"…… 共有 {rows} 行有问题，以上只列出前 {MAX_SHOWN_PROBLEMS} 行",
)
JSONL_WORDING = Wording(
    where=lambda line: f"line {line}: ",
    duplicate_id=lambda number, first: f"id {number} is repeated (first on line {first})",
    duplicate_report=lambda message, first: (
        f"report of message {message} is repeated (first on line {first})"
    ),
    more=lambda rows: f"… {rows} bad lines in all; the first {MAX_SHOWN_PROBLEMS} are shown",
    joiner="; ",
)


def collect(
    rows: Iterable[tuple[int, Callable[[], ImportedTicket]]], wording: Wording
) -> list[ImportedTicket]:
    """Parse every row; LedgerError naming each bad row (and repeated numbers) if any is bad."""
    return [ticket for chunk in collect_chunks(rows, wording) for ticket in chunk]


def collect_chunks(
    rows: Iterable[tuple[int, Callable[[], ImportedTicket]]],
    wording: Wording,
    size: int = 5_000,
) -> Iterator[list[ImportedTicket]]:
    """Parse rows as they come, in chunks of good tickets; after the last chunk, LedgerError
    naming each bad row if any was bad (so a caller writing chunks as they come rolls back)."""
    tickets: list[ImportedTicket] = []
    problems: list[str] = []
    bad_rows = 0
    numbers: dict[int, int] = {}
    messages: dict[tuple[int, int], int] = {}
    for line, parse in rows:
        try:
            ticket: ImportedTicket | None = parse()
        except RowProblems as exc:
            ticket, found, number = None, list(exc.problems), exc.number
        else:
            found, number = [], ticket.id
        if number is not None:
            first = numbers.setdefault(number, line)
            if first != line:
                found.append(wording.duplicate_id(number, first))
        if ticket is not None:
            for report in ticket.reports:
                if report.chat_id is not None and report.message_id is not None:
                    key = (report.chat_id, report.message_id)
                    first = messages.setdefault(key, line)
                    if first != line:
                        found.append(wording.duplicate_report(report.message_id, first))
            tickets.append(ticket)
        if found:
            bad_rows += 1
            if len(problems) < MAX_SHOWN_PROBLEMS:
                problems.append(wording.where(line) + wording.joiner.join(found))
        if len(tickets) >= size and not problems:
            yield tickets
            tickets = []
    if bad_rows > len(problems):
        problems.append(wording.more(bad_rows))
    if problems:
        raise LedgerError(problems)
    if tickets:
        yield tickets


def assign_numbers(tickets: Sequence[ImportedTicket], first_free: int) -> list[ImportedTicket]:
    """Rows without 编号 get new numbers from `first_free` on, in file order."""
    numbered = []
    next_id = first_free
    for ticket in tickets:
        if ticket.id is None:
            ticket = replace(ticket, id=next_id)
            next_id += 1
        numbered.append(ticket)
    return numbered


# ---- JSON records (the format of bot/export.py) ----------------------------------------------
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

    def integer(self, key: str, *, optional: bool = False, minimum: int | None = None) -> Any:
        value = self._get(key, (int,), "a whole number", optional)
        if value is not None and minimum is not None and value < minimum:
            self.problems.append(f"{self.prefix}{key} {value} is less than {minimum}")
            return None
        return value

    def text(self, key: str, *, optional: bool = False) -> Any:
        return self._get(key, (str,), "text", optional)

    def flag(self, key: str) -> bool:
        return bool(self._get(key, (bool,), "true or false", False))

    def time(self, key: str, *, optional: bool = False) -> datetime | None:
        value = self._get(key, (str,), "an ISO 8601 time", optional)
        if value is None:
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            self.problems.append(f"{self.prefix}{key} {_json_shown(value)} is not an ISO 8601 time")
            return None
        if parsed.tzinfo is None:
            self.problems.append(f"{self.prefix}{key} {_json_shown(value)} has no UTC offset")
            return None
        return parsed.astimezone(UTC)

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
    if record.problems:
        return None, record.problems
    return ImportedReport(chat_id, message_id, user_id, text, received_at), []  # type: ignore[arg-type]


def _households(reports: Sequence[ImportedReport]) -> int:
    """Different residents among the reports (an unknown sender counts once per report)."""
    people = {r.user_id if r.user_id is not None else -(i + 1) for i, r in enumerate(reports)}
    return max(1, len(people))


def ticket_from_record(line: int, data: Any, categories: CategoryTable) -> ImportedTicket:
    """One exported JSON record; raises the record's problems (all of them at once)."""
    if not isinstance(data, Mapping):
        raise RowProblems(["not a JSON object"])
    record = _Record(data)
    number = record.integer("id", minimum=1)
    chat_id = record.integer("chat_id")
    category = record.text("category")
    if category is not None and categories.find(category) is None:
        record.problems.append(f'category "{category}" is not a known category')
    status = record.choice("status", _STATUS_VALUES)
    location = record.text("location", optional=True)
    urgent = record.flag("urgent")
    created_at = record.time("created_at")
    assignee_id = record.integer("assignee_id", optional=True)
    done_at = record.time("done_at", optional=True)
    done_note = record.text("done_note", optional=True)
    rating = record.choice("rating", _RATING_VALUES, optional=True)
    due_at = record.time("due_at", optional=True)
    escalation_level = record.integer("escalation_level", minimum=0)
    team = record.text("team", optional=True)
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
    )


def read_jsonl(lines: Iterable[str], categories: CategoryTable) -> list[ImportedTicket]:
    """Every record of JSON lines as `export` writes them, or LedgerError naming each bad line."""
    return [ticket for chunk in stream_jsonl(lines, categories) for ticket in chunk]


def stream_jsonl(lines: Iterable[str], categories: CategoryTable) -> Iterator[list[ImportedTicket]]:
    """The records of JSON lines in chunks as they are read (see `collect_chunks`)."""

    def parser(number: int, line: str) -> Callable[[], ImportedTicket]:
        def parse() -> ImportedTicket:
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise RowProblems([f"not valid JSON ({exc.msg}, column {exc.colno})"]) from None
            return ticket_from_record(number, data, categories)

        return parse

    def rows() -> Iterator[tuple[int, Callable[[], ImportedTicket]]]:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                yield number, parser(number, line)

    return collect_chunks(rows(), JSONL_WORDING)
