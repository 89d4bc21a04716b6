"""Households' verdicts as work for the writer's thread (see `storage.ticket_actions`): one
transaction each, the effect decided by `bot.core.verdicts`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.core import permissions
from bot.core.loop import RATING_KIND
from bot.core.tickets import DeadlinePolicy, Detail, Person, Rating, Status, Ticket
from bot.core.verdicts import VerdictEffect, Verdicts, verdict_effect
from storage.db import to_db_time
from storage.rows import (
    done_round,
    enqueue_notice,
    household_ids,
    insert_event,
    select_ticket,
    update_ticket,
)
from storage.sql import Conn
from storage.ticket_changes import reopen_ticket

__all__ = ["RateOutcome", "ask_again", "close_unrated", "rate", "round_verdicts", "set_reason"]


@dataclass(frozen=True)
class RateOutcome:
    """A verdict's effect on the ticket."""

    ticket: Ticket
    outcome: VerdictEffect


def rate(
    conn: Conn,
    ticket_id: int,
    user: Person,
    rating: Rating,
    at: datetime,
    policy: DeadlinePolicy,
    given_in: int | None = None,
) -> RateOutcome:
    """One household's verdict; what it does to the ticket is `verdicts.verdict_effect`'s.
    `given_in`: the round the button (or the notice replied to) belongs to, if known."""
    ticket = select_ticket(conn, ticket_id)
    before = round_verdicts(conn, ticket_id)
    permissions.check_rate(
        ticket,
        is_reporter=user.id in before.households,
        round_unhappy=before.unhappy,
        old_round=given_in is not None and given_in != done_round(conn, ticket_id),
    )
    after = before.with_verdict(user.id, rating)
    effect = verdict_effect(ticket.status, before, after)
    if effect is VerdictEffect.UNCHANGED:
        return RateOutcome(ticket, effect)
    conn.execute(
        "INSERT INTO ratings (ticket_id, user_id, rating, at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (ticket_id, user_id) DO UPDATE SET rating = excluded.rating, "
        "at = excluded.at",
        (ticket_id, user.id, rating.value, to_db_time(at)),
    )
    insert_event(conn, ticket_id, user, "rate", at, rating.value)
    summary = after.summary.value if after.summary else None
    tally = {
        "households_rated": after.rated,
        "households_pleased": after.pleased,
        "rating": summary,
        "updated_at": at,
    }
    if effect is VerdictEffect.REOPENED:
        reopen_ticket(conn, ticket, user, at, Detail.DISSATISFIED, policy, **tally)
    elif effect is VerdictEffect.CLOSED:
        update_ticket(conn, ticket_id, {**tally, "status": Status.CLOSED.value, "closed_at": at})
    elif effect is VerdictEffect.CHANGED:  # nobody unhappy any more: done again, still asking,
        # with a fresh window, so the households still silent are not cut short
        done_again = {"status": Status.DONE.value, "done_at": at, "rating_asked_at": None}
        update_ticket(conn, ticket_id, {**tally, **done_again})
    else:
        update_ticket(conn, ticket_id, tally)
    return RateOutcome(select_ticket(conn, ticket_id), effect)


def round_verdicts(conn: Conn, ticket_id: int) -> Verdicts:
    """The verdicts given since the last /done, and the households that may give one."""
    rows = conn.execute(
        "SELECT user_id, rating FROM ratings WHERE ticket_id = ?", (ticket_id,)
    ).fetchall()
    households = frozenset(household_ids(conn, ticket_id))
    return Verdicts({row["user_id"]: Rating(row["rating"]) for row in rows}, households)


def set_reason(conn: Conn, ticket_id: int, user: Person, reason: str, at: datetime) -> None:
    conn.execute(
        # a second reason adds to the first ("还有 晚上也关不严"): the worker reads both
        "UPDATE ratings SET reason = CASE WHEN reason IS NULL OR reason = '' THEN ? "
        "ELSE substr(reason || '\n' || ?, 1, 1000) END WHERE ticket_id = ? AND user_id = ?",
        (reason, reason, ticket_id, user.id),
    )
    insert_event(conn, ticket_id, user, "reason", at, reason)


def ask_again(
    conn: Conn,
    ticket_id: int,
    at: datetime,
    notices: Sequence[tuple[int, str]],
    markup: Mapping[str, Any],
    not_before: datetime,
) -> bool:
    row = conn.execute(
        "SELECT status, rating_asked_at FROM tickets WHERE id = ?", (ticket_id,)
    ).fetchone()
    if row is None or row["status"] != Status.DONE.value or row["rating_asked_at"] is not None:
        return False
    update_ticket(conn, ticket_id, {"rating_asked_at": at})
    for chat_id, body in notices:
        enqueue_notice(
            conn,
            chat_id=chat_id,
            kind=RATING_KIND,
            body=body,
            at=at,
            not_before=not_before,
            ticket_id=ticket_id,
            markup=markup,
        )
    return True


def close_unrated(conn: Conn, ticket_id: int, at: datetime) -> Ticket | None:
    ticket = select_ticket(conn, ticket_id)
    if ticket.status is not Status.DONE:
        return None
    update_ticket(
        conn, ticket_id, {"status": Status.CLOSED.value, "closed_at": at, "updated_at": at}
    )
    detail = Detail.RATING_ENDED if ticket.households_rated else Detail.UNRATED
    insert_event(conn, ticket_id, None, "close", at, detail)
    return select_ticket(conn, ticket_id)
