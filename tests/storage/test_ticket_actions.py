"""Ticket changes on both engines: merging, verdicts, reopen, cancel, escalation."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

import pytest

from bot.core.permissions import Reason, Refused
from bot.core.tickets import Person, Rating, Status, TransitionError
from storage.db import to_db_time
from storage.outbox import Fates, OutboxStore, Prompt
from storage.sql import Door
from storage.ticket_actions import TicketActions
from storage.tickets import TicketStore
from tests.factories import LI, T0, WORKER, ZHANG, new_report

report = partial(new_report, text="3栋电梯坏了")


@pytest.fixture
async def stores(db: Door):
    return TicketStore(db), TicketActions(db), OutboxStore(db)


async def done_ticket(stores, *authors: Person):
    tickets, actions, _ = stores
    first = await tickets.file_report(report(1, author=authors[0] if authors else ZHANG))
    for number, author in enumerate(authors[1:], start=2):
        await tickets.file_report(report(number, author=author))
    await actions.assign(first.ticket.id, -1, WORKER, WORKER, T0)
    await actions.mark_done(first.ticket.id, -1, "修好了", WORKER, T0 + timedelta(hours=2))
    return first.ticket.id


async def test_same_problem_joins_the_open_ticket_and_counts_households(stores):
    tickets, _, _ = stores
    first = await tickets.file_report(report(1))
    second = await tickets.file_report(
        report(2, author=LI, text="三栋的电梯又停了", location="三栋")
    )
    again = await tickets.file_report(report(3, author=LI, text="电梯还没修好", location=None))
    other = await tickets.file_report(report(4, author=LI, text="5栋电梯坏了", location="5栋"))
    assert second.outcome == "merged" and second.ticket.id == first.ticket.id
    assert again.outcome == "merged"
    assert second.ticket.households == 2 and again.ticket.households == 2
    assert other.outcome == "created"
    assert (second.repeat, again.repeat) == (None, "again")  # 李叔 asks after his own report
    pending = await tickets.pending_acks(-1)  # … and is told where it stands, not 已合并
    assert [p.is_first_report for p in pending] == [True, False, True]


async def test_an_urgent_report_makes_the_ticket_urgent(stores):
    tickets, _, _ = stores
    first = await tickets.file_report(report(1))
    joined = await tickets.file_report(report(2, author=LI, text="3栋电梯困人了", urgent=True))
    assert joined.ticket.urgent and joined.ticket.due_at == T0 + timedelta(hours=2)
    assert first.ticket.due_at == T0 + timedelta(hours=24)


async def test_satisfied_closes_and_later_answers_are_refused(stores):
    _, actions, _ = stores
    ticket_id = await done_ticket(stores)
    with pytest.raises(Refused) as refused:
        await actions.rate(ticket_id, LI, Rating.SATISFIED, T0)
    assert refused.value.reason is Reason.NOT_REPORTER
    result = await actions.rate(
        ticket_id, ZHANG, Rating.BASICALLY_SATISFIED, T0 + timedelta(hours=3)
    )
    assert result.outcome == "closed"
    assert result.ticket.status is Status.CLOSED and result.ticket.rating == "basically_satisfied"
    with pytest.raises(Refused) as refused:
        await actions.rate(ticket_id, ZHANG, Rating.DISSATISFIED, T0)
    assert refused.value.reason is Reason.RATING_CLOSED


async def test_dissatisfied_reopens_to_the_worker_and_the_reporter_may_change_it(stores):
    tickets, actions, _ = stores
    ticket_id = await done_ticket(stores)
    at = T0 + timedelta(hours=3)
    result = await actions.rate(ticket_id, ZHANG, Rating.DISSATISFIED, at)
    ticket = result.ticket
    assert result.outcome == "reopened"
    assert ticket.status is Status.ASSIGNED and ticket.assignee_id == WORKER.id
    assert ticket.reopened == 1 and ticket.rating == "dissatisfied"
    assert ticket.due_at == at + timedelta(hours=24) and ticket.escalation_level == 0
    await actions.set_reason(ticket_id, ZHANG, "门还是关不上", at)
    changed = await actions.rate(ticket_id, ZHANG, Rating.SATISFIED, at + timedelta(minutes=5))
    assert changed.outcome == "closed" and changed.ticket.status is Status.CLOSED
    history = [e.action for e in await tickets.history(ticket_id)]
    assert history[-4:] == ["rate", "reopen", "reason", "rate"]


async def test_a_new_done_round_starts_with_no_verdicts(stores):
    _, actions, _ = stores
    ticket_id = await done_ticket(stores)
    await actions.rate(ticket_id, ZHANG, Rating.DISSATISFIED, T0)
    await actions.mark_done(ticket_id, -1, "换了闭门器", WORKER, T0 + timedelta(hours=5))
    with pytest.raises(Refused):
        await actions.rate(ticket_id, LI, Rating.SATISFIED, T0)
    again = await actions.rate(ticket_id, ZHANG, Rating.DISSATISFIED, T0 + timedelta(hours=6))
    assert again.outcome == "reopened" and again.ticket.reopened == 2


async def test_every_household_is_heard_and_the_last_pleased_one_closes_it(stores):
    tickets, actions, _ = stores
    ticket_id = await done_ticket(stores, ZHANG, LI)
    first = await actions.rate(ticket_id, ZHANG, Rating.SATISFIED, T0)
    assert first.outcome == "recorded" and first.ticket.status is Status.DONE
    assert (first.ticket.households_rated, first.ticket.households_pleased) == (1, 1)
    verdicts = await tickets.verdicts(ticket_id)
    assert [(p.id, r) for p, r in verdicts] == [(ZHANG.id, Rating.SATISFIED), (LI.id, None)]
    last = await actions.rate(ticket_id, LI, Rating.BASICALLY_SATISFIED, T0)
    assert last.outcome == "closed" and last.ticket.status is Status.CLOSED
    assert last.ticket.rating == "basically_satisfied"  # the least pleased of the two
    assert (last.ticket.households_rated, last.ticket.households_pleased) == (2, 2)


async def test_a_second_households_dissatisfied_reopens_after_a_first_satisfied(stores):
    _, actions, _ = stores
    ticket_id = await done_ticket(stores, ZHANG, LI)
    await actions.rate(ticket_id, ZHANG, Rating.SATISFIED, T0)
    reopened = await actions.rate(ticket_id, LI, Rating.DISSATISFIED, T0)
    assert reopened.outcome == "reopened" and reopened.ticket.status is Status.ASSIGNED
    assert (reopened.ticket.households_rated, reopened.ticket.households_pleased) == (2, 1)


async def test_while_reopened_others_are_heard_and_a_mind_may_change(stores):
    _, actions, _ = stores
    ticket_id = await done_ticket(stores, ZHANG, LI)
    await actions.rate(ticket_id, ZHANG, Rating.DISSATISFIED, T0)
    pleased = await actions.rate(ticket_id, LI, Rating.SATISFIED, T0)
    assert pleased.outcome == "recorded" and pleased.ticket.status is Status.ASSIGNED
    changed = await actions.rate(ticket_id, ZHANG, Rating.SATISFIED, T0)
    assert changed.outcome == "closed" and changed.ticket.status is Status.CLOSED


async def test_closing_at_the_end_of_the_window_keeps_the_verdicts_given(stores):
    tickets, actions, _ = stores
    ticket_id = await done_ticket(stores, ZHANG, LI)
    await actions.rate(ticket_id, ZHANG, Rating.SATISFIED, T0)
    closed = await actions.close_unrated(ticket_id, T0 + timedelta(days=3))
    assert closed is not None and closed.status is Status.CLOSED and closed.rating == "satisfied"
    history = await tickets.history(ticket_id)
    assert history[-1].action == "close" and history[-1].detail == "rating_ended"


async def test_every_reopen_gives_the_categorys_time_limit_from_the_reopen(stores):
    """The lift (24 h) done, reopened on day 5, done, reopened on day 8: due a day after each
    reopen — not after the span from its filing to the last deadline (6 days the second time,
    growing with every reopen); an urgent one gets the urgent 2 h each time."""
    _, actions, _ = stores
    ticket_id = await done_ticket(stores)
    first = T0 + timedelta(days=5)
    reopened = await actions.reopen(ticket_id, -1, ZHANG, "又坏了", first)
    assert reopened.due_at == first + timedelta(hours=24)
    await actions.mark_done(ticket_id, -1, "换了门机板", WORKER, first + timedelta(hours=3))
    second = T0 + timedelta(days=8)
    again = await actions.reopen(ticket_id, -1, ZHANG, "还是坏", second)
    assert again.due_at == second + timedelta(hours=24) and again.reopened == 2
    await actions.mark_done(ticket_id, -1, "又修了", WORKER, second + timedelta(hours=3))
    unhappy = await actions.rate(ticket_id, ZHANG, Rating.DISSATISFIED, second + timedelta(days=1))
    assert unhappy.ticket.due_at == second + timedelta(days=2)  # a 不满意 reopens as /reopen does


async def test_a_reopened_urgent_ticket_gets_the_urgent_limit(stores):
    tickets, actions, _ = stores
    filed = await tickets.file_report(report(1, text="3栋电梯困人了", urgent=True))
    await actions.mark_done(filed.ticket.id, -1, "已解救", WORKER, T0 + timedelta(hours=1))
    at = T0 + timedelta(days=2)
    reopened = await actions.reopen(filed.ticket.id, -1, ZHANG, "又困人了", at)
    assert reopened.urgent and reopened.due_at == at + timedelta(hours=2)


async def test_a_reopened_ticket_is_reminded_of_when_overdue_again(stores):
    """A reminder before the reopen does not hold back the next one: the reopened ticket is a
    new deadline, overdue reminds at once (here 3 h after the last reminder, 12 h apart)."""
    tickets, actions, _ = stores
    filed = await tickets.file_report(report(1, text="3栋电梯困人了", urgent=True))
    await actions.assign(filed.ticket.id, -1, WORKER, WORKER, T0)
    reminded = T0 + timedelta(hours=3)
    assert await actions.remind([filed.ticket.id], reminded, reminded, -1, lambda ids: "催办")
    await actions.mark_done(filed.ticket.id, -1, "已解救", WORKER, reminded)
    reopened_at = reminded + timedelta(minutes=10)
    await actions.reopen(filed.ticket.id, -1, ZHANG, "又困人了", reopened_at)
    late = reopened_at + timedelta(hours=2, minutes=50)
    overdue = await tickets.overdue(late, not_reminded_since=late - timedelta(hours=12))
    assert [t.id for t in overdue] == [filed.ticket.id]


async def test_reopen_cancel_category_note(stores):
    tickets, actions, _ = stores
    ticket_id = await done_ticket(stores)
    reopened = await actions.reopen(ticket_id, -1, ZHANG, "又坏了", T0 + timedelta(days=1))
    assert reopened.status is Status.ASSIGNED
    noted = await actions.add_note(ticket_id, -1, WORKER, "配件明天到", T0)
    assert noted.status is Status.ASSIGNED
    later = T0 + timedelta(days=1, hours=2)
    changed = await actions.recategorise(ticket_id, -1, "facilities", WORKER, later)
    assert changed.category == "facilities" and changed.team == "物业工程部"
    assert changed.due_at == T0 + timedelta(days=1, hours=72)  # from the reopen, not the filing
    cancelled = await actions.cancel(ticket_id, -1, WORKER, "不是诉求", T0, actor_is_worker=True)
    assert cancelled.status is Status.CANCELLED
    with pytest.raises(TransitionError):
        await actions.cancel(ticket_id, -1, WORKER, None, T0, actor_is_worker=True)
    lessons = await tickets.db.fetchall(
        "SELECT is_complaint, category, source FROM lessons ORDER BY id"
    )
    assert [tuple(r) for r in lessons] == [
        (1, "lift", "done"),  # /done: handled as a lift complaint
        (1, "facilities", "category"),
        (0, None, "cancel"),
    ]


async def test_merge_moves_reports_and_cancels_the_second(stores):
    tickets, actions, _ = stores
    a = (await tickets.file_report(report(1))).ticket
    b = (await tickets.file_report(report(1, author=LI, chat_id=-2, urgent=True))).ticket
    with pytest.raises(Refused):
        await actions.merge(a.id, a.id, None, WORKER, T0)
    into, merged = await actions.merge(a.id, b.id, None, WORKER, T0)
    assert into.households == 2 and into.urgent
    assert merged.status is Status.CANCELLED and merged.merged_into == a.id
    assert len(await tickets.reports(a.id)) == 2 and await tickets.reports(b.id) == []


async def test_a_ticket_folded_into_a_newer_one_brings_its_deadline_and_its_escalation(stores):
    """#1, three days old and raised to 街道承办, is the same lift as #2 of this morning: the
    ticket holding both is due when #1 was and stays at level 2 (not raised to 现场立办 and
    to the 街道 a second time)."""
    tickets, actions, _ = stores
    old = (await tickets.file_report(report(1))).ticket
    late = T0 + timedelta(days=3)
    await actions.escalate(old.id, 1, T0 + timedelta(days=1, hours=1), [])
    await actions.escalate(old.id, 2, T0 + timedelta(days=2, hours=1), [])
    lift = report(2, author=LI, at=late, text="5栋电梯又停了", location="5栋")
    new = (await tickets.file_report(lift)).ticket
    assert new.id != old.id
    into, _ = await actions.merge(new.id, old.id, -1, WORKER, late)
    assert into.due_at == old.due_at and into.escalation_level == 2


async def test_escalation_happens_once_per_level_with_its_notice(stores):
    tickets, actions, outbox = stores
    ticket = (await tickets.file_report(report(1))).ticket
    at = T0 + timedelta(hours=25)
    assert await actions.escalate(ticket.id, 1, at, [(-1, "督办 1")]) is not None
    assert await actions.escalate(ticket.id, 1, at, [(-1, "督办 1")]) is None
    assert await actions.escalate(ticket.id, 3, at, [(-9, "督办 3")]) is None
    due = await outbox.due(-1, at)
    assert [n.body for n in due] == ["督办 1"]
    await outbox.mark_sent(due[0].id, 77, at)
    assert await outbox.due(-1, at) == []
    assert (await tickets.get(ticket.id)).escalation_level == 1
    # the group heard of it: no reminder there in the same tick, one at the next occasion
    words = lambda ids: "提醒 " + "、".join(f"#{i}" for i in ids)  # noqa: E731
    assert await actions.remind([ticket.id], at, at - timedelta(hours=4), -1, words) == []
    later = at + timedelta(hours=5)
    lamp = report(2, text="5栋楼道灯不亮", category="lighting", location="5栋", author=LI)
    other = (await tickets.file_report(lamp)).ticket
    # several of one group in one reminder: those not reminded since, in the order given
    reminded = await actions.remind(
        [other.id, ticket.id], later, later - timedelta(hours=4), -1, words
    )
    assert reminded == [other.id, ticket.id]
    assert [n.body for n in await outbox.due(-1, later)] == [f"提醒 #{other.id}、#{ticket.id}"]
    assert await actions.remind([ticket.id], later, later - timedelta(hours=4), -1, words) == []


async def test_notices_wait_for_their_time(stores):
    _, _, outbox = stores
    await outbox.add(-1, "digest", "晚报", T0, not_before=T0 + timedelta(hours=8))
    assert await outbox.due(-1, T0) == []
    assert await outbox.chats_due(T0 + timedelta(hours=8)) == [-1]


async def test_unrated_done_ticket_closes(stores):
    _, actions, _ = stores
    ticket_id = await done_ticket(stores)
    closed = await actions.close_unrated(ticket_id, T0 + timedelta(days=3))
    assert closed is not None and closed.status is Status.CLOSED and closed.rating is None
    assert await actions.close_unrated(ticket_id, T0) is None


async def test_lists_for_residents_and_workers(stores):
    tickets, actions, outbox = stores
    a = (await tickets.file_report(report(1))).ticket
    b = (await tickets.file_report(report(2, author=LI, category="water", location="5栋"))).ticket
    await actions.assign(b.id, -1, WORKER, WORKER, T0)
    await actions.assign(a.id, -1, WORKER, WORKER, T0)
    assert [t.id for t in await tickets.of_reporter(LI.id)] == [b.id]
    assert [t.id for t in await tickets.of_assignee(WORKER.id)] == [a.id, b.id]
    await outbox.ask_reason(-1, "为什么不满意？", T0, ticket_id=a.id, user_id=ZHANG.id)
    asked = (await outbox.due(-1, T0))[-1]
    assert await outbox.prompt(-1, 50) is None  # not posted yet: nothing to answer
    await outbox.mark_sent(asked.id, 50, T0)
    assert await outbox.prompt(-1, 50) == Prompt(-1, 50, a.id, "reason", ZHANG.id)


async def test_a_mind_changed_back_gives_the_silent_households_a_fresh_window(stores):
    _, actions, _ = stores
    ticket_id = await done_ticket(stores, ZHANG, LI)
    late = T0 + timedelta(days=2, hours=23)
    await actions.rate(ticket_id, ZHANG, Rating.DISSATISFIED, late)
    changed = await actions.rate(ticket_id, ZHANG, Rating.SATISFIED, late + timedelta(minutes=5))
    assert changed.outcome == "changed" and changed.ticket.status is Status.DONE
    assert changed.ticket.done_at == late + timedelta(minutes=5)  # 李 still has three days


async def test_a_waiting_notice_is_rewritten_a_posted_one_is_not(stores):
    """A 研判 notice whose item changed before it could be sent says what it is now."""
    _, _, outbox = stores
    buttons = {"inline_keyboard": [[{"text": "登记为诉求", "callback_data": "triage:1:f"}]]}
    for chat_id in (501, 502):
        await outbox.add(
            chat_id, "triage", "旧的", T0, origin=f"triage:1:{chat_id}", markup=buttons
        )
    posted = (await outbox.due(502, T0))[0]
    await outbox.mark_sent(posted.id, 88, T0)
    origins = ["triage:1:501", "triage:1:502"]
    assert await outbox.rewrite_waiting(origins, "已撤下", None) == 1
    waiting = (await outbox.due(501, T0))[0]
    assert (waiting.body, waiting.markup) == ("已撤下", None)
    assert await outbox.posted(origins) == [(502, 88)]  # posted: edited on Telegram instead


async def test_a_ticket_knows_when_it_became_urgent(stores):
    """Filed urgent: from filing; made urgent by a neighbour's report or an edit: from then; two
    folded together: the earlier; never urgent: none (响应率 measures from that moment)."""
    tickets, actions, _ = stores
    urgent = (await tickets.file_report(report(1, urgent=True))).ticket
    assert urgent.urgent_at == T0 and (await tickets.get(urgent.id)).urgent_at == T0
    lift = (await tickets.file_report(report(2, chat_id=-2))).ticket
    assert lift.urgent_at is None
    trapped = T0 + timedelta(hours=4)
    joined = await tickets.file_report(
        report(3, chat_id=-2, author=LI, at=trapped, text="3栋电梯困人了", urgent=True)
    )
    assert joined.ticket.id == lift.id and joined.ticket.urgent_at == trapped
    edited = (await tickets.file_report(report(4, chat_id=-3, text="5栋电梯坏了"))).ticket
    later = T0 + timedelta(hours=6)
    changed = await actions.reread(edited.id, "lift", "5栋", True, later)
    assert changed is not None and changed[1].urgent_at == later
    into, _ = await actions.merge(edited.id, lift.id, None, WORKER, later)
    assert into.urgent_at == trapped  # the earlier of the two


async def test_a_waiting_alert_of_a_danger_in_hand_is_dropped_a_posted_one_is_not(stores):
    """An urgent alert not posted yet when a colleague took the danger is not posted at all
    (nobody is woken at night to read that there is nothing to do); a posted one is edited."""
    _, _, outbox = stores
    for chat_id in (501, 502):
        await outbox.add(chat_id, "urgent", "🚨 紧急诉求", T0, origin=f"urgent:1:0:{chat_id}")
    posted = (await outbox.due(502, T0))[0]
    await outbox.mark_sent(posted.id, 88, T0)
    origins = ["urgent:1:0:501", "urgent:1:0:502"]
    assert await outbox.drop_waiting(origins, "settled before it was posted") == 1
    assert await outbox.due(501, T0) == []
    assert await outbox.posted(origins) == [(502, 88)]
    assert await outbox.first_body(origins) == "🚨 紧急诉求"


async def test_what_became_of_a_notices_copies_is_read_at_one_moment(stores):
    """A danger's alert, one copy per worker: posted, waiting (or being posted) or dropped, all
    read in one query — two reads straddling a copy's posting found it neither waiting nor
    posted, and told the group nobody had been reached."""
    _, _, outbox = stores
    origins = ["urgent:1:9001", "urgent:1:9002", "urgent:1:9003"]
    assert await outbox.fates(origins) == Fates()
    for worker, origin in zip((9001, 9002, 9003), origins, strict=True):
        await outbox.add(worker, "urgent", "🚨", T0, ticket_id=1, origin=origin)
    assert await outbox.fates(origins) == Fates(queued=3, posted=0, waiting=3)
    first, second = (await outbox.due(9001, T0))[0], (await outbox.due(9002, T0))[0]
    await outbox.mark_sent(first.id, 41, T0)
    await outbox.drop(second.id, "the person blocked the bot")
    assert await outbox.fates(origins) == Fates(queued=3, posted=1, waiting=1)
    assert await outbox.fates(origins[1:2]) == Fates(queued=1, posted=0, waiting=0)


async def test_a_restored_ticket_keeps_its_time_limit_or_gets_a_fresh_one(stores):
    """Restored within its 办理时限, it keeps it; restored after, a fresh one from now, and its
    worker will be reminded again when that runs out (not a reopening: nothing to redo)."""
    tickets, actions, _ = stores
    first = await tickets.file_report(report(1))
    ticket_id = first.ticket.id
    due = first.ticket.due_at
    assert due is not None
    await actions.assign(ticket_id, -1, WORKER, WORKER, T0)
    await actions.cancel(ticket_id, -1, WORKER, None, T0, actor_is_worker=True)
    soon = await actions.restore(ticket_id, -1, WORKER, "撤错了", T0, actor_is_worker=True)
    assert (soon.status, soon.due_at, soon.reopened) == (Status.ASSIGNED, due, 0)
    await actions.cancel(ticket_id, -1, WORKER, None, T0, actor_is_worker=True)
    reminded = ("UPDATE tickets SET reminded_at = ? WHERE id = ?", (to_db_time(due), ticket_id))
    await tickets.db.write(lambda conn: conn.execute(*reminded))
    late = due + timedelta(days=1)
    restored = await actions.restore(ticket_id, -1, WORKER, None, late, actor_is_worker=True)
    assert restored.due_at is not None and restored.due_at > late
    row = await tickets.db.fetchone("SELECT reminded_at FROM tickets WHERE id = ?", (ticket_id,))
    assert row["reminded_at"] is None
    with pytest.raises(Refused) as refused:  # a worker withdrew it: not hers to undo
        await actions.cancel(ticket_id, -1, WORKER, None, late, actor_is_worker=True)
        await actions.restore(ticket_id, -1, ZHANG, None, late)
    assert refused.value.reason is Reason.RESTORE_WORKERS_ONLY
