"""A ticket as it stood at a moment: what a digest printed later must tell."""

from __future__ import annotations

from datetime import timedelta

from bot.core.lookback import as_of, first_reported, held_in, hotspots, slowest_categories
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


def test_a_building_numbered_past_ten_in_chinese_is_one_place_where_problems_come_back():
    """十二栋 is 12栋 (and 二十一号楼 21栋): read digit by digit, 十二栋 became 十2栋, so a
    lift reported broken three times in building 12, once in words, was no 反复出现的问题 in
    the look back, the desk or the monthly report."""
    places = ("12栋2单元", "十二栋2单元", "12号楼二单元")
    lifts = [ticket(n, location=place) for n, place in enumerate(places, 1)]
    assert hotspots(lifts) == [(-1, "12栋2单元", "lift", 3)]
    far = [ticket(n, location=p) for n, p in enumerate(("21栋", "二十一栋", "二十一号楼"), 1)]
    assert [count for *_, count in hotspots(far)] == [3]
    assert hotspots([ticket(n, location=p) for n, p in enumerate(("1栋", "10栋", "十栋"), 1)]) == []


def test_a_problem_merged_on_and_on_counts_once_in_the_month_it_was_first_reported():
    """#1 (September) merged into #2 (October), #2 merged into #3 (November, kept): the lift
    counts in September as #3, in neither October nor November; #4 of November, nothing
    merged into it, counts in November."""
    day = timedelta(days=1)
    sep, oct_, nov, dec = T0 - 60 * day, T0 - 30 * day, T0, T0 + 30 * day
    one = ticket(1, created_at=sep + day, status=Status.CANCELLED, merged_into=2)
    two = ticket(2, created_at=oct_ + day, status=Status.CANCELLED, merged_into=3)
    three = ticket(3, created_at=nov + day, households=3)
    four = ticket(4, created_at=nov + 2 * day)
    merged = {one.id: one, two.id: two}
    assert [held_in(n, merged) for n in (1, 2, 3, 4)] == [3, 3, 3, 4]
    assert first_reported([one], [three], merged, sep, oct_) == [three]
    assert first_reported([two], [three], merged, oct_, nov) == []
    assert first_reported([three, four], [], merged, nov, dec) == [four]
    looped = {1: ticket(1, status=Status.CANCELLED, merged_into=1)}  # a hand-edited database
    assert held_in(1, looped) == 1
