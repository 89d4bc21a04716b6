"""Pictures for the office and the joint meeting: tickets by category and status, and the trend
of the three rates, drawn with matplotlib (Agg, no display) in Noto Sans CJK to PNG bytes.

The font comes from the `noto-cjk-sans-otc` package (a collection of faces; matplotlib ≥ 3.11
reads them all) and is registered with matplotlib's font manager on first use. Rendering is
synchronous; `period_charts` runs it off the event loop.
"""

from __future__ import annotations

import asyncio
import io
import threading
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from bot import texts
from bot.core.categories import category_name
from bot.core.rates import Rate, ThreeRates
from bot.core.tickets import Status, Ticket
from bot.core.timeutil import SECOND

__all__ = [
    "STATUS_SERIES",
    "CategoryStatusCounts",
    "Chart",
    "ChartData",
    "RatePoint",
    "category_status_counts",
    "cjk_font_family",
    "period_charts",
    "recent_charts",
    "render_category_status",
    "render_rates_trend",
]

# Simplified Chinese first; the other faces of the collection are the fallback.
_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK JP")
_LOCK = threading.RLock()
_registered: str | None = None

# (label, colour): active tickets are split into in time and overdue.
STATUS_SERIES: tuple[tuple[str, str], ...] = tuple(
    zip(
        texts.CHART_STATUS_LABELS,
        ("#f4a261", "#4c9be8", "#e63946", "#2a9d8f", "#b8b8b8"),
        strict=True,
    )
)
# (label, colour, marker, size): drawn big to small, so that equal values stay visible.
_RATE_SERIES = tuple(
    (label, *look)
    for label, look in zip(
        texts.CHART_RATE_LABELS,
        (("#4c9be8", "o", 9), ("#2a9d8f", "s", 6), ("#f4a261", "^", 4)),
        strict=True,
    )
)


def cjk_font_family() -> str:
    """Register the shipped Noto Sans CJK with matplotlib (once) and name its Chinese face."""
    global _registered
    with _LOCK:
        if _registered is None:
            from matplotlib import font_manager
            from noto_cjk_sans_otc import FONT_PATH

            font_manager.fontManager.addfont(str(FONT_PATH))
            names = {f.name for f in font_manager.fontManager.ttflist}
            _registered = next((f for f in _FAMILIES if f in names), _FAMILIES[-1])
        return _registered


@dataclass(frozen=True)
class Chart:
    """A rendered picture: what to call the file, a caption, the PNG."""

    filename: str
    caption: str
    png: bytes


@dataclass(frozen=True)
class CategoryStatusCounts:
    """Tickets per category (most first) and status series (aligned with STATUS_SERIES)."""

    title: str
    categories: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]  # counts[series][category]

    @property
    def total(self) -> int:
        return sum(sum(series) for series in self.counts)

    @property
    def withdrawn(self) -> int:
        """Those withdrawn, found no complaint or merged into another (the last series): no
        complaint of their own, as the look back and the digest count them."""
        return sum(self.counts[-1]) if self.counts else 0


@dataclass(frozen=True)
class RatePoint:
    """The three rates of one week, as they stood at the week's end."""

    label: str
    rates: ThreeRates

    def each(self) -> tuple[Rate, Rate, Rate]:
        r = self.rates
        return r.response, r.resolution, r.satisfaction

    def values(self) -> tuple[float | None, float | None, float | None]:
        response, resolution, satisfaction = self.each()
        return response.value, resolution.value, satisfaction.value


def _series_of(ticket: Ticket, now: datetime) -> int:
    if ticket.is_overdue(now):
        return 2
    return {
        Status.OPEN: 0,
        Status.ASSIGNED: 1,
        Status.DONE: 3,
        Status.CLOSED: 3,
        Status.CANCELLED: 4,
    }[ticket.status]


def category_status_counts(
    tickets: Sequence[Ticket], names: Mapping[str, str], now: datetime, title: str
) -> CategoryStatusCounts:
    per: Counter[tuple[str, int]] = Counter()
    totals: Counter[str] = Counter()
    for ticket in tickets:
        name = category_name(ticket.category, dict(names))
        per[(name, _series_of(ticket, now))] += 1
        totals[name] += 1
    categories = tuple(name for name, _ in totals.most_common())
    counts = tuple(
        tuple(per[(name, series)] for name in categories) for series in range(len(STATUS_SERIES))
    )
    return CategoryStatusCounts(title, categories, counts)


