"""The notices on the schedule (督办, a worker's reminder, the community's own notices) and the
private lists (/mine, /todo): the base of `Texts`."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import datetime

from bot.core.tickets import Ticket, standing_verdicts
from bot.texts.details import TicketTexts, households_reported, worker_of
from bot.texts.fit import fit_first
from bot.texts.format import (
    ESCALATION_LEVELS,
    RATING_NAMES,
    echo,
    format_age,
    local_time,
    shown,
    status_of,
)
from bot.texts.sentences import NOTHING_MINE, NOTHING_TODO

__all__ = ["WorkTexts"]


class WorkTexts(TicketTexts):
    """督办, reminders and the private lists, in the deployment's category names and time zone."""

    def escalation(
        self,
        ticket: Ticket,
        level: int,
        group_title: str | None,
        now: datetime,
        *,
        in_its_group: bool = False,
    ) -> str:
        """The notice posted when a ticket passes its deadline, one per level; it names the
        ticket's group unless it is said there (`in_its_group`)."""
        level_name = ESCALATION_LEVELS.get(level, str(level))
        group = shown(group_title or str(ticket.chat_id))
        owner = worker_of(ticket) if ticket.assignee_id else "未接单"
        if ticket.due_at is None:
            overdue = "超时 —"
        elif now > ticket.due_at:
            overdue = f"超时 {format_age(now - ticket.due_at)}"
        else:  # raised by the office before its deadline (督办)
            overdue = f"距期限还有 {format_age(ticket.due_at - now)}"
        reported = households_reported(ticket)
        return "\n".join(
            [
                f"⏫ 督办升级 · {level}级（{level_name}）",
                f"{self.label(ticket)}",
                *([] if in_its_group else [f"群：{group}"]),
                f"已受理 {format_age(ticket.age(now))} · {overdue} · {reported} · 承办人：{owner}",
                f"反映：{echo(ticket.summary, 80)}",
            ]
        )

    def reminder(self, ticket: Ticket, now: datetime) -> str:
        """One overdue ticket's reminder to its worker: the /note to send, with its number."""
        late = format_age(now - ticket.due_at) if ticket.due_at else ""
        households = f"（{ticket.households} 户反映）" if ticket.households > 1 else ""
        return (
            f"⏰ 提醒 {worker_of(ticket)}：{self.label(ticket)} 已超时 {late}{households}，"
            f"请尽快办理，或用 /note {ticket.id} 进展 通报进展。"
        )

    def custom_notice(self, text: str) -> str:
        """A notice from the config (written by the community, shown as it is)."""
        return f"📢 {html.escape(text, quote=False)}"

    def mine(self, tickets: Sequence[Ticket], now: datetime, total: int = 0) -> str:
        """Her tickets, the newest first: `total` of them, the others counted."""
        if not tickets:
            return NOTHING_MINE
        total = max(total, len(tickets))
        lines = [
            f"您反映过的诉求 {total} 件（最新的在前）："
            if total > len(tickets)
            else "您反映过的诉求："
        ]
        for ticket in tickets:
            # a verdict on work since redone (reopened after 满意) is no longer the news
            verdict, _, _ = standing_verdicts(ticket)
            rating = f" · {RATING_NAMES[verdict]}" if verdict else ""
            lines.append(
                f"{self.label(ticket)} {status_of(ticket)}{rating} · "
                f"{local_time(ticket.created_at, self.tz, now)}\n    {echo(ticket.summary, 40)}"
            )
        if total > len(tickets):
            lines.append(f"……另有 {total - len(tickets)} 件未列出（较早反映的）")
        return "\n".join(lines)

    def todo(
        self,
        tickets: Sequence[Ticket],
        total: int,
        unassigned: int,
        now: datetime,
        waiting: str | None = None,
        titles: Mapping[int, str] | None = None,
        urgent: Sequence[Ticket] = (),
    ) -> str:
        """A worker's open tickets (`total` of them, the soonest due listed first), each with
        its group (`titles`: where /done is said), how many wait to be taken — the urgent ones
        among them (`urgent`) named, someone may get hurt — and the 研判 queue (`waiting`),
        within Telegram's length."""
        total = max(total, len(tickets))
        head = [f"您的待办 {total} 件（时限最近的在前）：" if total else NOTHING_TODO]
        entries = [self._todo_entry(t, now, titles) for t in tickets]
        tail = [f"各群还有 {unassigned} 件待接单。"] if unassigned else []
        if urgent:
            waiting_count = max(unassigned, len(urgent))
            tail[-1:] = [
                f"各群还有 {waiting_count} 件待接单，其中紧急的请尽快接单（/assign 编号）：",
                *(self._todo_entry(t, now, titles) for t in urgent),
            ]
        if waiting:
            tail.extend(["", *waiting.split("\n")])
        return fit_first(head, entries, tail, total=total)

    def _todo_entry(self, ticket: Ticket, now: datetime, titles: Mapping[int, str] | None) -> str:
        """One ticket of /todo: its label, time limit and group, what was reported."""
        due = local_time(ticket.due_at, self.tz, now) if ticket.due_at else "—"
        overdue = " ⏰超时" if ticket.is_overdue(now) else ""
        title = (titles or {}).get(ticket.chat_id)
        group = f"{shown(title)}：" if title else ""
        return f"{self.label(ticket)} 时限 {due}{overdue}\n    {group}{echo(ticket.summary, 40)}"
