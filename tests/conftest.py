"""Shared fixtures: a fake Bot API on 127.0.0.1, configs on a temp folder, the real bot."""

from __future__ import annotations

import os
import tempfile
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from bot.app import Tuning, build_application
from bot.classify import Classifier
from bot.config import Config
from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import loopback_direct, running
from storage.sql import Door
from storage.stores import open_database
from tests.engines import (
    ENGINES,
    Places,
    create_database,
    drop_database,
    need_postgres,
    storage_section,
    storage_target,
)
from tests.factories import FAST, Clock, make_config

loopback_direct()  # a machine's http_proxy must not carry the tests' 127.0.0.1 traffic
# jieba's prepared dictionary is kept in a folder of the tests' own, not the user's cache
# (inherited by the bots and commands the tests start)
os.environ["XDG_CACHE_HOME"] = str(
    Path(tempfile.gettempdir()) / f"yuanzi-tests-{getattr(os, 'getuid', str)()}"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked `slow` go first: xdist deals tests out in order, so each long one starts
    on its own worker at once instead of holding up the end of the run."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


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


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """Each test that asks for it (through `config`, `db` …) runs on SQLite and PostgreSQL."""
    return str(request.param)


@pytest.fixture
def storage(engine: str, tmp_path: Path) -> Iterator[dict[str, str]]:
    """The [storage] section of a config on the test's engine (a new, empty database)."""
    with storage_target(engine, tmp_path) as target:
        yield storage_section(target)


@pytest.fixture
def places(engine: str, tmp_path: Path) -> Iterator[Places]:
    """`places(name)`: a database of that name on the test's engine (a file or a URL)."""
    if engine == "postgres":
        need_postgres()
    made = Places(engine, tmp_path)
    yield made
    made.close()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A new, empty PostgreSQL database on the test server (the test is skipped without one)."""
    need_postgres()
    url = create_database()
    yield url
    drop_database(url)


@pytest.fixture
def config(tmp_path: Path, fake: FakeTelegram, storage: dict[str, str]) -> Config:
    return make_config(tmp_path, fake.base_url, storage=storage)


BotRunner = Callable[..., Any]


@pytest.fixture
def run_bot(config: Config, classifier: Classifier, clock: Clock) -> BotRunner:
    """`async with run_bot() as app:` runs the real Application against the fake API."""

    @asynccontextmanager
    async def _run(cfg: Config | None = None, tuning: Tuning = FAST) -> AsyncIterator[Any]:
        app = build_application(cfg or config, clock=clock, classifier=classifier, tuning=tuning)
        try:
            async with running(app, poll_timeout=tuning.poll_timeout) as started:
                yield started
        finally:  # what this bot's workers taught the shared classifier stays with this test
            classifier.forget()

    return _run


@pytest.fixture
async def db(engine: str, tmp_path: Path) -> AsyncIterator[Door]:
    """An empty, migrated database on the test's engine (a test module may define its own)."""
    with storage_target(engine, tmp_path, "a") as target:
        database = await open_database(target)
        yield database
        await database.close()


@pytest.fixture
async def fresh(engine: str, tmp_path: Path) -> AsyncIterator[Door]:
    """A second empty database on the same engine, to import into."""
    with storage_target(engine, tmp_path, "b") as target:
        database = await open_database(target)
        yield database
        await database.close()
