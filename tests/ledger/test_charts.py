"""The pictures: Chinese labels drawn with real glyphs, counts per category and status."""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import matplotlib
import pytest
from fontTools.ttLib import TTCollection, TTFont
from matplotlib import font_manager
from matplotlib.text import Text

from bot.core.categories import CATEGORIES
from bot.core.rates import Rate, ThreeRates
from bot.core.tickets import Status, Ticket
from bot.ledger import charts
from bot.ledger.charts import (
    STATUS_SERIES,
    CategoryStatusCounts,
    RatePoint,
    category_status_counts,
    cjk_font_family,
    recent_charts,
    render_category_status,
    render_rates_trend,
)
from tests import factories

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
PNG = b"\x89PNG\r\n\x1a\n"
LABELS = (
    "".join(c.name for c in CATEGORIES)
    + "".join(label for label, _ in STATUS_SERIES)
    + "东苑3栋业主群全社区 · 近四周诉求（10/26–11/22）按类别和状态件数这段时间没有"
    + "三率走势（近8周，每周受理的诉求）响应率解决率满意率每周起始日%"
)


def ticket(number: int, category: str, status: Status, age_hours: int, due_hours: int) -> Ticket:
    """A ticket of `category` reported `age_hours` before NOW."""
    created = NOW - timedelta(hours=age_hours)
    return factories.ticket(
        number, category=category, status=status, location=None, summary="…",
        created_at=created, due_hours=due_hours,
    )  # fmt: skip


def test_counts_split_active_tickets_into_in_time_and_overdue():
    tickets = [
        ticket(1, "lift", Status.OPEN, 1, 24),
        ticket(2, "lift", Status.ASSIGNED, 48, 24),  # overdue
        ticket(3, "lift", Status.CLOSED, 48, 24),  # finished: never overdue
        ticket(4, "parking", Status.DONE, 5, 72),
        ticket(5, "gas", Status.CANCELLED, 5, 72),
    ]
    counts = category_status_counts(tickets, {"gas": "燃气"}, NOW, "t")
    assert counts.categories[0] == "电梯" and set(counts.categories[1:]) == {"停车", "燃气"}
    by_series = {label: dict(zip(counts.categories, row, strict=True))
                 for (label, _), row in zip(STATUS_SERIES, counts.counts, strict=True)}  # fmt: skip
    assert by_series["待接单"]["电梯"] == 1 and by_series["已超时"]["电梯"] == 1
    assert by_series["已办结"] == {"电梯": 1, "停车": 1, "燃气": 0}
    assert by_series["已撤销"]["燃气"] == 1 and counts.total == 5


def test_the_font_used_has_every_glyph_of_the_labels():
    family = cjk_font_family()
    assert family == "Noto Sans CJK SC"
    found = font_manager.findfont(
        font_manager.FontProperties(family=family), fallback_to_default=False
    )
    path = str(getattr(found, "path", found))
    index = int(getattr(found, "face_index", 0))
    assert "NotoSansCJK" in path
    font = TTCollection(path).fonts[index] if path.endswith(".ttc") else TTFont(path)
    assert "Noto Sans CJK SC" in font["name"].getDebugName(1)
    cmap = font.getBestCmap()
    assert [c for c in LABELS if not c.isspace() and ord(c) not in cmap] == []


def test_charts_render_to_png_without_missing_glyphs():
    tickets = [ticket(i, CATEGORIES[i % 6].id, list(Status)[i % 5], i, 30) for i in range(40)]
    counts = category_status_counts(
        tickets, {}, NOW, "东苑3栋业主群 · 近四周诉求（10/26–11/22）按类别和状态"
    )
    points = [
        RatePoint(
            f"{10 + i // 4:02d}/{1 + 7 * (i % 4):02d}", ThreeRates(Rate(i, 8), Rate(5, 8), Rate())
        )
        for i in range(8)
    ]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        bars = render_category_status(counts)
        trend = render_rates_trend(points, "全社区 · 三率走势（近8周，每周受理的诉求）")
    assert [str(w.message) for w in caught if "missing" in str(w.message).lower()] == []
    assert bars.startswith(PNG) and trend.startswith(PNG)
    assert len(bars) > 10_000 and len(trend) > 10_000


# -- people's words drawn as written ------------------------------------------------------------
HOSTILE = (
    "$x$",
    "3栋 $\\frac{a$ 群",
    "$\\frac{",
    "$$",
    "\\",
    "_^{}",
    "$_^{}$",
    "$\\undefinedcommand$",
    "$\\sqrt{$ 和 $",
    "\\$5 $",
)
SERIES = len(STATUS_SERIES)


def hostile_counts(word: str) -> CategoryStatusCounts:
    categories = (word, "电梯", f"{word}{word}")
    return CategoryStatusCounts(f"3栋 {word} 群", categories, ((1, 2, 0),) * SERIES)


