"""Scenes several end-to-end tests set up alike."""

from __future__ import annotations

from typing import Any

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle

# What a resident of the first group says: a flat's number the other group must not see.
FLAT_WORDS = "小区停水了 3-2-501 家里一滴水都没有"


async def water_cut_merged_across_groups(
    fake: FakeTelegram,
    app: Any,
    group: dict[str, Any],
    other: dict[str, Any],
    residents: tuple[dict[str, Any], dict[str, Any]],
    worker: dict[str, Any],
) -> None:
    """A water cut reported in two groups (#1 in `group`, #2 in `other`); a worker folds #2
    into #1 from a private chat."""
    first, second = residents
    fake.say(group, first, FLAT_WORDS)
    fake.say(other, second, "5栋也停水了")
    await settle(app, fake)
    fake.say(fake.private(worker), worker, "/merge 1 2")
    await settle(app, fake)
