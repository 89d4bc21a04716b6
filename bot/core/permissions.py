"""Who may do what to a ticket. Pure: the one place the handlers, the use cases and storage ask.

- Workers and admins (admins can do all a worker can) take, close, note, recategorise (any
  ticket but a merged one), merge, post digests and charts, export, and cancel any ticket (as
  "not a complaint").
- A ticket's reporters rate it, reopen it within the reopen window after done, and withdraw it
  when they are its only reporter.
Every "no" is a `Refused` (or a `TransitionError` when the ticket's status forbids the move),
which `texts.refusal` turns into a polite answer.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.core.loop import LoopPolicy
from bot.core.tickets import Action, Refusal, Status, Ticket, TransitionError

__all__ = [
    "Reason",
    "Refused",
    "Roles",
    "Shown",
    "check_assign",
    "check_cancel",
    "check_merge",
    "check_rate",
    "check_recategorise",
    "check_reopen",
    "check_shown",
    "check_take",
    "may_recategorise",
    "require_worker",
]


class Reason(StrEnum):
    """Why a person may not do this now."""

    WORKERS_ONLY = "workers_only"
    ASSIGNEE_NOT_WORKER = "assignee_not_worker"  # detail: the name
    NOT_REPORTER = "not_reporter"  # only reporters rate
    REPORTERS_REOPEN = "reporters_reopen"  # only reporters (or workers) reopen
    REOPEN_TOO_LATE = "reopen_too_late"  # detail: the window in days
    REPORTER_OR_WORKER_CANCEL = "reporter_or_worker_cancel"
    OTHERS_REPORTED = "others_reported"  # a reporter cannot withdraw what neighbours reported
    RATING_CLOSED = "rating_closed"
    RATING_NOT_NOW = "rating_not_now"  # being redone
    RATING_NOT_DONE = "rating_not_done"  # never done yet (a hand-made button)
    RATING_OLD_ROUND = "rating_old_round"  # a button (or a reply) of an earlier /done
    MERGE_SAME = "merge_same"
    MERGE_INTO_FINISHED = "merge_into_finished"
    ALREADY_ASSIGNED = "already_assigned"  # taken again by the worker who has it
    TAKEN_BY_OTHER = "taken_by_other"  # 接单 pressed on a ticket a colleague has
    ASSIGNED_MEANWHILE = "assigned_meanwhile"  # a colleague took it since the page was shown
    MERGE_FROM_FINISHED = "merge_from_finished"  # the ticket to fold in is finished
    UNKNOWN_CATEGORY = "unknown_category"  # not one of the deployment's categories
    SAME_CATEGORY = "same_category"  # /category to the category the ticket already has
    TRIAGE_GONE = "triage_gone"  # no such 研判 item
    TRIAGE_DECIDED = "triage_decided"  # judged already by a worker; detail: by whom
    TRIAGE_TIMED_OUT = "triage_timed_out"  # filed by the clock; detail: its ticket's number
    TRIAGE_MINE = "triage_mine"  # the same worker presses again
    ESCALATE_NOT_NOW = "escalate_not_now"  # finished, or already at the top level
    ESCALATED_MEANWHILE = "escalated_meanwhile"  # raised since the page was shown
    RESTORE_WORKERS_ONLY = "restore_workers_only"  # a worker withdrew it: only a worker undoes it
    RESTORE_NOT_YOURS = "restore_not_yours"  # its reporter withdrew it: she, or a worker
    RESTORE_TOO_LATE = "restore_too_late"  # withdrawn longer ago than the window; detail: days


class Refused(Refusal):
    """The person may not do this to this ticket now; `reason` picks the polite answer."""

    def __init__(
        self, reason: Reason, ticket: Ticket | None = None, detail: str | None = None
    ) -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.ticket = ticket
        self.detail = detail


@dataclass(frozen=True)
class Roles:
    """Grid workers and office staff, by Telegram user id (from the config)."""

    workers: frozenset[int] = frozenset()
    admins: frozenset[int] = frozenset()

    def is_worker(self, user_id: int | None) -> bool:
        """Admins can do everything a worker can."""
        return user_id is not None and (user_id in self.workers or user_id in self.admins)

    def roster(self) -> frozenset[int]:
        """Everyone who may hold a ticket: the workers and the admins."""
        return self.workers | self.admins

    def alerted(self) -> frozenset[int]:
        """Who is told at once of an urgent complaint: the workers (the admins when there are
        none)."""
        return self.workers or self.admins


def check_assign(ticket: Ticket, assignee_id: int | None, actor_id: int | None) -> None:
    """Refused when a worker takes a ticket already in their own hands (a second tap of 接单);
    handing it to someone (even its assignee, to say so again) is not refused."""
    mine = ticket.assignee_id == assignee_id == actor_id
    if ticket.status is Status.ASSIGNED and mine:
        raise Refused(Reason.ALREADY_ASSIGNED, ticket)


def check_take(ticket: Ticket, actor_id: int | None) -> None:
    """The 接单 button takes a ticket nobody has; one a colleague has is handed on by an
    explicit /assign, never by a stray tap on an old acknowledgement."""
    if ticket.status is Status.ASSIGNED and ticket.assignee_id not in (None, actor_id):
        raise Refused(Reason.TAKEN_BY_OTHER, ticket, ticket.assignee_name or "")


@dataclass(frozen=True)
class Shown:
    """Who had a ticket on the desk's page its 接单/派单 form was sent from (None: nobody)."""

    assignee_id: int | None


