"""Neighbours' "+1" under a 研判 item, on both engines: kept while it waits, or while (and just
after) a worker files it, never under a dismissed one."""

from __future__ import annotations

from datetime import timedelta

from bot.core.triage import Decision
from storage.sql import Door
from storage.tickets import TicketStore
from storage.triage import TriageStore
from storage.triage_seconds import TriageSecondsStore
from tests.factories import LI, T0, WORKER, ZHANG, new_report

GROUP = -1


async def _item(triage: TriageStore, message_id: int):
    item = await triage.add(
        GROUP, message_id, ZHANG, "我家菜地里头全是水", T0, category="water", location=None,
        score=0.5,
    )  # fmt: skip
    assert item is not None
    return item


async def test_a_plus_one_racing_the_filing_is_kept_and_left_to_join(db: Door):
    """A worker's 登记 noted the item's ticket between the "+1" finding the item and keeping
    it: the "+1" was dropped (nothing answered, her household never counted)."""
    triage, seconds, tickets = TriageStore(db), TriageSecondsStore(db), TicketStore(db)
    item = await _item(triage, 10)
    at = T0 + timedelta(minutes=1)
    await triage.decide(item.id, Decision.FILE, None, WORKER, at)
    filing = await tickets.file_report(new_report(10, text=item.text, category="water"))
    await triage.attach_ticket(item.id, filing.ticket.id)
    assert await seconds.add(item.id, GROUP, 11, LI, "+1", at) == (1, False)
    [second] = await seconds.unjoined(item.id)  # the sweep's join_seconds takes it
    assert (second.message_id, second.ticket_id) == (11, filing.ticket.id)


async def test_a_plus_one_under_a_dismissed_item_is_not_kept(db: Door):
    triage, seconds = TriageStore(db), TriageSecondsStore(db)
    item = await _item(triage, 20)
    assert await seconds.add(item.id, GROUP, 21, LI, "+1", T0) == (1, True)
    await triage.decide(item.id, Decision.DISMISS, None, WORKER, T0)
    assert await seconds.add(item.id, GROUP, 22, WORKER, "+1", T0) is None
