"""What the office reads in files: the ledger's headers, file names, the monthly summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core.categories import category_name
from bot.core.lookback import hotspots, slowest_categories
from bot.core.rates import ThreeRates
from bot.core.tickets import Status, Ticket
from bot.core.timeutil import Month
from bot.texts.format import STATUS_NAMES, format_age

__all__ = [
    "export_caption",
    "ledger_filename",
    "month_title",
    "monthly_summary",
    "summary_filename",
]


def month_title(month: Month) -> str:
    """`2026年11月`."""
    return f"{month.year}年{month.month}月"


def ledger_filename(month: Month | None, now: datetime, tz: ZoneInfo) -> str:
    """`台账-2026-11.xlsx`, or `台账-全部-2026-11-23.xlsx` for the whole ledger."""
    if month is not None:
        return f"台账-{month.label}.xlsx"
    return f"台账-全部-{now.astimezone(tz):%Y-%m-%d}.xlsx"


def summary_filename(month: Month) -> str:
    """`月报-2026-11.txt`."""
    return f"月报-{month.label}.txt"


def export_caption(month: Month | None, count: int) -> str:
    """The caption of the workbook sent by /export."""
    return f"{month_title(month) if month else '全部'}台账，共 {count} 件"


def _counted(counts: Counter[str], top: int = 8) -> str:
    return "、".join(f"{name} {n}" for name, n in counts.most_common(top)) or "无"


def monthly_summary(
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

    def category(category_id: str) -> str:
        return category_name(category_id, dict(names))

    statuses = Counter(STATUS_NAMES[t.status] for t in tickets)
    overdue = sum(1 for t in tickets if t.is_overdue(now))
    urgent = sum(1 for t in tickets if t.urgent)
    households = sum(t.households for t in tickets if t.status is not Status.CANCELLED)
    lines = [
        f"院子 · {month_title(month)} 诉求月报",
        f"范围：{month_title(month)}受理的诉求，状态截至 {now.astimezone(tz):%Y-%m-%d %H:%M}",
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
