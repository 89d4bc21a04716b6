"""Shared fixtures: a fake Bot API on 127.0.0.1, configs on a temp folder, the real bot."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from bot.app import Tuning, build_application
from bot.classify import Classifier
from bot.config import Config
from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import running
from storage.db import Database
from tests.factories import FAST, Clock, make_config


@pytest.fixture(scope="session")
def classifier() -> Classifier:
    return Classifier.load()


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server


@pytest.fixture
def clock() -> Clock:
    return Clock()


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
