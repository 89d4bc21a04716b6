"""Who may do what: the rules the handlers, the use cases and storage all ask."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.core.loop import LoopPolicy
from bot.core.permissions import (
    Reason,
    Refused,
    Roles,
    Shown,
    check_assign,
    check_cancel,
    check_merge,
    check_rate,
    check_reopen,
    check_restore,
    check_shown,
    check_take,
    require_worker,
)
from bot.core.tickets import Action, Status, TransitionError
from tests.factories import T0, ticket

ROLES = Roles(workers=frozenset({1}), admins=frozenset({2}))
POLICY = LoopPolicy(reopen_days=7)


def test_admins_can_do_what_workers_can_and_nobody_else():
    assert ROLES.is_worker(1) and ROLES.is_worker(2)
    assert not ROLES.is_worker(3) and not ROLES.is_worker(None)
    require_worker(ROLES, 2)
    with pytest.raises(Refused) as refused:
        require_worker(ROLES, 3)
    assert refused.value.reason is Reason.WORKERS_ONLY
    with pytest.raises(Refused) as refused:
        require_worker(ROLES, 3, "李叔")  # handing a ticket to a resident
    assert refused.value.reason is Reason.ASSIGNEE_NOT_WORKER and refused.value.detail == "李叔"


def test_reporters_and_workers_reopen_within_the_window():
    done = ticket(status=Status.DONE, done_at=T0)
    check_reopen(done, 7, {7}, actor_is_worker=False, policy=POLICY, now=T0 + timedelta(days=7))
    check_reopen(done, 1, {7}, actor_is_worker=True, policy=POLICY, now=T0)
    with pytest.raises(Refused) as refused:
        check_reopen(done, 8, {7}, actor_is_worker=False, policy=POLICY, now=T0)
    assert refused.value.reason is Reason.REPORTERS_REOPEN
    with pytest.raises(Refused) as refused:
        check_reopen(done, 7, {7}, actor_is_worker=False, policy=POLICY, now=T0 + timedelta(days=8))
    assert refused.value.reason is Reason.REOPEN_TOO_LATE and refused.value.detail == "7"
    with pytest.raises(TransitionError) as wrong:
        check_reopen(ticket(), 7, {7}, actor_is_worker=False, policy=POLICY, now=T0)
    assert wrong.value.action is Action.REOPEN and wrong.value.ticket == ticket()


def test_only_the_only_reporter_withdraws_and_a_worker_says_not_a_complaint():
    assert check_cancel(1, {7, 8}, actor_is_worker=True) is True
    assert check_cancel(7, {7}, actor_is_worker=False) is False
    with pytest.raises(Refused) as refused:
        check_cancel(9, {7}, actor_is_worker=False)
    assert refused.value.reason is Reason.REPORTER_OR_WORKER_CANCEL
    with pytest.raises(Refused) as refused:
        check_cancel(7, {7, 8}, actor_is_worker=False)
    assert refused.value.reason is Reason.OTHERS_REPORTED


@pytest.mark.parametrize(
    ("status", "is_reporter", "round_unhappy", "expected"),
    [
        (Status.DONE, True, False, None),
        (Status.ASSIGNED, True, True, None),  # redone after a 不满意: others heard, minds change
        (Status.DONE, False, False, Reason.NOT_REPORTER),
        (Status.CLOSED, True, False, Reason.RATING_CLOSED),
        (Status.CANCELLED, True, False, Reason.RATING_CLOSED),
        (Status.ASSIGNED, True, False, Reason.RATING_NOT_DONE),  # never done (a hand-made button)
    ],
)
def test_verdicts(status, is_reporter, round_unhappy, expected):
    rated = ticket(status=status)
    if isinstance(expected, Reason):
        with pytest.raises(Refused) as refused:
            check_rate(rated, is_reporter=is_reporter, round_unhappy=round_unhappy)
        assert refused.value.reason is expected
    else:
        assert check_rate(rated, is_reporter=is_reporter, round_unhappy=round_unhappy) is None


def test_merging_needs_two_tickets_an_active_source_and_an_unfinished_target():
    check_merge(ticket(1), ticket(2, status=Status.ASSIGNED))
    with pytest.raises(Refused) as refused:
        check_merge(ticket(1), ticket(1))
    assert refused.value.reason is Reason.MERGE_SAME
    with pytest.raises(Refused) as refused:
        check_merge(ticket(1), ticket(2, status=Status.DONE))
    assert refused.value.reason is Reason.MERGE_FROM_FINISHED
    with pytest.raises(Refused) as refused:
        check_merge(ticket(1, status=Status.CLOSED), ticket(2))
    assert refused.value.reason is Reason.MERGE_INTO_FINISHED


def test_taking_a_ticket_already_in_ones_own_hands_is_refused_handing_it_on_is_not():
    mine = ticket(status=Status.ASSIGNED, assignee_id=1)
    with pytest.raises(Refused) as refused:
        check_assign(mine, assignee_id=1, actor_id=1)  # a second tap of 接单
    assert refused.value.reason is Reason.ALREADY_ASSIGNED
    check_assign(mine, assignee_id=5, actor_id=1)  # to a colleague
    check_assign(mine, assignee_id=1, actor_id=2)  # an admin says so again
    check_assign(ticket(status=Status.OPEN), assignee_id=1, actor_id=1)


def test_only_workers_are_alerted_and_admins_when_there_are_none():
    assert ROLES.alerted() == frozenset({1})
    assert Roles(admins=frozenset({2})).alerted() == frozenset({2})


def test_the_take_button_takes_a_free_ticket_never_a_colleagues():
    check_take(ticket(status=Status.OPEN), actor_id=1)
    check_take(ticket(status=Status.ASSIGNED, assignee_id=1), actor_id=1)  # a replayed press
    with pytest.raises(Refused) as refused:
        check_take(ticket(status=Status.ASSIGNED, assignee_id=2, assignee_name="小王"), actor_id=1)
    assert refused.value.reason is Reason.TAKEN_BY_OTHER and refused.value.detail == "小王"


def test_the_desk_hands_on_a_ticket_as_its_page_showed_it_never_one_taken_since():
    wangs = ticket(status=Status.ASSIGNED, assignee_id=2, assignee_name="小王")
    check_shown(ticket(status=Status.OPEN), Shown(None), actor_id=1)
    check_shown(wangs, Shown(2), actor_id=1)  # the page said 小王: handing it on is meant
    check_shown(ticket(status=Status.OPEN), Shown(2), actor_id=1)  # back to 待接单 since
    check_shown(ticket(status=Status.ASSIGNED, assignee_id=1), Shown(None), actor_id=1)  # his
    for stale in (Shown(None), Shown(3)):  # 小王 took it since the page was shown
        with pytest.raises(Refused) as refused:
            check_shown(wangs, stale, actor_id=1)
        assert refused.value.reason is Reason.ASSIGNED_MEANWHILE and refused.value.detail == "小王"


def test_a_withdrawal_is_undone_by_a_worker_or_by_the_reporter_who_made_it():
    cancelled = ticket(status=Status.CANCELLED, updated_at=T0)
    late = T0 + timedelta(days=8)
    check_restore(cancelled, 1, 1, T0, actor_is_worker=True, policy=POLICY, now=T0)
    check_restore(cancelled, 1, 7, T0, actor_is_worker=True, policy=POLICY, now=T0)
    check_restore(cancelled, 7, 7, T0, actor_is_worker=False, policy=POLICY, now=T0)
    with pytest.raises(Refused) as refused:  # a worker judged it no complaint
        check_restore(cancelled, 7, 1, T0, actor_is_worker=False, policy=POLICY, now=T0)
    assert refused.value.reason is Reason.RESTORE_WORKERS_ONLY
    with pytest.raises(Refused) as refused:  # a neighbour, of what its reporter withdrew
        check_restore(
            cancelled, 8, 7, T0, actor_is_worker=False, policy=POLICY, now=T0, reporter_ids=[7]
        )
    assert refused.value.reason is Reason.RESTORE_NOT_YOURS
    with pytest.raises(Refused) as refused:
        check_restore(cancelled, 1, 1, T0, actor_is_worker=True, policy=POLICY, now=late)
    assert refused.value.reason is Reason.RESTORE_TOO_LATE and refused.value.detail == "7"
    merged = ticket(status=Status.CANCELLED, merged_into=3)
    with pytest.raises(TransitionError):  # it lives on in #3
        check_restore(merged, 1, 1, T0, actor_is_worker=True, policy=POLICY, now=T0)
    with pytest.raises(TransitionError):
        check_restore(ticket(), 1, 1, T0, actor_is_worker=True, policy=POLICY, now=T0)


def test_a_ticket_redone_since_its_done_is_not_rated_now_one_never_done_is_not_done_yet():
    redone = ticket(status=Status.ASSIGNED, done_at=T0)
    with pytest.raises(Refused) as refused:
        check_rate(redone, is_reporter=True, round_unhappy=False)
    assert refused.value.reason is Reason.RATING_NOT_NOW


def test_a_merged_ticket_is_reopened_through_the_one_it_was_merged_into():
    merged = ticket(2, status=Status.CANCELLED, merged_into=1)
    for actor, is_worker in ((7, False), (1, True)):  # its reporter is no longer listed on it
        with pytest.raises(TransitionError) as wrong:
            check_reopen(merged, actor, set(), actor_is_worker=is_worker, policy=POLICY, now=T0)
        assert wrong.value.ticket == merged
