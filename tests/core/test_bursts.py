"""One problem in many groups at once (bot.core.bursts)."""

from __future__ import annotations

from datetime import timedelta

from bot.core.bursts import burst, may_burst
from bot.core.tickets import Status
from tests.factories import T0, ticket


def outage(number: int, chat_id: int, minutes: int = 0, **values):
    return ticket(
        number,
        chat_id=chat_id,
        category="power",
        created_at=T0 + timedelta(minutes=minutes),
        **values,
    )


def test_three_groups_with_the_same_problem_are_one_event_oldest_first():
    found = burst([outage(3, -3, 20), outage(1, -1), outage(2, -2, 10)], "power")
    assert found is not None and [t.id for t in found] == [1, 2, 3]


def test_two_groups_are_not_yet_an_event_nor_one_group_many_times():
    assert burst([outage(1, -1), outage(2, -2)], "power") is None
    assert burst([outage(1, -1), outage(2, -1), outage(3, -1)], "power") is None


def test_other_categories_merged_closed_and_other_tickets_do_not_count():
    recent = [
        outage(1, -1),
        outage(2, -2, merged_into=1),
        outage(3, -3, status=Status.DONE),
        ticket(4, chat_id=-4, category="lift"),
    ]
    assert burst(recent, "power") is None
    others = [ticket(n, chat_id=-n, category="other") for n in (1, 2, 3)]
    assert burst(others, "other") is None


def test_only_a_shared_supply_makes_an_event():
    """Noise, lifts or rubbish in three groups within the hour are three neighbourhoods'."""
    noise = [ticket(n, chat_id=-n, category="noise") for n in (1, 2, 3)]
    assert burst(noise, "noise") is None
    water = [ticket(n, chat_id=-n, category="water") for n in (1, 2, 3)]
    assert burst(water, "water") is not None


def test_a_second_ticket_of_a_group_already_counted_changes_nothing():
    recent = [outage(1, -1), outage(2, -2), outage(3, -1, 5)]
    assert may_burst(recent[1], recent) and not may_burst(recent[2], recent)
    assert not may_burst(ticket(4, chat_id=-4, category="noise"), recent)
