"""Every sentence the bot says, in one place (HTML parse mode; user text always escaped)."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.categories import category_name
from bot.tickets import Event, Person, Status, Ticket

__all__ = [
    "echo",
    "format_age",
    "local_time",
    "mask_personal",
    "mention",
]

MAX_ECHO = 60

_PHONE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")
_ID_CARD = re.compile(r"(?<![0-9Xx])(\d{3})\d{11}(\d{3}[0-9Xx])(?![0-9Xx])")
_LANDLINE = re.compile(r"(?<!\d)(0\d{2,3}-?)\d{3,4}(\d{4})(?!\d)")


def mask_personal(text: str) -> str:
    """Hide phone and ID card numbers in anything posted to a group: 138****5678."""
    text = _ID_CARD.sub(lambda m: m.group(1) + "*" * 11 + m.group(2), text)
    text = _PHONE.sub(r"\1****\2", text)
    return _LANDLINE.sub(r"\1****\2", text)


def echo(text: str, limit: int = MAX_ECHO) -> str:
    """A resident's words as the bot may repeat them: one line, shortened, masked, escaped."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return html.escape(mask_personal(flat), quote=False)


def mention(person: Person) -> str:
    name = html.escape(person.name or "邻居", quote=False)
    if person.id is None:
        return name
    return f'<a href="tg://user?id={int(person.id)}">{name}</a>'


def local_time(value: datetime, tz: ZoneInfo) -> str:
    return value.astimezone(tz).strftime("%m-%d %H:%M")


