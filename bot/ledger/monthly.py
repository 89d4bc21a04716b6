"""The ledger workbook of a month (or of everything), and the monthly report for the joint
meeting (联席会议): the ledger, the pictures and a short text summary, written to a folder."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

from bot import texts
from bot.core.lessons import Lesson
from bot.core.rates import ResponseLimits, three_rates
from bot.core.timeutil import Month
from bot.ledger.charts import ChartData, period_charts
from bot.ledger.rows import CategoryTable, ledger_line, lesson_row
from bot.ledger.xlsx import write_workbook
from storage.ledger import LedgerStore

__all__ = [
    "MonthData",
    "ledger_workbook",
    "write_monthly_report",
]


async def ledger_workbook(
    store: LedgerStore,
    titles: Mapping[int, str],
    categories: CategoryTable,
    tz: ZoneInfo,
    now: datetime,
    month: Month | None = None,
    lessons: Sequence[Lesson] = (),
) -> tuple[bytes, int]:
    """The workbook as bytes and its number of tickets: every ticket (of the month) in number
    order, `titles` naming groups; with the lessons of the workers (those of the month, with
    `month`) on a second sheet. The rows are made and written off the event loop: 35,000
    lessons made on it held every group's intake for 80 ms."""
    start, end = month.bounds(tz) if month else (None, None)
    tickets = [ticket async for ticket in store.iter_tickets(start, end)]

    def in_period(lesson: Lesson) -> bool:
        at = lesson.at
        return at is None or ((start is None or start <= at) and (end is None or at < end))

    def made() -> tuple[bytes, int]:
        lines = [ledger_line(t, titles.get(t.chat_id), categories, tz, now) for t in tickets]
        taught = [lesson_row(lesson, categories, tz) for lesson in lessons if in_period(lesson)]
        out = io.BytesIO()
        count = write_workbook(lines, out, taught)
        return out.getvalue(), count

    return await asyncio.to_thread(made)


class MonthData(ChartData, Protocol):
    """What the monthly report reads besides the ledger (the runtime's `Bulletins` is one)."""

    @property
    def limits(self) -> ResponseLimits: ...


async def write_monthly_report(
    bulletins: MonthData,
    store: LedgerStore,
    titles: Mapping[int, str],
    categories: CategoryTable,
    month: Month,
    out_dir: Path,
    now: datetime,
    lessons: Sequence[Lesson] = (),
) -> tuple[list[Path], int]:
    """台账-2026-11.xlsx (with the month's `lessons`, as /export has them), the two charts and
    月报-2026-11.txt in `out_dir`; their paths, and how many tickets were reported that month."""
    tz = bulletins.tz
    start, end = month.bounds(tz)
    tickets = await bulletins.reported_in(None, start, end)
    problems = await bulletins.first_of(tickets, start, end)
    workbook, _ = await ledger_workbook(store, titles, categories, tz, now, month, lessons)
    charts = await period_charts(  # the month's problems, as the summary counts them
        bulletins, None, start, end, now, period=texts.month_title(month), stamp=month.label
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [out_dir / texts.ledger_filename(month, now, tz)]
    written[0].write_bytes(workbook)
    for chart in charts:
        path = out_dir / chart.filename
        path.write_bytes(chart.png)
        written.append(path)
    summary = texts.monthly_summary(
        month,
        tickets,
        problems,
        three_rates(problems, now, bulletins.limits),
        now,
        tz,
        categories.names,
        titles,
        [p.name for p in written],
    )
    summary_path = out_dir / texts.summary_filename(month)
    summary_path.write_text(summary, encoding="utf-8")
    return [*written, summary_path], len(tickets)
