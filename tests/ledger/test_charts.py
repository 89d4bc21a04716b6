"""The pictures: Chinese labels drawn with real glyphs, counts per category and status."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime, timedelta

from fontTools.ttLib import TTCollection, TTFont
from matplotlib import font_manager

from bot.core.categories import CATEGORIES
from bot.core.rates import Rate, ThreeRates
from bot.core.tickets import Status, Ticket
from bot.ledger.charts import (
    STATUS_SERIES,
    RatePoint,
    category_status_counts,
    cjk_font_family,
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
