"""The words on the pictures: series, axes, titles, captions and file names."""

from __future__ import annotations

from bot.core.privacy import mask_personal

__all__ = [
    "CHART_COUNT_AXIS",
    "CHART_NO_TICKETS",
    "CHART_RATE_LABELS",
    "CHART_RECENT_PERIOD",
    "CHART_STATUS_LABELS",
    "CHART_WEEK_AXIS",
    "THIS_GROUP",
    "WHOLE_COMMUNITY",
    "categories_caption",
    "categories_chart_title",
    "categories_filename",
    "trend_chart_title",
    "trend_filename",
]

WHOLE_COMMUNITY = "全社区"
THIS_GROUP = "本群"  # a group whose title is not known

# Active tickets are split into in time and overdue (the order of the series drawn).
CHART_STATUS_LABELS = ("待接单", "办理中", "已超时", "已办结", "已撤销")
CHART_RATE_LABELS = ("响应率", "解决率", "满意率")
CHART_COUNT_AXIS = "件数"
CHART_WEEK_AXIS = "每周（起始日）"
CHART_NO_TICKETS = "这段时间没有诉求"
CHART_RECENT_PERIOD = "近四周"


# A chart's title is drawn and is its caption (plain text): the group's title is masked here.
def categories_chart_title(scope: str, period: str, span: str) -> str:
    return f"{mask_personal(scope)} · {period}诉求（{span}）按类别和状态"


def categories_caption(title: str, complaints: int, withdrawn: int = 0) -> str:
    """The bars' caption: the complaints, counted as the look back beside it counts them, and
    the grey bars of those withdrawn or merged apart (not "共 12 件" beside "近30天 10 件")."""
    apart = f"（另有已撤销、合并的 {withdrawn} 件）" if withdrawn else ""
    return f"{title}，共 {complaints} 件{apart}"


def trend_chart_title(scope: str, weeks: int) -> str:
    return f"{mask_personal(scope)} · 三率走势（近{weeks}周，每周受理的诉求）"


def categories_filename(stamp: str) -> str:
    return f"分类状态-{stamp}.png"


def trend_filename(stamp: str) -> str:
    return f"三率走势-{stamp}.png"