def hostile_points(word: str) -> list[RatePoint]:
    rates = ThreeRates(Rate(1, 2), Rate(2, 3), Rate(1, 1))
    return [RatePoint(word, rates), RatePoint(f"{word}$", rates), RatePoint("11/02", rates)]


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every figure the charts draw, kept after drawing (tick labels exist only once drawn)."""
    figures: list[Any] = []
    real_png = charts._png

    def keep(figure: Any) -> bytes:
        png = real_png(figure)
        figures.append(figure)
        return png

    monkeypatch.setattr(charts, "_png", keep)
    return figures


@pytest.mark.parametrize("word", HOSTILE)
def test_mathtext_in_titles_and_labels_never_breaks_a_chart(word: str, drawn: list[Any]):
    """Titles, tick labels, legend entries and value labels are drawn as written: none is read
    as mathtext (an unbalanced `$\\frac{` used to stop the drawing with a ValueError)."""
    bars = render_category_status(hostile_counts(word))
    empty = render_category_status(CategoryStatusCounts(word, (), ((),) * SERIES))
    trend = render_rates_trend(hostile_points(word), f"{word} · 三率走势")
    assert bars.startswith(PNG) and empty.startswith(PNG) and trend.startswith(PNG)
    assert len(drawn) == 3
    for figure in drawn:
        shown = [t for t in figure.findobj(Text) if t.get_text()]
        assert [t.get_text() for t in shown if t.get_parse_math()] == []
        assert any(word in t.get_text() for t in shown)
    assert not matplotlib.rcParams["text.usetex"] and matplotlib.rcParams["text.parse_math"]


class HostileData:
    """What `/chart` reads, with a group title and a category name full of mathtext."""

    tz = ZoneInfo("Asia/Shanghai")
    category_names: Mapping[str, str] = {"lift": "电梯$\\frac{", "parking": "$$"}

    async def scope_title(self, chat_id: int | None) -> str:
        return "3栋 $\\frac{a$ 群"

    async def reported_in(
        self, chat_id: int | None, start: datetime, end: datetime
    ) -> list[Ticket]:
        return [ticket(1, "lift", Status.OPEN, 5, 24), ticket(2, "parking", Status.DONE, 9, 24)]

    async def first_of(
        self, tickets: Sequence[Ticket], start: datetime, end: datetime
    ) -> list[Ticket]:
        return list(tickets)

    async def rates(self, chat_id: int | None, start: datetime, end: datetime) -> ThreeRates:
        return ThreeRates(Rate(1, 2), Rate(1, 2), Rate())


async def test_chart_of_a_group_titled_with_mathtext():
    bars, trend = await recent_charts(HostileData(), -1, NOW)
    assert bars.png.startswith(PNG) and trend.png.startswith(PNG)
    assert "3栋 $\\frac{a$ 群" in bars.caption and "3栋 $\\frac{a$ 群" in trend.caption


def test_the_trends_last_values_never_read_100_percent_short_of_everything(drawn: list[Any]):
    """The label at each line's end is a whole percent: 249 of 250 households pleased was
    drawn as 100% (and 199 of 200 taken in time too), beside a line just under the top."""
    rates = ThreeRates(Rate(199, 200), Rate(8, 8), Rate(249, 250))
    render_rates_trend([RatePoint("11/02", rates), RatePoint("11/09", rates)], "三率走势")
    labels = {
        t.get_text()
        for t in drawn[0].findobj(Text)
        if t.get_text().endswith("%") and t.get_text() != "%"
    }
    assert labels == {"99%", "100%"}, labels


LONG_TITLE = "东苑小区3栋2单元及周边业主自治交流群（请勿发广告，违者移出）"  # 35 of Telegram's 128
LONG_CATEGORY = "东苑小区物业服务中心停车管理与非机动车充电桩安全隐患排查"  # a deployment's own


def test_a_long_group_title_and_category_are_drawn_whole_inside_the_picture(drawn: list[Any]):
    """A group's long title ran off both edges of the picture, taking the period with it
    (`… · 近四周诉求（10/26–11/22）按类别和状态` was cut to its first words), and a long
    category name squeezed the bars into a strip: both are broken into lines that fit."""
    title = f"{LONG_TITLE} · 近四周诉求（10/26–11/22）按类别和状态"
    counts = CategoryStatusCounts(title, ("电梯", LONG_CATEGORY), ((1, 2),) * SERIES)
    render_category_status(counts)
    rates = ThreeRates(Rate(1, 2), Rate(1, 2), Rate(1, 1))
    render_rates_trend(
        [RatePoint("11/02", rates)], f"{LONG_TITLE} · 三率走势（近8周，每周受理的诉求）"
    )
    for figure, ends in zip(drawn, ("按类别和状态", "每周受理的诉求）"), strict=True):
        renderer = figure.canvas.get_renderer()
        ticks = {id(t) for axes in figure.axes for t in axes.get_xticklabels(which="both")}
        shown = [t for t in figure.findobj(Text) if t.get_text() and id(t) not in ticks]
        outside = [
            t.get_text()
            for t in shown
            if (box := t.get_window_extent(renderer)).x0 < 0 or box.x1 > figure.bbox.width
        ]
        assert outside == [], outside
        words = ["".join(t.get_text().split()) for t in shown]
        assert any(LONG_TITLE in w and w.endswith(ends) for w in words), words
    bars = drawn[0].axes[0]
    assert bars.bbox.width > drawn[0].bbox.width / 2  # the bars keep half the picture
