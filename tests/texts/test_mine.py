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
