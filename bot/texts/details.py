"""How a ticket is named, listed and shown whole (/list, /ticket): the base of `Texts`."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core.categories import category_name
from bot.core.privacy import as_seen_in
from bot.core.tickets import Event, Person, Rating, Ticket, solved_result, standing_verdicts
from bot.texts.fit import fit_newest
from bot.texts.format import (
    ACTION_NAMES,
    DETAIL_NAMES,
    ESCALATION_LEVELS,
    RATING_NAMES,
    SYSTEM,
    echo,
    format_age,
    local_time,
    mention,
    shown,
    status_of,
)
from bot.texts.photos import photos_line
from bot.texts.sentences import STAFF_FILED
from bot.texts.verdicts import ledger_verdicts, verdict_line

__all__ = ["TicketTexts", "households_reported", "households_shown", "worker_of"]


class TicketTexts:
    """A ticket's name, list line and whole story, in the deployment's category names and
    time zone."""

    def __init__(self, tz: ZoneInfo, category_names: Mapping[str, str] | None = None) -> None:
        self.tz = tz
        self.category_names = dict(category_names or {})

    def label(self, ticket: Ticket, seen_in: int | None = None) -> str:
        """`#12【电梯】3栋2单元` — the way a ticket is named everywhere (`seen_in`: the chat it
        is named in, when it may be a group its report was merged in from: `as_seen_in`)."""
        if seen_in is not None:
            ticket = as_seen_in(ticket, seen_in)
        name = html.escape(category_name(ticket.category, self.category_names), quote=False)
        place = f" {shown(ticket.location)}" if ticket.location else ""
        urgent = "🚨" if ticket.urgent else ""
        return f"{urgent}#{ticket.id}【{name}】{place}".replace("】 ", "】")

    # -- lists and details ------------------------------------------------------------------
    def list_line(self, ticket: Ticket, now: datetime) -> str:
        status = status_of(ticket)
        who = f" · {shown(ticket.assignee_name)}" if ticket.assignee_name else ""
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

    def ticket_detail(
        self,
        ticket: Ticket,
        history: Sequence[Event],
        now: datetime,
        verdicts: Sequence[tuple[Person, Rating | None]] = (),
        photos: int = 0,
        private: bool = False,
        whole: bool = True,
    ) -> str:
        """/ticket's answer; `photos`: how many it has (sent on after it, `private`); not
        `whole`: as a group whose report was merged into it sees it (its households only)."""
        lines = [
            f"{self.label(ticket)} {status_of(ticket)}",
            f"反映：{echo(ticket.summary, 300)}",
            f"反映户数：{households_shown(ticket)}　"
            f"受理：{local_time(ticket.created_at, self.tz, now)}",
        ]
        if ticket.team:
            lines.append(f"责任主体：{html.escape(ticket.team, quote=False)}")
        if ticket.due_at and ticket.status.is_active:  # done or cancelled: no clock runs
            overdue = "（已超时）" if ticket.is_overdue(now) else ""
            lines.append(f"办理时限：{local_time(ticket.due_at, self.tz, now)}{overdue}")
        if ticket.assignee_name:
            lines.append(f"承办人：{shown(ticket.assignee_name)}")
        _, result = solved_result(ticket)  # a reopened one's are in its 记录, not its own
        if result:
            lines.append(f"办理结果：{echo(result, 300)}")
        standing = standing_verdicts(ticket)[0] is not None  # not a 满意 taken back by /reopen
        # a ledger's: counts, not each household's (told only where every household is listed:
        # a merged-in group's own households may not have rated while another group's did)
        counted = ledger_verdicts(ticket, verdicts) if whole else None
        if counted:
            lines.append(f"评价：{counted}")
        elif ticket.status.is_solved or (standing and any(r for _, r in verdicts)):
            lines.append(verdict_line(verdicts))
        if photos:
            lines.append(photos_line(photos, private))
        if not history:
            return "\n".join(lines)
        lines.append("记录：")
        return fit_newest(lines, [self.history_line(event) for event in history])

    def history_line(self, event: Event, now: datetime | None = None) -> str:
        """`11-30 09:12 网格员小王 接单`; handing it on reads `派单给 小陈`; given `now`, a line
        of another year says its year (`2025-11-30 09:12 …`)."""
        detail = self.event_detail(event)
        who, what = shown(event.actor_name or SYSTEM), ACTION_NAMES.get(event.action, event.action)
        if event.action == "assign" and detail is not None:
            what = "接单" if detail == event.actor_name else f"派单给 {shown(detail)}"
            detail = None
        said = f"：{echo(detail, 80)}" if detail else ""
        return f"  {local_time(event.at, self.tz, now)} {who} {what}{said}"

    def event_detail(self, event: Event) -> str | None:
        """A history line's detail in words: verdicts, categories, levels and the system's own
        notes named; what a person wrote, as written."""
        detail = event.detail
        if detail is None:
            return None
        if (event.action, detail) in DETAIL_NAMES:
            return DETAIL_NAMES[event.action, detail]
        if event.action == "rate":
            return RATING_NAMES.get(detail, detail)
        if event.action == "escalate" and detail.isascii() and detail.isdigit():
            return f"{detail}级（{ESCALATION_LEVELS.get(int(detail), detail)}）"
        if event.action == "category" and "→" in detail:
            old, _, new = detail.partition("→")
            names = self.category_names
            return f"{category_name(old, names)}→{category_name(new, names)}"
        return detail


def households_shown(ticket: Ticket) -> str:
    """反映户数 as shown (in /ticket and on the desk): 0 is a problem a worker filed in their own
    words; a merged ticket's households are counted on the ticket that holds them (计入 #N),
    never taken for a worker's filing."""
    if ticket.merged_into is not None:
        return f"计入 #{ticket.merged_into}"
    return str(ticket.households) if ticket.households else f"0（{STAFF_FILED}）"


def worker_of(ticket: Ticket) -> str:
    """The assigned worker, mentioned; or just 网格员 when nobody took the ticket yet."""
    if ticket.assignee_id is None:
        return "网格员"
    return mention(Person(ticket.assignee_id, ticket.assignee_name or "网格员"))


def households_reported(ticket: Ticket, lead: str = "") -> str:
    """`已有 3 户反映` (with `lead` 已有) — or, for a problem only workers reported, 网格员登记."""
    return f"{lead}{ticket.households} 户反映" if ticket.households else STAFF_FILED