def format_age(age: timedelta) -> str:
    minutes = max(0, int(age.total_seconds() // 60))
    if minutes < 60:
        return f"{minutes}分钟"
    hours = minutes // 60
    if hours < 48:
        return f"{hours}小时"
    return f"{hours // 24}天"


STATUS_NAMES: Mapping[Status, str] = {
    Status.OPEN: "待接单",
    Status.ASSIGNED: "办理中",
    Status.DONE: "已办结",
    Status.CLOSED: "已关闭",
    Status.CANCELLED: "已撤销",
}

ACTION_NAMES: Mapping[str, str] = {
    "create": "受理",
    "merge": "合并反映",
    "edit": "修改了反映内容",
    "assign": "接单",
    "done": "办结",
    "close": "关闭",
    "reopen": "重新办理",
    "cancel": "撤销",
    "note": "进展",
    "category": "更正类别",
    "escalate": "督办升级",
    "rate": "评价",
}


class Texts:
    """Sentences that need the deployment's category names and time zone."""

    def __init__(self, tz: ZoneInfo, category_names: Mapping[str, str] | None = None) -> None:
        self.tz = tz
        self.category_names = dict(category_names or {})

    def label(self, ticket: Ticket) -> str:
        """`#12【电梯】3栋2单元` — the way a ticket is named everywhere."""
        name = html.escape(category_name(ticket.category, self.category_names), quote=False)
        place = f" {html.escape(ticket.location, quote=False)}" if ticket.location else ""
        urgent = "🚨" if ticket.urgent else ""
        return f"{urgent}#{ticket.id}【{name}】{place}".replace("】 ", "】")

    # -- intake -----------------------------------------------------------------------------
    def ack_created(self, ticket: Ticket) -> str:
        lines = [f"已受理 {self.label(ticket)}"]
        if ticket.urgent:
            lines.append("⚠️ 紧急情况已通知网格员优先处理；有危险请先拨打 119 / 110 / 120。")
        team = html.escape(ticket.team or "社区网格站", quote=False)
        lines.append(f"责任主体：{team}，网格员接单后会在群里告诉您。")
        return "\n".join(lines)

    def ack_merged(self, ticket: Ticket) -> str:
        return f"已合并到 {self.label(ticket)}（已有 {ticket.households} 户反映）"

    def ack_batch(self, items: Sequence[tuple[Ticket, bool]]) -> str:
        """Several acknowledgements folded into one message (a burst in one group)."""
        lines = [f"已受理 {len(items)} 条反映："]
        for ticket, first in items:
            suffix = "" if first else f"（合并，已有 {ticket.households} 户反映）"
            lines.append(f"• {self.label(ticket)}{suffix}")
        lines.append("网格员接单后会在群里告诉大家，可用 /list 查看。")
        return "\n".join(lines)

    # -- worker actions -----------------------------------------------------------------------
    def assigned(self, ticket: Ticket, assignee: Person) -> str:
        return f"{self.label(ticket)} 已由 {mention(assignee)} 接单，正在办理。"

    def done(self, ticket: Ticket, reporters: Sequence[Person]) -> str:
        lines = [f"✅ {self.label(ticket)} 已办结。"]
        if ticket.done_note:
            lines.append(f"办理结果：{echo(ticket.done_note, 200)}")
        if reporters:
            lines.append(f"{'、'.join(mention(p) for p in reporters)} 请看看问题是否已经解决。")
        return "\n".join(lines)

    # -- lists and details ------------------------------------------------------------------
    def list_line(self, ticket: Ticket, now: datetime) -> str:
        status = STATUS_NAMES[ticket.status]
        who = f" · {html.escape(ticket.assignee_name, quote=False)}" if ticket.assignee_name else ""
        overdue = " ⏰超时" if ticket.is_overdue(now) else ""
        households = f" · {ticket.households}户" if ticket.households > 1 else ""
        return (
            f"{self.label(ticket)} {status}{who} · {format_age(ticket.age(now))}前"
            f"{households}{overdue}\n    {echo(ticket.summary, 40)}"
        )

    def active_list(self, tickets: Sequence[Ticket], total: int, now: datetime) -> str:
        if not tickets:
            return "本群目前没有待办的诉求 👍"
        lines = [f"本群待办诉求 {total} 件："]
        lines.extend(self.list_line(t, now) for t in tickets)
        if total > len(tickets):
            lines.append(f"……另有 {total - len(tickets)} 件未列出。")
        return "\n".join(lines)

    def ticket_detail(self, ticket: Ticket, history: Sequence[Event], now: datetime) -> str:
        lines = [
            f"{self.label(ticket)} {STATUS_NAMES[ticket.status]}",
            f"反映：{echo(ticket.summary, 300)}",
            f"反映户数：{ticket.households}　受理：{local_time(ticket.created_at, self.tz)}",
        ]
        if ticket.team:
            lines.append(f"责任主体：{html.escape(ticket.team, quote=False)}")
        if ticket.due_at:
            overdue = "（已超时）" if ticket.is_overdue(now) else ""
            lines.append(f"办理时限：{local_time(ticket.due_at, self.tz)}{overdue}")
        if ticket.assignee_name:
            lines.append(f"承办人：{html.escape(ticket.assignee_name, quote=False)}")
        if ticket.done_note:
            lines.append(f"办理结果：{echo(ticket.done_note, 300)}")
        lines.append("记录：")
        for event in history:
            who = html.escape(event.actor_name or "系统", quote=False)
            what = ACTION_NAMES.get(event.action, event.action)
            detail = f"：{echo(event.detail, 80)}" if event.detail else ""
            lines.append(f"  {local_time(event.at, self.tz)} {who} {what}{detail}")
        return "\n".join(lines)


# -- fixed sentences ----------------------------------------------------------------------
NOT_WORKER = "抱歉，这个操作只有网格员可以做。有问题请直接在群里描述，机器人会登记受理。"
GROUP_ONLY = "请在楼栋群里使用这个命令。"
NEW_USAGE = "请在 /new 后面写上要反映的问题，例如：/new 3栋2单元电梯坏了"
ASSIGN_USAGE = "用法：/assign 编号 [@网格员]，例如 /assign 12；也可以回复网格员的消息发 /assign 12"
DONE_USAGE = "用法：/done 编号 [办理结果]，例如 /done 12 已更换灯泡"
TICKET_USAGE = "用法：/ticket 编号，例如 /ticket 12"
NEW_TOO_LONG = "内容太长了，请用几句话说明问题（不超过 1000 字）。"
ASSIGNEE_NOT_WORKER = "{name} 不是网格员，不能接单。"
ASSIGNEE_UNKNOWN = "找不到 {name}。请他先在群里说句话，或者回复他的消息发 /assign。"
ERROR_SORRY = "抱歉，机器人刚才出了点问题，请稍后再试。您的反映已经记录，不会丢失。"


def not_found(ticket_id: int) -> str:
    return f"本群没有找到 #{ticket_id}。可以用 /list 查看本群的诉求编号。"


def cannot(ticket_label: str, status: Status, action: str) -> str:
    verbs = {"assign": "接单", "done": "办结"}
    return f"{ticket_label} 目前{STATUS_NAMES[status]}，不能{verbs.get(action, action)}。"


HELP_GROUP = """院子 · 楼栋群诉求助手
直接在群里说出问题（如“3栋2单元电梯又坏了”），我会登记并回复编号，网格员会跟进处理。

居民：
/new 问题描述 — 我没听懂时，手动登记一件诉求
/list — 本群待办的诉求
/ticket 编号 — 一件诉求的详情和办理记录

网格员：
/assign 编号 [@网格员] — 接单（或交给某位网格员）
/done 编号 [办理结果] — 办结，并通知反映人"""

HELP_PRIVATE = """院子 · 楼栋群诉求助手
我在楼栋群里工作：居民在群里反映问题，我登记编号，网格员接单办理，办结后通知反映人。
请把我加入楼栋群，并在 @BotFather 用 /setprivacy 关闭隐私模式（或设为群管理员），我才能看到群消息。

/help — 本说明"""
