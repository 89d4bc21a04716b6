"""How the bot writes times, ages, people, statuses and residents' own words (HTML parse mode:
whatever a resident wrote is escaped, phone and ID numbers masked)."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

from bot.core.privacy import mask_personal
from bot.core.rates import Rate
from bot.core.tickets import Detail, Person, Status, Ticket

__all__ = [
    "ACTION_NAMES",
    "ANONYMOUS",
    "DETAIL_NAMES",
    "ESCALATION_LEVELS",
    "MAX_ECHO",
    "NOT_RATED_YET",
    "RATING_NAMES",
    "STATUS_NAMES",
    "SYSTEM",
    "echo",
    "format_age",
    "html_to_plain",
    "local_time",
    "mask_personal",
    "mention",
    "message_link",
    "numbers_listed",
    "percent",
    "rate_shown",
    "shown",
    "status_of",
    "unmet_worker",
]

MAX_ECHO = 60


# Telegram's id of a supergroup or a channel is -100 followed by the id its links use.
_SUPERGROUP = -1_000_000_000_000


def message_link(chat_id: int, message_id: int | None) -> str:
    """`<a>` to a message of a supergroup, for its members (a worker opening the resident's
    message with its photo and the words around it); "" where Telegram has no link (a basic
    group, a message from before the group moved, a ticket filed from the ledger)."""
    if chat_id > _SUPERGROUP or message_id is None or message_id <= 0:
        return ""
    return f'<a href="https://t.me/c/{_SUPERGROUP - chat_id}/{message_id}">在群里查看原消息</a>'


def echo(text: str, limit: int = MAX_ECHO) -> str:
    """A resident's words as the bot may repeat them: one line, masked, shortened, escaped
    (masked before shortening, so that a cut never leaves most of a number showing)."""
    flat = mask_personal(" ".join(text.split()))
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return html.escape(flat, quote=False)


def shown(text: str) -> str:
    """A name, a place or a group's title as people chose it: kept whole, masked, escaped
    (a display name often carries a phone number)."""
    return html.escape(mask_personal(text), quote=False)


def mention(person: Person) -> str:
    name = shown(person.name or "邻居")
    if person.id is None:
        return name
    return f'<a href="tg://user?id={int(person.id)}">{name}</a>'


def local_time(value: datetime, tz: ZoneInfo, now: datetime | None = None) -> str:
    """`11-30 09:12` in the community's time zone; given `now`, a moment of another year there
    (last year's ticket, a deadline in the new year) reads `2025-11-30 09:12`."""
    local = value.astimezone(tz)
    if now is not None and local.year != now.astimezone(tz).year:
        return local.strftime("%Y-%m-%d %H:%M")
    return local.strftime("%m-%d %H:%M")


NOT_RATED_YET = "暂无评价"  # a satisfaction rate with no verdict to count


def percent(rate: Rate, decimals: int = 1) -> str:
    """`95.2%`, rounded to `decimals` places; never 100% short of everything (1,999 of 2,000
    is 99.9%, not a rounded 100.0%). The rate must have a denominator."""
    scale = 100 * 10**decimals
    shown = (2 * rate.numerator * scale + rate.denominator) // (2 * rate.denominator)
    if shown >= scale and rate.numerator < rate.denominator:
        shown = scale - 1
    return f"{shown / 10**decimals:.{decimals}f}%"


def rate_shown(rate: Rate, empty: str = "—") -> str:
    """`95.2%（20/21）`, or `empty` when there is nothing to measure yet."""
    if rate.value is None:
        return empty
    return f"{percent(rate)}（{rate.numerator}/{rate.denominator}）"


def format_age(age: timedelta) -> str:
    minutes = max(0, int(age.total_seconds() // 60))
    if minutes < 1:
        return "不到1分钟"
    if minutes < 60:
        return f"{minutes}分钟"
    hours = minutes // 60
    if hours < 48:
        return f"{hours}小时"
    return f"{hours // 24}天"


# 督查督办: 现场立办 → 街道承办 → 区级联办
ESCALATION_LEVELS: Mapping[int, str] = {1: "现场立办", 2: "街道承办", 3: "区级联办"}

STATUS_NAMES: Mapping[Status, str] = {
    Status.OPEN: "待接单",
    Status.ASSIGNED: "办理中",
    Status.DONE: "已办结",
    Status.CLOSED: "已关闭",
    Status.CANCELLED: "已撤销",
}


def status_of(ticket: Ticket) -> str:
    """A ticket's status as a person reads it: a ticket merged into another is 已合并到 #N,
    not 已撤销 (withdrawn)."""
    if ticket.status is Status.CANCELLED and ticket.merged_into is not None:
        return f"已合并到 #{ticket.merged_into}"
    return STATUS_NAMES[ticket.status]


ACTION_NAMES: Mapping[str, str] = {
    "create": "受理",
    "desk": "在办公桌操作",
    "merge": "合并反映",
    "edit": "修改了反映内容",
    "assign": "接单",
    "done": "办结",
    "close": "关闭",
    "reopen": "重新办理",
    "cancel": "撤销",
    "restore": "恢复办理",
    "note": "进展",
    "category": "更正类别",
    "escalate": "督办升级",
    "rate": "评价",
    "reason": "补充原因",
    "merged": "合并到",
    "release": "退回待接单",
}

# What the system writes in a history line itself, by action (codes of
# `bot.core.tickets.Detail`; older databases hold the Chinese words, shown as they are).
DETAIL_NAMES: Mapping[tuple[str, str], str] = {
    ("close", Detail.UNRATED): "未评价",
    ("close", Detail.RATING_ENDED): "评价期结束",
    ("desk", "assign"): "派单",
    ("desk", "note"): "通报进展",
    ("desk", "done"): "办结",
    ("desk", "category"): "更正类别",
    ("desk", "merge"): "合并",
    ("desk", "escalate"): "督办升级",
    ("reopen", Detail.DISSATISFIED): "不满意",
    ("create", Detail.FROM_LEDGER): "台账导入",
    ("release", Detail.FORMER_WORKER): "原承办人已不是网格员",
}
SYSTEM = "系统"  # who did what the bot did by itself
ANONYMOUS = "匿名"  # a message with no sender

RATING_NAMES: Mapping[str, str] = {
    "satisfied": "满意",
    "basically_satisfied": "基本满意",
    "dissatisfied": "不满意",
}


class _PlainText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_plain(text: str) -> str:
    """The visible text of an HTML message, for resending when Telegram rejects the markup."""
    parser = _PlainText()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


def unmet_worker(user_id: int) -> str:
    """A worker of the config the bot has not met yet: no name known, only the id (for the
    office: the desk, an admin's list of workers not reachable)."""
    return f"网格员（编号 {user_id}）"


def numbers_listed(numbers: Sequence[int], at_most: int = 10) -> str:
    """Ticket numbers for a sentence: "#1、#2", the first `at_most` and a count of all when
    there are more ("#1、…、#10 等 12 件")."""
    listed = "、".join(f"#{number}" for number in numbers[:at_most])
    return f"{listed} 等 {len(numbers)} 件" if len(numbers) > at_most else listed
