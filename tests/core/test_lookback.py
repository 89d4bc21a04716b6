"""A ticket as it stood at a moment: what a digest printed later must tell."""

from __future__ import annotations

from datetime import timedelta

from bot.core.lookback import as_of, slowest_categories
from bot.core.tickets import Rating, Status
from tests.factories import T0, ticket

HOUR = timedelta(hours=1)


def test_work_done_after_the_moment_is_not_counted_yet():
    later = ticket(
        status=Status.DONE,
        assignee_id=7,
        assignee_name="小王",
        assigned_at=T0 + 2 * HOUR,
        done_at=T0 + 3 * HOUR,
        rating=Rating.SATISFIED,
    )
    then = as_of(later, T0 + HOUR)  # before anyone took it
    assert then.status is Status.OPEN and then.assignee_id is None and then.assigned_at is None
    assert then.done_at is None and then.rating is None
    taken = as_of(later, T0 + 2.5 * HOUR)  # taken, not done yet
    assert taken.status is Status.ASSIGNED and taken.assignee_name == "小王"
    assert taken.done_at is None
    assert as_of(later, T0 + 4 * HOUR) == later


def test_done_without_being_taken_was_waiting_for_a_worker_before():
    done = ticket(status=Status.DONE, done_at=T0 + 3 * HOUR)
    assert as_of(done, T0 + HOUR).status is Status.OPEN


def test_only_solved_tickets_tell_how_long_a_category_takes():
    """A ticket reopened as not fixed keeps the time of the /done its reporter rejected: it is
    not done, and no time to get things done."""
    closed = ticket(1, status=Status.CLOSED, done_at=T0 + 5 * HOUR)
    rejected = ticket(2, category="sanitation", status=Status.ASSIGNED, done_at=T0 + 2 * HOUR)
    assert slowest_categories([closed, rejected]) == [("lift", 5 * HOUR)]
