"""The office desk's pages (bot/desk): what they say above a list or a ticket, in plain text
(the desk's templates escape every value)."""

from __future__ import annotations

from collections.abc import Mapping

__all__ = [
    "DESK_ASSIGNED_MEANWHILE",
    "DESK_ASSIGN_WHO",
    "DESK_FORM_EXPIRED",
    "DESK_MERGE_NUMBER",
    "DESK_NOTE_EMPTY",
    "DESK_PERIODS",
    "DESK_PHOTO_MISSING",
    "DESK_PHOTO_TOO_LARGE",
    "DESK_PHOTO_UNAVAILABLE",
    "DESK_SORTS",
    "desk_days_swapped",
    "desk_error",
    "desk_no_ticket",
    "desk_numbered",
    "desk_unread_day",
]

DESK_PERIODS = ("今天", "近7天", "近30天")  # the periods of the overview's three rates


def desk_unread_day(typed: str) -> str:
    """On the desk's ticket list: a date filter it could not read (left out, not an error)."""
    return f"日期“{typed}”看不懂，这个条件没有用上；请写成 2026-11-01 这样。"


def desk_days_swapped(first: str, last: str) -> str:
    """On the desk's ticket list: a 受理 range given later day first, read in its order."""
    return f"起止日期填反了，已按 {first} 至 {last} 查找。"


def desk_numbered(number: int) -> str:
    """Above the ticket list, for a search of one number: the ticket of that number (the list
    also has those whose words or place hold it, 12栋 and 12号)."""
    return f"编号为 {number} 的诉求："


# The ticket list's orders, by their `sort=` (the first is the list's own)
DESK_SORTS: Mapping[str, str] = {
    "new": "最新受理在前",
    "due": "按时限（超时的在前）",
    "households": "反映户数多的在前",
    "queue": "待办在前（紧急、受理早的先）",
}

DESK_MERGE_NUMBER = "请填写要并入本件的诉求编号，例如 15 或 #15。"
DESK_ASSIGN_WHO = "没有看懂要派给谁：请从“派单给”的名单里选一位网格员。"
DESK_NOTE_EMPTY = "进展没有内容，请写上要告诉居民的进展。"
# a stale page's 接单/派单: a colleague took it since the page was shown (`label`, `name`)
DESK_ASSIGNED_MEANWHILE = (
    "{label} 已由 {name} 接单（在您打开这个页面之后），这次没有改动。"
    "要改由别人办理，请在下面重新派单。"
)


def desk_no_ticket(typed: str) -> str:
    """A ticket's address on the desk with no such ticket (an old link, a number mistyped)."""
    return f"没有找到诉求 {typed}，编号可能写错了。"


# -- error pages: (heading, what to do), by HTTP status ------------------------------------
_ERRORS = {
    400: ("请求有误", "办公桌没有看懂这个请求，请回到页面重新操作。"),
    403: ("不能这样操作", "这个操作没有得到允许，请回到页面重新操作。"),
    404: ("没有这个页面", "地址可能写错了，或者链接已经过时。"),
    405: ("不能这样打开", "这个地址只接受办公桌页面上的按钮提交，请回到页面上操作。"),
    413: ("内容太长", "提交的内容太长了，请删减后再提交。"),
    500: ("办公桌出错了", "处理这个请求时出了错，已记入日志；请稍后再试，或告诉管理员。"),
    502: ("暂时取不到", "办公桌暂时没能从 Telegram 取到内容，请稍后刷新重试。"),
}
DESK_FORM_EXPIRED = "这个表单已经失效（页面开得太久，或之后重新登录过），请回到页面刷新后再提交。"
DESK_PHOTO_MISSING = "没有这张照片：编号可能写错了，或者它不属于任何诉求。"
DESK_PHOTO_TOO_LARGE = "这张照片超过 20 MB，机器人无法从 Telegram 取回；请在群里查看原图。"
DESK_PHOTO_UNAVAILABLE = "Telegram 暂时没有给出这张照片，请稍后刷新重试。"


def desk_error(status: int) -> tuple[str, str]:
    """An error page's heading and what to do, for a status the desk answers with (an
    unlisted one: said by its kind, a client's 4xx or the server's 5xx)."""
    if status in _ERRORS:
        return _ERRORS[status]
    if status >= 500:
        return _ERRORS[500]
    return ("无法打开", f"这个请求没有成功（错误代码 {status}），请回到页面重新操作。")
