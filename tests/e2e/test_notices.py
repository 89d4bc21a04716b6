"""`[[notices]]` through the real bot: cron's days of the week as crontab counts them, and a
notice for one group kept back while the bot is out of it (review, session 27)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.devtools.runner import settle
from tests.e2e.test_schedule import tick
from tests.factories import WORKER_ID, make_config

GROUP = -7701
TEXT = "工作日早上好"


def shanghai(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC) - timedelta(hours=8)


async def _greeted(fake, app) -> dict:
    group = fake.group(GROUP, "阳光花园3栋群")
    fake.say(group, fake.person(1, "张阿姨"), "大家早上好")
    fake.say(group, fake.person(WORKER_ID, "小王"), "大家好")
    await settle(app, fake)
    return group


async def test_cron_days_of_the_week_count_from_sunday_as_in_crontab(
    fake, run_bot, clock, tmp_path
):
    """ "1-5" is Monday to Friday and "0" is Sunday (APScheduler's own reading of a crontab
    line counts 0 as Monday: the working-day notice went out Tuesday to Saturday)."""
    config = make_config(
        tmp_path,
        fake.base_url,
        notices=[
            {"cron": "0 9 * * 1-5", "chat": "all", "text": TEXT},
            {"cron": "0 10 * * 0", "chat": "all", "text": "周日"},
            {"cron": "0 11 * * 6,7", "chat": "all", "text": "周末"},
        ],
    )
    monday = date(2026, 11, 23)
    clock.now = shanghai(monday, 7)
    posted: dict[str, list[str]] = {}
    async with run_bot(config) as app:
        await _greeted(fake, app)
        for n in range(7):
            day = monday + timedelta(days=n)
            for hour in (9, 10, 11):
                before = len(fake.bot_messages(GROUP))
                clock.now = shanghai(day, hour, 1)
                await tick(app, fake)
                for message in fake.bot_messages(GROUP)[before:]:
                    if message.text.startswith("📢"):
                        posted.setdefault(message.text, []).append(day.strftime("%a"))
    assert posted[f"📢 {TEXT}"] == ["Mon", "Tue", "Wed", "Thu", "Fri"]
    assert posted["📢 周日"] == ["Sun"]
    assert posted["📢 周末"] == ["Sat", "Sun"]


async def test_a_groups_own_notice_is_not_kept_for_it_while_the_bot_is_out(
    fake, run_bot, clock, tmp_path
):
    """The group removes the bot for three days and adds it back in the afternoon: the days it
    missed are not all posted at once on its return."""
    notice = "今天是居民议事日，下午3点在社区活动室"
    config = make_config(
        tmp_path, fake.base_url, notices=[{"cron": "0 9 * * *", "chat": GROUP, "text": notice}]
    )
    first = date(2026, 11, 23)
    clock.now = shanghai(first, 7)
    async with run_bot(config) as app:
        group = await _greeted(fake, app)
        clock.now = shanghai(first, 9, 1)
        await tick(app, fake)
        assert [m.text for m in fake.bot_messages(GROUP)].count(f"📢 {notice}") == 1
        clock.now = shanghai(first, 12)
        fake.bot_membership(group, "member", "kicked")  # removed by the group's owner
        await settle(app, fake)
        for n in (1, 2, 3):
            clock.now = shanghai(first + timedelta(days=n), 9, 1)
            await tick(app, fake)
        before = len(fake.bot_messages(GROUP))
        clock.now = shanghai(first + timedelta(days=3), 15)
        fake.bot_membership(group, "kicked", "member")  # added back in the afternoon
        await settle(app, fake)
        await tick(app, fake)
        clock.now = shanghai(first + timedelta(days=4), 9, 1)
        await tick(app, fake)
        after = [m.text for m in fake.bot_messages(GROUP)[before:]]
    assert after.count(f"📢 {notice}") == 1, after  # the next morning's, only


async def test_a_cron_of_a_day_of_the_month_and_a_day_of_the_week_fires_on_either(
    fake, run_bot, clock, tmp_path
):
    """ "0 9 1 * 1" is 9:00 on the 1st of each month and on every Monday, as cron reads it —
    not only on a 1st that is a Monday."""
    config = make_config(
        tmp_path, fake.base_url, notices=[{"cron": "0 9 1 * 1", "chat": "all", "text": TEXT}]
    )
    monday = date(2026, 11, 23)
    clock.now = shanghai(monday, 7)
    posted: list[str] = []
    async with run_bot(config) as app:
        await _greeted(fake, app)
        for n in range(10):  # Monday 23 November to Tuesday 1 December (Monday the 30th)
            day = monday + timedelta(days=n)
            before = len(fake.bot_messages(GROUP))
            clock.now = shanghai(day, 9, 1)
            await tick(app, fake)
            if any(m.text == f"📢 {TEXT}" for m in fake.bot_messages(GROUP)[before:]):
                posted.append(day.strftime("%a %d"))
    assert posted == ["Mon 23", "Mon 30", "Tue 01"]
