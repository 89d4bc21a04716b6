"""A ticket a worker filed in their own words (0 households) as the escalation and /ticket say it:
网格员登记, never "0 户反映"."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.texts.replies import Texts
from tests.factories import T0, ticket

TEXTS = Texts(ZoneInfo("Asia/Shanghai"))


def test_escalation_of_a_staff_filed_ticket_does_not_say_zero_households():
    staff_filed = ticket(1, households=0, summary="3栋门口垃圾桶满了", category="sanitation")
    body = TEXTS.escalation(staff_filed, 2, "3栋群", T0 + timedelta(days=2))
    assert "0 户反映" not in body, body
