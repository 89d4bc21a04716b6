"""What the bot answers when the rules of the loop refuse a command or a button (`label_of`
names a ticket as the group sees it: `Texts.label`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from bot.core.permissions import Reason, Refused
from bot.core.tickets import Refusal, Status, Ticket, TicketNotFound, TransitionError
from bot.texts.desk import DESK_ASSIGNED_MEANWHILE
from bot.texts.format import STATUS_NAMES, echo, shown, status_of
from bot.texts.sentences import (
    ALREADY_ASSIGNED,
    ASSIGNEE_NOT_WORKER,
    BUTTON_EXPIRED,
    MERGE_FROM_FINISHED,
    MERGE_INTO_DONE,
    MERGE_INTO_FINISHED,
    MERGE_SAME,
    NOT_ALLOWED,
    NOT_WORKER,
    ONLY_REPORTER,
    ONLY_REPORTER_CANCEL,
    ONLY_REPORTER_REOPEN,
    OTHERS_REPORTED,
    REOPEN_TOO_LATE,
    RESTORE_NOT_YOURS,
    RESTORE_TOO_LATE,
    RESTORE_WORKERS_ONLY,
    SAME_CATEGORY,
    TAKE_WORKERS_ONLY,
    TAKEN_BY_OTHER,
    TRIAGE_WORKERS_ONLY,
)
from bot.texts.triage import TRIAGE_DECIDED, TRIAGE_GONE, TRIAGE_MINE, triage_filed_by_clock
from bot.texts.verdicts import RATING_CLOSED, RATING_NOT_DONE, RATING_NOT_NOW, RATING_OLD_ROUND

__all__ = ["button_refusal", "cannot", "not_found", "refusal"]


def refusal(exc: Refusal, label_of: Callable[[Ticket], str]) -> str:
    """The polite answer to a command the rules of the loop refused."""
    if isinstance(exc, TicketNotFound):
        return not_found(exc.ticket_id)
    if isinstance(exc, TransitionError):
        label = label_of(exc.ticket) if exc.ticket is not None else "这件诉求"
        return cannot(label, exc.status, exc.action, exc.ticket)
    if isinstance(exc, Refused):
        label = label_of(exc.ticket) if exc.ticket is not None else "这件诉求"
        if exc.reason is Reason.ASSIGNEE_NOT_WORKER:
            return ASSIGNEE_NOT_WORKER.format(name=echo(exc.detail or "", 40))
        if exc.reason is Reason.REOPEN_TOO_LATE:
            return REOPEN_TOO_LATE.format(label=label, days=exc.detail)
        if exc.reason is Reason.RESTORE_TOO_LATE:
            return RESTORE_TOO_LATE.format(label=label, days=exc.detail)
        if exc.reason is Reason.RESTORE_WORKERS_ONLY:
            return RESTORE_WORKERS_ONLY.format(label=label)
        if exc.reason is Reason.RESTORE_NOT_YOURS:
            return RESTORE_NOT_YOURS.format(label=label)
        if exc.reason is Reason.TRIAGE_TIMED_OUT:
            return triage_filed_by_clock(exc.detail)
        if exc.reason is Reason.SAME_CATEGORY:
            return SAME_CATEGORY.format(label=label)
        if exc.reason is Reason.ALREADY_ASSIGNED:  # one of several taken again: which one
            return ALREADY_ASSIGNED.format(label=label)
        if exc.reason is Reason.TRIAGE_DECIDED:
            return TRIAGE_DECIDED.format(name=shown(exc.detail or "网格员"))
        if exc.reason is Reason.TAKEN_BY_OTHER:
            return TAKEN_BY_OTHER.format(label=label, name=shown(exc.detail or "网格员"))
        if exc.reason is Reason.ASSIGNED_MEANWHILE:
            return DESK_ASSIGNED_MEANWHILE.format(label=label, name=shown(exc.detail or "网格员"))
        if exc.reason is Reason.MERGE_FROM_FINISHED:
            status = status_of(exc.ticket) if exc.ticket else STATUS_NAMES[Status.CLOSED]
            return MERGE_FROM_FINISHED.format(label=label, status=status)
        if exc.reason is Reason.MERGE_INTO_FINISHED:
            status = exc.ticket.status if exc.ticket is not None else Status.CLOSED
            named = status_of(exc.ticket) if exc.ticket else STATUS_NAMES[status]
            said = MERGE_INTO_FINISHED.format(label=label, status=named)
            if status is Status.DONE and exc.ticket is not None:
                said += MERGE_INTO_DONE.format(number=exc.ticket.id)
            return said
        return _REFUSALS.get(exc.reason, NOT_ALLOWED)
    return NOT_ALLOWED


def button_refusal(
    exc: Refusal,
    label_of: Callable[[Ticket], str],
    *,
    judging: bool = False,
    chosen: str | None = None,
) -> str:
    """The same, short enough for the alert under a button (`judging`: a 研判 button;
    `chosen`: the category a worker picked under 改类别)."""
    if isinstance(exc, TicketNotFound):
        return BUTTON_EXPIRED
    if isinstance(exc, Refused) and exc.reason is Reason.TRIAGE_TIMED_OUT and chosen:
        return triage_filed_by_clock(exc.detail, chosen)
    if isinstance(exc, Refused) and exc.reason is Reason.WORKERS_ONLY:
        return TRIAGE_WORKERS_ONLY if judging else TAKE_WORKERS_ONLY
    if isinstance(exc, Refused) and exc.reason is Reason.NOT_REPORTER:
        return ONLY_REPORTER
    return refusal(exc, label_of)


_REFUSALS: Mapping[Reason, str] = {
    Reason.WORKERS_ONLY: NOT_WORKER,
    Reason.NOT_REPORTER: ONLY_REPORTER,
    Reason.REPORTERS_REOPEN: ONLY_REPORTER_REOPEN,
    Reason.REPORTER_OR_WORKER_CANCEL: ONLY_REPORTER_CANCEL,
    Reason.OTHERS_REPORTED: OTHERS_REPORTED,
    Reason.RATING_CLOSED: RATING_CLOSED,
    Reason.RATING_NOT_NOW: RATING_NOT_NOW,
    Reason.RATING_NOT_DONE: RATING_NOT_DONE,
    Reason.RATING_OLD_ROUND: RATING_OLD_ROUND,
    Reason.MERGE_SAME: MERGE_SAME,
    Reason.TRIAGE_GONE: TRIAGE_GONE,
    Reason.TRIAGE_MINE: TRIAGE_MINE,
    Reason.ESCALATE_NOT_NOW: "这件诉求已办结，或已到最高督办级别，不能再升级。",
    Reason.ESCALATED_MEANWHILE: "这件诉求刚刚已经升级过了（页面打开之后），这次没有再升级。",
    Reason.UNKNOWN_CATEGORY: "没有这个类别，请从列出的类别中选择。",
}


def not_found(ticket_id: int) -> str:
    return (
        f"没有找到 #{ticket_id}。在楼栋群里发 /list 可以查看本群的诉求编号；"
        "网格员私聊发 /todo 可以查看自己的待办。"
    )


def cannot(ticket_label: str, status: Status, action: str, ticket: Ticket | None = None) -> str:
    """Why a command cannot act on the ticket now (`ticket`, when known: a merged one is named
    as merged, not withdrawn)."""
    verbs = {
        "assign": "接单",
        "done": "办结",
        "cancel": "撤销",
        "reopen": "重新打开",
        "close": "关闭",
        "note": "通报进展",
    }
    already = {("done", Status.DONE), ("cancel", Status.CANCELLED), ("close", Status.CLOSED)}
    named = status_of(ticket) if ticket is not None else STATUS_NAMES[status]
    if ticket is not None and ticket.merged_into is not None:
        return f"{ticket_label} {named}，请对 #{ticket.merged_into} 操作。"
    if (action, status) in already:  # the same command twice: it is done, nothing is refused
        return f"{ticket_label} {named}，不用再{verbs[action]}。"
    return f"{ticket_label} 目前{named}，不能{verbs.get(action, action)}。"
