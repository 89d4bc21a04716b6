"""回头看: what keeps coming back and what is slow, across many tickets. Pure."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from bot.core.loop import place_key
from bot.core.tickets import Status, Ticket, complaints

__all__ = ["as_of", "first_reported", "held_in", "hotspots", "slowest_categories", "weight_order"]


def weight_order(ticket: Ticket) -> tuple[int, int, datetime]:
    """Urgent first, then the ones more households reported, then the oldest."""
    return (0 if ticket.urgent else 1, -ticket.households, ticket.created_at)


def hotspots(tickets: Sequence[Ticket], minimum: int = 3) -> list[tuple[int, str, str, int]]:
    """(chat, place as first written, category, count) for places with `minimum`+ tickets."""
    groups: dict[tuple[int, str, str], list[Ticket]] = defaultdict(list)
    for ticket in complaints(tickets):
        if ticket.location:
            groups[(ticket.chat_id, place_key(ticket.location), ticket.category)].append(ticket)
    found = [
        (chat, items[0].location or "", category, len(items))
        for (chat, _, category), items in groups.items()
        if len(items) >= minimum
    ]
    return sorted(found, key=lambda h: -h[3])


def slowest_categories(tickets: Sequence[Ticket], top: int = 3) -> list[tuple[str, timedelta]]:
    """Categories by their mean time from report to done, slowest first: of solved tickets
    only (one reopened as not fixed is not done, whatever its rejected /done said)."""
    spans: dict[str, list[timedelta]] = defaultdict(list)
    for ticket in tickets:
        if ticket.status.is_solved and ticket.done_at is not None:
            spans[ticket.category].append(ticket.done_at - ticket.created_at)
    means = [(c, sum(v, timedelta()) / len(v)) for c, v in spans.items()]
    return sorted(means, key=lambda m: -m[1])[:top]


def as_of(ticket: Ticket, moment: datetime) -> Ticket:
    """The ticket as it stood at `moment`: later work on it (done, verdicts, taken) is not
    counted yet, so that a digest printed later tells what the group was told then."""
    taken_later = ticket.assigned_at is not None and ticket.assigned_at > moment
    if ticket.done_at is not None and ticket.done_at > moment:
        taken = ticket.assigned_at is not None and not taken_later
        ticket = replace(
            ticket,
            status=Status.ASSIGNED if taken else Status.OPEN,
            done_at=None,
            rating=None,
            households_rated=0,
            households_pleased=0,
        )
    if taken_later:
        status = Status.OPEN if ticket.status is Status.ASSIGNED else ticket.status
        ticket = replace(
            ticket, status=status, assigned_at=None, assignee_id=None, assignee_name=None
        )
    return ticket


def held_in(ticket_id: int, merged: Mapping[int, Ticket]) -> int:
    """The ticket that holds `ticket_id` now: itself, or the one it was merged into (and the
    one that was merged into, …); `merged` holds every ticket merged into another, by id."""
    seen = {ticket_id}
    while (ticket := merged.get(ticket_id)) is not None and ticket.merged_into is not None:
        ticket_id = ticket.merged_into
        if ticket_id in seen:  # no merge makes a loop; a hand-edited database might
            break
        seen.add(ticket_id)
    return ticket_id


def first_reported(
    tickets: Sequence[Ticket],
    holders: Sequence[Ticket],
    merged: Mapping[int, Ticket],
    start: datetime,
    end: datetime,
) -> list[Ticket]:
    """The complaints first reported in [start, end), each once, as the ticket that holds it
    now. `tickets` were reported in the period; `holders` are the tickets of other periods
    that hold those merged away (`held_in`); `merged` every ticket merged into another. A
    problem reported again in a later month, and kept in the later ticket, counts in the
    month it was first reported (the month's report keeps it once it has counted it), not
    again in the month it was kept in."""
    first: dict[int, datetime] = {}
    for ticket in merged.values():
        kept = held_in(ticket.id, merged)
        first[kept] = min(first.get(kept, ticket.created_at), ticket.created_at)
    unique = {t.id: t for t in (*tickets, *holders)}
    return [
        t
        for t in complaints(sorted(unique.values(), key=lambda t: t.id))
        if start <= min(t.created_at, first.get(t.id, t.created_at)) < end
    ]