# -- rendering --------------------------------------------------------------------------------
_TITLE_WIDTH = 80  # a title's line at most, in half-width characters (a Chinese one is two)
_LABEL_WIDTH = 24  # a category's line on the bars' axis


def _width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _wrapped(text: str, width: int, between: str = " · ") -> str:
    """People's words broken into lines of at most `width` (Chinese has no spaces to break
    at): at `between` (a title's scope and period) where a part would not fit, else anywhere."""
    lines: list[str] = []
    for part in text.split(between):
        if lines and sum(map(_width, lines[-1] + between + part)) <= width:
            lines[-1] += between + part
            continue
        lines.append("")
        for char in part:
            if lines[-1] and sum(map(_width, lines[-1] + char)) > width:
                lines.append("")
            lines[-1] += char
    return "\n".join(lines)


def _figure(width: float, height: float) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=110, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _png(figure: Any) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png", facecolor="white")
    return out.getvalue()


def _rendering() -> Any:
    """The settings every text of a chart is made and drawn under. Titles, categories and
    labels are people's words (a group's title, a configured category): drawn as written,
    never read as mathtext or LaTeX (`$\\frac{` in a title would stop the drawing)."""
    import matplotlib

    family = cjk_font_family()
    return matplotlib.rc_context(
        {
            "font.family": [family, "DejaVu Sans"],
            "axes.unicode_minus": False,
            "font.size": 10,
            "text.parse_math": False,
            "text.usetex": False,
        }
    )


def render_category_status(data: CategoryStatusCounts) -> bytes:
    """Stacked horizontal bars: one per category, the most reported at the top."""
    with _LOCK, _rendering():
        figure = _figure(8.0, max(3.2, 1.4 + 0.42 * len(data.categories)))
        axes = figure.add_subplot()
        figure.suptitle(_wrapped(data.title, _TITLE_WIDTH), fontsize=12)
        if not data.categories:
            axes.text(0.5, 0.5, texts.CHART_NO_TICKETS, ha="center", va="center", fontsize=14)
            axes.set_axis_off()
            return _png(figure)
        rows = list(range(len(data.categories)))[::-1]
        left = [0] * len(rows)
        for (label, colour), counts in zip(STATUS_SERIES, data.counts, strict=True):
            if not any(counts):
                continue
            axes.barh(rows, counts, left=left, color=colour, label=label, height=0.62)
            left = [a + b for a, b in zip(left, counts, strict=True)]
        for row, total in zip(rows, left, strict=True):
            axes.text(total, row, f" {total}", va="center", fontsize=9)
        axes.set_yticks(rows, [_wrapped(c, _LABEL_WIDTH) for c in data.categories])
        axes.set_xlabel(texts.CHART_COUNT_AXIS)
        axes.xaxis.get_major_locator().set_params(integer=True)
        axes.set_xlim(0, max(left) * 1.12 + 0.5)
        axes.spines[["top", "right"]].set_visible(False)
        figure.legend(loc="outside lower center", frameon=False, ncols=len(STATUS_SERIES))
        return _png(figure)


def _last_values(points: Sequence[RatePoint]) -> list[tuple[int, float, str, str]]:
    """Each rate's latest value (x, label height, the label: a whole percent, never 100% short
    of everything, colour), labels kept apart."""
    found = []
    for index, (_, colour, _, _) in enumerate(_RATE_SERIES):
        for x in range(len(points) - 1, -1, -1):
            rate = points[x].each()[index]
            if rate.value is not None:
                found.append((x, rate.value * 100, texts.percent(rate, 0), colour))
                break
    found.sort(key=lambda f: f[1])
    placed: list[tuple[int, float, str, str]] = []
    for x, height, label, colour in found:
        if placed and placed[-1][0] == x and height - placed[-1][1] < 7:
            height = placed[-1][1] + 7
        placed.append((x, height, label, colour))
    return placed


