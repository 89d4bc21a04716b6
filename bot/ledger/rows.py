"""The ledger (台账) as rows: tickets → ledger cells, and ledger rows or JSON records → tickets
to import, each validated with a message that names the row. Pure: no files, no database."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo

from bot import texts
from bot.config import CategorySettings
from bot.core.categories import CATEGORIES, category_name
from bot.core.imported import ImportedTicket, UtcText
from bot.core.lessons import Lesson
from bot.core.tickets import Ticket, solved_result, standing_verdicts
from bot.core.timeutil import utc_text
from bot.texts import RATING_NAMES, STATUS_NAMES

__all__ = [
    "HEADERS",
    "JSONL_WORDING",
    "LEDGER_WORDING",
    "MAX_SHOWN_PROBLEMS",
    "CategoryTable",
    "FileChecks",
    "LedgerError",
    "LedgerLine",
    "RowProblems",
    "Wording",
    "collect_chunks",
    "ledger_line",
    "lesson_row",
    "parse_utc_text",
]

HEADERS = texts.LEDGER_HEADERS  # the ledger's columns, in order

MAX_SHOWN_PROBLEMS = 50


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
        return {name: category_id for category_id, name in reversed(list(self.names.items()))}

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


def _verdicts(ticket: Ticket) -> str | None:
    """满意户数: `2/3`, pleased households of those that gave a verdict."""
    if not ticket.households_rated:
        return None
    return f"{ticket.households_pleased}/{ticket.households_rated}"


def ledger_line(
    ticket: Ticket, group: str | None, categories: CategoryTable, tz: ZoneInfo, now: datetime
) -> LedgerLine:
    """群 is the group's title, or its chat id when the title is not known. 办结时间 and 办理结果
    are those of a solved ticket: one reopened as not fixed is 办理中, with neither; 满意度 and
    满意户数 those that still stand (`standing_verdicts`), as 满意率 counts them."""
    done_at, done_note = solved_result(ticket)
    rating, rated, pleased = standing_verdicts(ticket)
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
        _local(done_at, tz),
        done_note,
        RATING_NAMES.get(rating, rating) if rating else None,
        STATUS_NAMES[ticket.status],
        f"{pleased}/{rated}" if rated else None,
        texts.URGENT_MARK if ticket.urgent else None,
        _local(ticket.assigned_at, tz),
    )
    return LedgerLine(cells, ticket.is_overdue(now))


def lesson_row(lesson: Lesson, categories: CategoryTable, tz: ZoneInfo) -> tuple[Any, ...]:
    """One lesson as a row of the 学习记录 sheet (`texts.LESSON_HEADERS`)."""
    return (
        _local(lesson.at, tz),
        texts.LESSON_SOURCES.get(lesson.source.value, lesson.source.value),
        texts.IS_COMPLAINT if lesson.is_complaint else texts.NOT_COMPLAINT,
        categories.name(lesson.category) if lesson.category else None,
        lesson.ticket_id,
        lesson.text,
    )


# -- import -----------------------------------------------------------------------------------
def parse_utc_text(text: str) -> UtcText | None:
    """ISO 8601 text with a UTC offset, as UTC text; None without an offset; ValueError if
    it is no time. Text already in that form comes back as it is: most of a ledger is."""
    moment = datetime.fromisoformat(text)  # checks the date as well as the form
    if moment.tzinfo is None:
        return None
    if (  # YYYY-MM-DDTHH:MM:SS+00:00 (fromisoformat saw digits between the marks)
        len(text) == 25
        and text[19:] == "+00:00"
        and text[10] == "T"
        and text[4] == text[7] == "-"
        and text[13] == text[16] == ":"
        and text[11:13] != "24"  # Python 3.14 reads 24:00:00 as the next day's midnight
    ):
        return text
    try:
        return utc_text(moment)
    except OverflowError:  # 0001-01-01T00:30+01:00 is before the first UTC moment there is
        raise ValueError(f"{text} is out of range") from None


class RowProblems(ValueError):
    """What is wrong with one row (several problems at once), and its number if readable."""

    def __init__(self, problems: list[str], number: int | None = None) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems
        self.number = number


@dataclass(frozen=True)
class Wording:
    """How problems are named: 第 7 行 for a ledger (the office's Chinese, from `bot.texts`),
    line 7 for JSON lines (the operator's English)."""

    row: Callable[[int, Sequence[str]], str]
    duplicate_id: Callable[[int, int], str]
    duplicate_report: Callable[[int, int], str]
    more: Callable[[int, int], str]


LEDGER_WORDING = Wording(
    row=texts.row_problems,
    duplicate_id=texts.duplicate_ledger_number,
    duplicate_report=texts.duplicate_ledger_message,
    more=texts.more_bad_rows,
)
JSONL_WORDING = Wording(
    row=lambda line, problems: f"line {line}: " + "; ".join(problems),
    duplicate_id=lambda number, first: f"id {number} is repeated (first on line {first})",
    duplicate_report=lambda message, first: (
        f"report of message {message} is repeated (first on line {first})"
    ),
    more=lambda rows, shown: f"… {rows} bad lines in all; the first {shown} are shown",
)


class FileChecks:
    """What is checked across a whole file, row by row: no number and no group message given
    twice; each bad row's problems named (the first MAX_SHOWN_PROBLEMS rows of them)."""

    def __init__(self, wording: Wording) -> None:
        self.wording = wording
        self.problems: list[str] = []
        self.bad_rows = 0
        self._numbers: dict[int, int] = {}
        self._messages: dict[tuple[int, int], int] = {}

    def row(
        self,
        line: int,
        number: int | None,
        message_keys: Iterable[tuple[int, int]],
        problems: Sequence[str] = (),
    ) -> None:
        found = list(problems)
        if number is not None:
            first = self._numbers.setdefault(number, line)
            if first != line:
                found.append(self.wording.duplicate_id(number, first))
        for key in message_keys:
            first = self._messages.setdefault(key, line)
            if first != line:
                found.append(self.wording.duplicate_report(key[1], first))
        if found:
            self.bad_rows += 1
            if len(self.problems) < MAX_SHOWN_PROBLEMS:
                self.problems.append(self.wording.row(line, found))

    def finish(self) -> None:
        """LedgerError naming the bad rows, if there were any."""
        if self.bad_rows > len(self.problems):
            self.problems.append(self.wording.more(self.bad_rows, MAX_SHOWN_PROBLEMS))
        if self.problems:
            raise LedgerError(self.problems)


def collect_chunks(
    rows: Iterable[tuple[int, Callable[[], ImportedTicket]]],
    wording: Wording,
    size: int = 5_000,
) -> Iterator[list[ImportedTicket]]:
    """Parse rows as they come, in chunks of good tickets; after the last chunk, LedgerError
    naming each bad row if any was bad (so a caller writing chunks as they come rolls back)."""
    checks = FileChecks(wording)
    tickets: list[ImportedTicket] = []
    for line, parse in rows:
        try:
            ticket = parse()
        except RowProblems as exc:
            checks.row(line, exc.number, (), exc.problems)
            continue
        checks.row(line, ticket.id, ticket.message_keys)
        tickets.append(ticket)
        if len(tickets) >= size and not checks.problems:
            yield tickets
            tickets = []
    checks.finish()
    if tickets:
        yield tickets