def check_shown(ticket: Ticket, shown: Shown, actor_id: int | None) -> None:
    """The desk's 接单/派单 acts on the ticket as its page showed it: one a colleague took (or
    was given) since, the page left open, is not taken from them unasked — refused, naming who
    has it; from the page shown again, handing it on is meant. One the actor took himself
    meanwhile (in another tab) is his to hand on."""
    holder = ticket.assignee_id
    if ticket.status is Status.ASSIGNED and holder not in (shown.assignee_id, None, actor_id):
        raise Refused(Reason.ASSIGNED_MEANWHILE, ticket, ticket.assignee_name or "")


def require_worker(roles: Roles, user_id: int | None, name: str | None = None) -> None:
    """Refused unless a worker or admin; `name` says it is about someone else (an assignee)."""
    if roles.is_worker(user_id):
        return
    if name is not None:
        raise Refused(Reason.ASSIGNEE_NOT_WORKER, detail=name)
    raise Refused(Reason.WORKERS_ONLY)


def check_reopen(
    ticket: Ticket,
    actor_id: int | None,
    reporter_ids: Collection[int | None],
    *,
    actor_is_worker: bool,
    policy: LoopPolicy,
    now: datetime,
) -> None:
    """A reporter (or a worker) may reopen a done or closed ticket within the window. A merged
    ticket's reports live on in the one it was merged into: say so first (its reporters are
    no longer listed on it)."""
    if ticket.merged_into is not None:
        raise TransitionError(ticket.status, Action.REOPEN, ticket)
    if actor_id not in reporter_ids and not actor_is_worker:
        raise Refused(Reason.REPORTERS_REOPEN, ticket)
    if policy.may_reopen(ticket, now):
        return
    if ticket.status.is_active or ticket.status is Status.CANCELLED:
        raise TransitionError(ticket.status, Action.REOPEN, ticket)
    raise Refused(Reason.REOPEN_TOO_LATE, ticket, str(policy.reopen_days))


def check_restore(
    ticket: Ticket,
    actor_id: int | None,
    cancelled_by: int | None,
    cancelled_at: datetime | None,
    *,
    actor_is_worker: bool,
    policy: LoopPolicy,
    now: datetime,
    reporter_ids: Collection[int | None] = (),
) -> None:
    """A ticket withdrawn by mistake goes back to work (/reopen of a cancelled one): a worker
    may restore any, its reporter only what she withdrew herself; within the reopen window of
    the withdrawal. Never one merged into another (it lives on there). `reporter_ids`: who
    reported it (a neighbour is not told a worker withdrew what its reporter did)."""
    if ticket.status is not Status.CANCELLED or ticket.merged_into is not None:
        raise TransitionError(ticket.status, Action.REOPEN, ticket)
    if not actor_is_worker and (actor_id is None or actor_id != cancelled_by):
        hers = cancelled_by is not None and cancelled_by in reporter_ids
        raise Refused(Reason.RESTORE_NOT_YOURS if hers else Reason.RESTORE_WORKERS_ONLY, ticket)
    since = cancelled_at or ticket.updated_at
    if now - since > timedelta(days=policy.reopen_days):
        raise Refused(Reason.RESTORE_TOO_LATE, ticket, str(policy.reopen_days))


def check_cancel(
    actor_id: int | None, reporter_ids: Collection[int | None], *, actor_is_worker: bool
) -> bool:
    """May this person cancel? True when it is a worker saying "not a complaint" (kept to
    learn from), False when its only reporter withdraws it."""
    if actor_is_worker:
        return True
    if actor_id not in reporter_ids:
        raise Refused(Reason.REPORTER_OR_WORKER_CANCEL)
    if set(reporter_ids) != {actor_id}:
        raise Refused(Reason.OTHERS_REPORTED)
    return False


def check_rate(
    ticket: Ticket, *, is_reporter: bool, round_unhappy: bool, old_round: bool = False
) -> None:
    """May a reporter give a verdict now? While the ticket is done; and while it is being
    redone after a 不满意 of this round, so other households are heard and a mind can change
    (until the worker marks it done again, which starts a new round). Not on the buttons of
    an earlier round (`old_round`): that verdict was about work since redone."""
    if not is_reporter:
        raise Refused(Reason.NOT_REPORTER, ticket)
    if ticket.status in (Status.CLOSED, Status.CANCELLED):
        raise Refused(Reason.RATING_CLOSED, ticket)
    if old_round:
        raise Refused(Reason.RATING_OLD_ROUND, ticket)
    if ticket.status is not Status.DONE and not round_unhappy:
        raise Refused(Reason.RATING_NOT_NOW if ticket.done_at else Reason.RATING_NOT_DONE, ticket)


def check_merge(into: Ticket, source: Ticket) -> None:
    """`source` may fold into `into`: two tickets, both still being handled. Not into a done
    one: the folded report's households would be asked at once whether work they never saw
    fixed their problem (reopen it first, if the problem is still there)."""
    if into.id == source.id:
        raise Refused(Reason.MERGE_SAME, into)
    if not source.status.is_active:
        raise Refused(Reason.MERGE_FROM_FINISHED, source)
    if not into.status.is_active:
        raise Refused(Reason.MERGE_INTO_FINISHED, into)


def may_recategorise(ticket: Ticket) -> bool:
    """Whether a ticket's category may be corrected: in every status, but not once it is merged
    (its words are handled in the ticket that holds it). The desk offers the form by this."""
    return ticket.merged_into is None


def check_recategorise(ticket: Ticket, category: str) -> None:
    """Refused (已合并到 #N，请对 #N 操作) for a merged ticket; and when it is of `category`
    already (nothing to correct, nothing to learn)."""
    if not may_recategorise(ticket):
        raise TransitionError(ticket.status, Action.NOTE, ticket)
    if ticket.category == category:
        raise Refused(Reason.SAME_CATEGORY, ticket)
