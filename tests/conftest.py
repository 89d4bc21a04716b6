"""Shared fixtures: a fake Bot API on 127.0.0.1, configs on a temp folder, the real bot."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.app import Tuning, build_application
from bot.classify import Classifier
from bot.config import Config, parse_config
from bot.devtools.fakeapi.server import TOKEN, FakeTelegram
from bot.devtools.runner import running
from storage.db import Database

WORKER_ID = 9001
WORKER2_ID = 9002
ADMIN_ID = 9100
# Scheduled jobs never run by themselves in tests: they call run_schedule with their clock.
FAST = Tuning(
    post_burst=1000,
    posts_per_minute=60_000,
    post_gap=0.05,
    post_calm=0.02,
    post_patience=0.2,
    group_per_minute=100_000,  # tests talk a lot in one group; test_faults checks the limits
    poll_timeout=1.0,
    schedule_seconds=3600,
    schedule_first=3600,
)


@pytest.fixture(scope="session")
def classifier() -> Classifier:
    return Classifier.load()


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server


class Clock:
    """A controllable clock: starts at a fixed UTC time and moves only when told."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 23, 1, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def make_config(tmp_path: Path, base_url: str, **sections: dict[str, Any]) -> Config:
    data: dict[str, Any] = {
        "telegram": {"token": TOKEN, "base_url": base_url},
        "storage": {"path": str(tmp_path / "yuanzi.sqlite3")},
        "roles": {"workers": [WORKER_ID, WORKER2_ID], "admins": [ADMIN_ID]},
    }
    data.update(sections)
    return parse_config(data, base_dir=tmp_path, env={})


@pytest.fixture
def config(tmp_path: Path, fake: FakeTelegram) -> Config:
    return make_config(tmp_path, fake.base_url)


BotRunner = Callable[..., Any]


@pytest.fixture
def run_bot(config: Config, classifier: Classifier, clock: Clock) -> BotRunner:
    """`async with run_bot() as app:` runs the real Application against the fake API."""

    @asynccontextmanager
    async def _run(cfg: Config | None = None, tuning: Tuning = FAST) -> AsyncIterator[Any]:
        app = build_application(cfg or config, clock=clock, classifier=classifier, tuning=tuning)
        async with running(app, poll_timeout=tuning.poll_timeout) as started:
            yield started

    return _run


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    """An empty, migrated database file (a test module may define its own)."""
    database = await Database.open(tmp_path / "a.sqlite3")
    yield database
    await database.close()


@pytest.fixture
async def fresh(tmp_path: Path) -> AsyncIterator[Database]:
    """A second empty database, to import into."""
    database = await Database.open(tmp_path / "b.sqlite3")
    yield database
    await database.close()