def render_rates_trend(points: Sequence[RatePoint], title: str) -> bytes:
    """The three rates week by week (gaps where a week had nothing to measure)."""
    with _LOCK, _rendering():
        figure = _figure(8.0, 4.2)
        axes = figure.add_subplot()
        figure.suptitle(_wrapped(title, _TITLE_WIDTH), fontsize=12)
        xs = list(range(len(points)))
        for index, (label, colour, marker, size) in enumerate(_RATE_SERIES):
            shown = [p.values()[index] for p in points]
            axes.plot(
                xs, [float("nan") if y is None else y * 100 for y in shown], color=colour,
                marker=marker, markersize=size, label=label, linewidth=size / 2.5,
            )  # fmt: skip
        for x, height, label, colour in _last_values(points):
            axes.text(x + 0.12, height, label, va="center", fontsize=9, color=colour)
        axes.set_xticks(xs, [p.label for p in points])
        axes.set_xlim(-0.4, len(points) - 0.4)
        axes.set_ylim(0, 110)
        axes.set_ylabel("%")
        axes.set_xlabel(texts.CHART_WEEK_AXIS)
        axes.grid(axis="y", alpha=0.3)
        axes.spines[["top", "right"]].set_visible(False)
        figure.legend(loc="outside lower center", frameon=False, ncols=3)
        return _png(figure)


# -- gathering (for /chart, the weekly look back and the monthly report) ----------------------
class ChartData(Protocol):
    """What the charts read (the runtime's `Bulletins` is one)."""

    @property
    def tz(self) -> ZoneInfo: ...

    @property
    def category_names(self) -> Mapping[str, str]: ...

    async def scope_title(self, chat_id: int | None) -> str: ...

    async def reported_in(
        self, chat_id: int | None, start: datetime, end: datetime
    ) -> list[Ticket]: ...

    async def first_of(
        self, tickets: Sequence[Ticket], start: datetime, end: datetime
    ) -> list[Ticket]: ...

    async def rates(self, chat_id: int | None, start: datetime, end: datetime) -> ThreeRates: ...


async def period_charts(
    bulletins: ChartData,
    chat_id: int | None,
    start: datetime,
    end: datetime,
    now: datetime,
    *,
    period: str,
    stamp: str,
    weeks: int = 8,
) -> tuple[Chart, Chart]:
    """The complaints first reported in [start, end) (`first_reported`), with the tickets
    withdrawn or merged away in it (grey), by category and status (as they stand now), and
    the three rates of the `weeks` weeks up to `end`, for one group or (chat_id None) for
    all."""
    tz = bulletins.tz
    scope = await bulletins.scope_title(chat_id)
    reported = await bulletins.reported_in(chat_id, start, end)
    withdrawn = [t for t in reported if t.status is Status.CANCELLED]
    problems = await bulletins.first_of(reported, start, end)
    tickets = sorted([*problems, *withdrawn], key=lambda t: t.id)
    last = end - SECOND
    span = f"{start.astimezone(tz):%m/%d}–{last.astimezone(tz):%m/%d}"
    counts = category_status_counts(
        tickets,
        bulletins.category_names,
        now,
        texts.categories_chart_title(scope, period, span),
    )
    finish = min(end, now + SECOND)  # [start, end), as the bars: up to and including now
    points = []
    for back in range(weeks, 0, -1):
        week_end = finish - timedelta(days=7 * (back - 1))
        week_start = week_end - timedelta(days=7)
        # [week_start, week_end): a week from its first instant, the day its label names (a
        # ledger's rows dated that day are at midnight); `rates` takes (start, moment] in
        # whole seconds, as times are stored
        rates = await bulletins.rates(chat_id, week_start - SECOND, week_end - SECOND)
        points.append(RatePoint(f"{week_start.astimezone(tz):%m/%d}", rates))
    trend_title = texts.trend_chart_title(scope, weeks)
    bars, trend = await asyncio.gather(
        asyncio.to_thread(render_category_status, counts),
        asyncio.to_thread(render_rates_trend, points, trend_title),
    )
    return (
        Chart(
            texts.categories_filename(stamp),
            texts.categories_caption(
                counts.title, counts.total - counts.withdrawn, counts.withdrawn
            ),
            bars,
        ),
        Chart(texts.trend_filename(stamp), trend_title, trend),
    )


async def recent_charts(
    bulletins: ChartData, chat_id: int | None, now: datetime
) -> tuple[Chart, Chart]:
    """The last four weeks by category and status, and the three rates of the last 8 weeks —
    for `/chart` and the weekly look back (chat_id None: the whole community)."""
    stamp = f"{now.astimezone(bulletins.tz):%Y-%m-%d}"
    end = now + SECOND  # up to and including this moment
    return await period_charts(
        bulletins,
        chat_id,
        end - timedelta(days=28),
        end,
        now,
        period=texts.CHART_RECENT_PERIOD,
        stamp=stamp,
    )
