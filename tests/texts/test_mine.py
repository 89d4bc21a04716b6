"""`/mine`: each of a resident's tickets with its status, and the verdict only while it is news."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.core.tickets import Rating, Status
from bot.texts import Texts
from tests import factories

TEXTS = Texts(ZoneInfo("Asia/Shanghai"))


def test_a_verdict_on_work_since_redone_is_not_shown_an_unhappy_one_is():
    closed = factories.ticket(1, status=Status.CLOSED, rating=Rating.SATISFIED.value)
    reopened = factories.ticket(2, status=Status.ASSIGNED, rating=Rating.SATISFIED.value)
    redone = factories.ticket(3, status=Status.ASSIGNED, rating=Rating.DISSATISFIED.value)
    lines = TEXTS.mine([closed, reopened, redone], factories.T0).splitlines()
    said = {n: next(line for line in lines if line.startswith(f"#{n}")) for n in (1, 2, 3)}
    assert "满意" in said[1] and "满意" not in said[2] and "不满意" in said[3]


def test_a_ticket_of_another_year_shows_its_year():
    """In January, /mine, /ticket and /todo named last November's tickets "11-24 09:00", as if
    of this year; a date of another year says so, this year's stay short."""
    new_year = factories.T0.replace(year=factories.T0.year + 1, month=1, day=5)
    old = factories.ticket(1, status=Status.ASSIGNED, assignee_name="网格员小王")
    recent = factories.ticket(2, created_at=new_year)
    mine = TEXTS.mine([recent, old], new_year)
    assert f"{factories.T0.year}-11-" in mine and f"{new_year.year}-01-05" not in mine
    details = TEXTS.ticket_detail(old, [], new_year)
    assert f"受理：{factories.T0.year}-11-" in details
    assert f"办理时限：{factories.T0.year}-11-" in details
    assert f"{factories.T0.year}-11-" in TEXTS.todo([old], 1, 0, new_year)
