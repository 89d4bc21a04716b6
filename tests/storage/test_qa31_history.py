"""A community with years of history (QA round 31): what is read for one month, or one page,
does not grow with everything before it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.core.lessons import Lesson, LessonSource
from bot.core.timeutil import Month
from storage.lessons import LessonStore
from storage.sql import Door
from tests.factories import SHANGHAI

NOVEMBER = Month(2026, 11)


async def test_a_months_lessons_are_read_without_the_years_before(db: Door):
    """`/export 上个月` put the month's lessons on its second sheet by reading every lesson ever
    taught (35,000 a year where every /done is one) and keeping a twelfth of them."""
    lessons = LessonStore(db)
    start, end = NOVEMBER.bounds(SHANGHAI)
    taught = [
        start - timedelta(days=200),
        start - timedelta(seconds=1),  # 23:59:59 on 31 October in Shanghai
        start,
        start + timedelta(days=12),
        end - timedelta(seconds=1),
        end,  # 00:00 on 1 December
        end + timedelta(days=40),
    ]
    for n, at in enumerate(taught):
        await lessons.add(Lesson(f"第{n}条", True, "lift", LessonSource.DONE, 9001), at)
    assert [lesson.text for lesson in await lessons.all(start, end)] == ["第2条", "第3条", "第4条"]
    assert [lesson.at for lesson in await lessons.all(start, end)] == [
        at.astimezone(UTC) for at in taught[2:5]
    ]
    assert len(await lessons.all()) == len(taught)  # without a period: every one, in order
    before = datetime(2020, 1, 1, tzinfo=UTC)
    assert await lessons.all(before, before + timedelta(days=31)) == []
