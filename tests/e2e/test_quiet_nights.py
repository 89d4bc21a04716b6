"""At night (quiet hours) what the bot posts makes no sound on the phones — a complaint's
acknowledgement buzzed every neighbour in the group at 23:30, a 研判 item woke the workers —
unless it is about a danger: its acknowledgement, the workers' alerts, its escalation."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.devtools.runner import settle
from tests.e2e.test_triage import notice_of, workers_started
from tests.factories import WORKER_ID

GROUP = -3401


def silent(fake, text_part: str) -> bool:
    """Whether the bot's message holding `text_part` was sent without a sound."""
    calls = [c for c in fake.calls_of("sendMessage") if text_part in str(c.get("text", ""))]
    assert calls, text_part
    return str(calls[-1].get("disable_notification", "")).lower() == "true"


async def test_at_night_only_a_danger_makes_a_sound(fake, run_bot, config, clock):
    group, wang = fake.group(GROUP, "3栋群"), fake.person(WORKER_ID, "网格员小王")
    zhang, li, zhao = fake.person(1, "张阿姨"), fake.person(2, "李叔"), fake.person(3, "赵姐")
    clock.now = datetime(2026, 11, 23, 15, 30, tzinfo=UTC)  # 23:30 in Shanghai
    async with run_bot() as app:
        await workers_started(app, fake, wang)
        fake.say(group, zhang, "3栋门口的垃圾堆了三天没人收 臭死了")
        await settle(app, fake)
        assert silent(fake, "已受理 #1")  # the neighbours asleep are not woken by it
        fake.say(group, zhao, "我家菜地里头全是水")
        await settle(app, fake)
        assert silent(fake, "我家菜地里头全是水")  # the worker's 研判 notice
        fake.say(group, li, "3栋2单元电梯里关了人 在喊救命")
        await settle(app, fake)
        alert = next(m for m in reversed(fake.bot_messages(WORKER_ID)) if "#2" in m.text)
        assert not silent(fake, alert.text[:20])  # the worker's alert rings
        assert not silent(fake, "已受理 🚨#2")  # and the group hears the danger's answer
        assert "研判" in notice_of(fake, WORKER_ID).text
        clock.now = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)  # 09:00: the day's sounds
        fake.say(group, zhang, "5栋楼道灯坏了 晚上好黑")
        await settle(app, fake)
        assert not silent(fake, "已受理 #3")
