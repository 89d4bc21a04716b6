"""Scenes several end-to-end tests set up alike."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from bot.runtime.schedule import run_schedule
from bot.runtime.services import SERVICES_KEY
from tests.factories import WORKER_ID


def shanghai(day: int, hour: int, minute: int = 0) -> datetime:
    """A November 2026 local time in Shanghai, as UTC."""
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC) - timedelta(hours=8)


async def tick(app: Any, fake: FakeTelegram) -> dict[str, int]:
    """One run of the schedule, what it posted settled: what it did, by kind."""
    counts = await run_schedule(app.bot_data[SERVICES_KEY])
    await settle(app, fake)
    return counts


# What a resident of the first group says: a flat's number the other group must not see.
FLAT_WORDS = "小区停水了 3-2-501 家里一滴水都没有"


@dataclass(frozen=True)
class WaterCut:
    """Who takes part in the merged water cut: two groups, a resident of each, a worker."""

    group: dict[str, Any]
    other: dict[str, Any]
    first: dict[str, Any]
    second: dict[str, Any]
    worker: dict[str, Any]


async def water_cut_merged_across_groups(
    fake: FakeTelegram, app: Any, group_id: int, other_id: int
) -> WaterCut:
    """A water cut reported in two groups (#1 in `group_id`'s, #2 in `other_id`'s); a worker
    folds #2 into #1 from a private chat. (Each report is settled before the next: the two
    groups' updates run at once, and #1 must be `group_id`'s.)"""
    cast = WaterCut(
        group=fake.group(group_id, "3栋业主群"),
        other=fake.group(other_id, "5栋业主群"),
        first=fake.person(501, "张阿姨"),
        second=fake.person(502, "李叔"),
        worker=fake.person(WORKER_ID, "网格员小王"),
    )
    fake.say(cast.group, cast.first, FLAT_WORDS)
    await settle(app, fake)
    fake.say(cast.other, cast.second, "5栋也停水了")
    await settle(app, fake)
    fake.say(fake.private(cast.worker), cast.worker, "/merge 1 2")
    await settle(app, fake)
    return cast


async def done_lift(fake: FakeTelegram, app: Any, group_id: int) -> tuple[Any, Any, Any, Any]:
    """张阿姨 reports the lift (#1) in `group_id`'s group, 小王 closes it: (the group, 张阿姨,
    小王, the done notice with the rating buttons)."""
    group = fake.group(group_id, "3栋群")
    zhang, worker = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
    await settle(app, fake)
    fake.say(group, worker, "/done 1 门机板已更换")
    await settle(app, fake)
    return group, zhang, worker, fake.bot_messages(group_id)[-1]
