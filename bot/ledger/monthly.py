"""The ledger workbook of a month (or of everything), and the monthly report for the joint
meeting (联席会议): the ledger, the pictures and a short text summary, written to a folder."""

from __future__ import annotations

import asyncio
import io
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.core.rates import ThreeRates, three_rates
from bot.core.tickets import Status, Ticket
from bot.core.timeutil import local_midnight
from bot.ledger.charts import period_charts
from bot.ledger.rows import CategoryTable, LedgerLine, ledger_line
from bot.ledger.xlsx import write_workbook
from bot.runtime.bulletins import Bulletins
from bot.texts import STATUS_NAMES, format_age
from bot.texts.digest import hotspots, slowest_categories
from storage.ledger import LedgerStore

__all__ = [
    "Month",
    "compose_summary",
    "ledger_filename",
    "ledger_lines",
    "ledger_workbook",
    "write_monthly_report",
]

_MONTH = re.compile(r"^(\d{4})[-/.年](\d{1,2})月?$")


@dataclass(frozen=True)
class Month:
    """A local calendar month."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month | None:
        """`2026-11` (also 2026/11, 2026年11月); None when it is not a month."""
        match = _MONTH.match(text.strip())
        if not match:
            return None
        year, month = int(match.group(1)), int(match.group(2))
        return cls(year, month) if 2000 <= year <= 2999 and 1 <= month <= 12 else None

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def title(self) -> str:
        return f"{self.year}年{self.month}月"

    def bounds(self, tz: ZoneInfo) -> tuple[datetime, datetime]:
        """[start, end) as UTC instants."""
        first = date(self.year, self.month, 1)
        after = date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return local_midnight(first, tz), local_midnight(after, tz)


def ledger_filename(month: Month | None, now: datetime, tz: ZoneInfo) -> str:
    """`台账-2026-11.xlsx`, or `台账-全部-2026-11-23.xlsx` for the whole ledger."""
    if month is not None:
        return f"台账-{month.label}.xlsx"
    return f"台账-全部-{now.astimezone(tz):%Y-%m-%d}.xlsx"


async def ledger_lines(
    store: LedgerStore,
    categories: CategoryTable,
    tz: ZoneInfo,
    now: datetime,
    month: Month | None = None,
) -> list[LedgerLine]:
    """Every ticket (of the month) as a ledger row, in number order."""
    titles = await store.group_titles()
    start, end = month.bounds(tz) if month else (None, None)
    return [
        ledger_line(ticket, titles.get(ticket.chat_id), categories, tz, now)
        async for ticket in store.iter_tickets(start, end)
    ]


async def ledger_workbook(
    store: LedgerStore,
    categories: CategoryTable,
    tz: ZoneInfo,
    now: datetime,
    month: Month | None = None,
) -> tuple[bytes, int]:
    """The workbook as bytes (written off the event loop) and its number of tickets."""
    lines = await ledger_lines(store, categories, tz, now, month)
    out = io.BytesIO()
    count = await asyncio.to_thread(write_workbook, lines, out)
    return out.getvalue(), count


# -- the monthly report -----------------------------------------------------------------------
def _counted(counts: Counter[str], top: int = 8) -> str:
    return "、".join(f"{name} {n}" for name, n in counts.most_common(top)) or "无"


def compose_summary(
    month: Month,
    tickets: Sequence[Ticket],
    rates: ThreeRates,
    now: datetime,
    tz: ZoneInfo,
    names: Mapping[str, str],
    titles: Mapping[int, str],
    files: Sequence[str] = (),
) -> str:
    """The month in a few lines, plain text, for the joint meeting."""
    category = CategoryTable(names).name
    statuses = Counter(STATUS_NAMES[t.status] for t in tickets)
    overdue = sum(1 for t in tickets if t.is_overdue(now))
    urgent = sum(1 for t in tickets if t.urgent)
    households = sum(t.households for t in tickets if t.status is not Status.CANCELLED)
    lines = [
        f"院子 · {month.title} 诉求月报",
        f"范围：{month.title}受理的诉求，状态截至 {now.astimezone(tz):%Y-%m-%d %H:%M}",
        "",
        f"受理 {len(tickets)} 件（紧急 {urgent} 件），涉及 {households} 户次："
        + "、".join(f"{STATUS_NAMES[s]} {statuses[STATUS_NAMES[s]]}" for s in Status)
        + f"；超时未办 {overdue} 件",
        f"三率：响应率 {rates.response.shown()} · 解决率 {rates.resolution.shown()} · "
        f"满意率 {rates.satisfaction.shown('暂无评价')}",
        f"类别：{_counted(Counter(category(t.category) for t in tickets))}",
        f"各群：{_counted(Counter(titles.get(t.chat_id, str(t.chat_id)) for t in tickets))}",
    ]
    spots = hotspots(tickets)
    if spots:
        lines.append("反复出现的问题（同一地点同类 ≥3 件）：")
        lines.extend(
            f"  {titles.get(chat, str(chat))} {place}【{category(c)}】{count} 件"
            for chat, place, c, count in spots[:8]
        )
    slow = slowest_categories(tickets)
    if slow:
        lines.append(
            "办得最慢的类别：" + "、".join(f"{category(c)} 平均{format_age(s)}" for c, s in slow)
        )
    if files:
        lines += ["", "附件：" + "、".join(files)]
    return "\n".join(lines) + "\n"


async def write_monthly_report(
    bulletins: Bulletins,
    store: LedgerStore,
    categories: CategoryTable,
    month: Month,
    out_dir: Path,
    now: datetime,
) -> list[Path]:
    """台账-2026-11.xlsx, the two charts and 月报-2026-11.txt in `out_dir`; their paths."""
    tz = bulletins.texts.tz
    start, end = month.bounds(tz)
    tickets = await bulletins.stats.created_between(None, start, end)
    workbook, _ = await ledger_workbook(store, categories, tz, now, month)
    charts = await period_charts(
        bulletins, None, start, end, now, period=month.title, stamp=month.label
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [out_dir / ledger_filename(month, now, tz)]
    written[0].write_bytes(workbook)
    for chart in charts:
        path = out_dir / chart.filename
        path.write_bytes(chart.png)
        written.append(path)
    summary = compose_summary(
        month,
        tickets,
        three_rates(tickets, now, bulletins.limits),
        now,
        tz,
        categories.names,
        await store.group_titles(),
        [p.name for p in written],
    )
    summary_path = out_dir / f"月报-{month.label}.txt"
    summary_path.write_text(summary, encoding="utf-8")
    return [*written, summary_path]
