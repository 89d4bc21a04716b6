"""A community in its second year restarts (QA round 31): the bot learned every lesson again at
each start, 35,000 of them, half a minute and more before it answered anyone. What they taught
is kept in the database; a start learns only the lessons taught since, and judges as before."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import subprocess
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.classify import Classifier, kept
from bot.core.lessons import Lesson
from bot.runtime import lessons as learning
from bot.runtime.services import SERVICES_KEY
from tests.classify.test_kept import taught
from tests.cli.test_cli import run_cli
from tests.engines import peek, rows, storage_toml

KEPT = "SELECT lessons, last_lesson FROM learned_state"


def decisions(count: int) -> list[Lesson]:
    """`taught`'s lessons, about no ticket of this database."""
    return [replace(lesson, ticket_id=None) for lesson in taught(count)]


@pytest.fixture
def learn_all_sizes(classifier: Classifier, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many lessons each start (or `learned`) learned one by one."""
    sizes: list[int] = []
    learn_all = classifier.learn_all

    def counted(lessons: Sequence[Lesson]) -> None:
        sizes.append(len(lessons))
        learn_all(lessons)

    monkeypatch.setattr(classifier, "learn_all", counted)
    return sizes


async def test_a_restart_learns_only_the_lessons_taught_since_it_last_kept_them(
    run_bot, config, classifier, learn_all_sizes, monkeypatch, caplog, tmp_path
):
    monkeypatch.setattr(learning, "KEEP_AFTER", 20)
    lessons = decisions(60)
    at = datetime(2026, 11, 2, tzinfo=UTC)
    async with run_bot() as app:  # a year of decisions, in little
        store = app.bot_data[SERVICES_KEY].stores.lessons
        for n, lesson in enumerate(lessons[:50]):
            await store.add(lesson, at + timedelta(minutes=n))
    assert rows(config, KEPT) == []  # none yet when it started
    with caplog.at_level(logging.INFO, logger="bot.runtime.lessons"):
        async with run_bot() as app:  # learned all 50, and kept what they taught
            store = app.bot_data[SERVICES_KEY].stores.lessons
            for n, lesson in enumerate(lessons[50:]):
                await store.add(lesson, at + timedelta(days=1, minutes=n))
    assert rows(config, KEPT) == [(50, 50)]
    assert "learned from 50 lessons" in caplog.text
    async with run_bot():  # the state kept, then only the ten taught since
        restarted = classifier.learned_state()
    assert learn_all_sizes == [0, 50, len(lessons) - 50]
    assert rows(config, KEPT) == [(50, 50)]  # ten more is not worth keeping anew
    everything = Classifier.load()
    everything.learn_all(lessons)
    assert restarted == everything.learned_state()  # judged as if it learned every one again

    config_file = tmp_path / "learned.toml"
    config_file.write_text(storage_toml(config), encoding="utf-8")
    shown = await asyncio.to_thread(run_cli, "learned", "--config", str(config_file), "--json")
    assert shown.returncode == 0 and f'"lessons": {len(lessons)}' in shown.stdout
    reset = await asyncio.to_thread(run_cli, "learned", "--config", str(config_file), "--reset")
    assert reset.returncode == 0
    assert rows(config, KEPT) == [] and rows(config, "SELECT count(*) FROM lessons") == [(0,)]


async def test_a_state_no_longer_of_this_classifier_is_learned_again(
    run_bot, config, classifier, learn_all_sizes, monkeypatch, caplog
):
    """A state kept by another build (an upgrade of the bot, the community's own words added)
    or damaged is not used: every lesson is learned again, and the state kept anew."""
    monkeypatch.setattr(learning, "KEEP_AFTER", 20)
    at, lessons = datetime(2026, 11, 2, tzinfo=UTC), decisions(30)
    count = len(lessons)
    async with run_bot() as app:
        store = app.bot_data[SERVICES_KEY].stores.lessons
        for n, lesson in enumerate(lessons):
            await store.add(lesson, at + timedelta(minutes=n))
    async with run_bot():
        pass
    with peek(config) as conn:
        conn.execute("UPDATE learned_state SET made_by = 'an older build'")
    with caplog.at_level(logging.INFO, logger="bot.runtime.lessons"):
        async with run_bot():
            pass
    assert learn_all_sizes[-2:] == [count, count]
    assert "was learned by another build of the classifier" in caplog.text  # the long start's why
    caplog.clear()
    with peek(config) as conn:
        conn.execute("UPDATE learned_state SET state = ?", (b"damaged",))
    with caplog.at_level(logging.WARNING, logger="bot.runtime.lessons"):
        async with run_bot():
            pass
    assert learn_all_sizes[-1] == count and "the state kept of them is unusable" in caplog.text
    assert rows(config, KEPT) == [(count, count)]  # kept anew


async def test_learned_shows_the_best_backed_phrases_and_counts_the_rest(run_bot, config, tmp_path):
    """Two years of lessons printed 11,010 lines: `learned` shows the `--top` best-backed
    phrases (50 unless told) and says how many more there are; `--json` keeps them all."""
    lessons = decisions(120)
    at = datetime(2026, 11, 2, tzinfo=UTC)
    async with run_bot() as app:
        store = app.bot_data[SERVICES_KEY].stores.lessons
        for n, lesson in enumerate(lessons):
            await store.add(lesson, at + timedelta(minutes=n))
    config_file = tmp_path / "learned.toml"
    config_file.write_text(storage_toml(config), encoding="utf-8")

    def learned(*more: str) -> subprocess.CompletedProcess[str]:
        return run_cli("learned", "--config", str(config_file), *more)

    as_json, five, every = await asyncio.gather(
        asyncio.to_thread(learned, "--json"),
        asyncio.to_thread(learned, "--top", "5"),
        asyncio.to_thread(learned, "--top", "0"),
    )
    items = json.loads(as_json.stdout)["items"]
    assert len(items) > 5, items
    best = sorted(items, key=lambda i: (-i["support"], i["phrase"]))[:5]
    listed = [line for line in five.stdout.splitlines() if re.match(r"'.+' → ", line)]
    assert [line.split("'")[1] for line in listed] == [i["phrase"] for i in best]
    assert f"and {len(items) - 5} more phrase(s)" in five.stdout
    assert len([ln for ln in every.stdout.splitlines() if re.match(r"'.+' → ", ln)]) == len(items)
    assert "more phrase(s)" not in every.stdout
    wrong = await asyncio.to_thread(learned, "--top", "-1")
    assert wrong.returncode == 2 and "expected 0 or more" in wrong.stderr


async def test_showing_what_was_learned_keeps_no_state(db, monkeypatch):
    """`learned` learns as a start does but keeps nothing: run from another install (another
    `[categories]`, another machine) it would replace the running bot's state with one its
    next start cannot use."""
    from storage.lessons import LessonStore

    monkeypatch.setattr(learning, "KEEP_AFTER", 20)
    store, at = LessonStore(db), datetime(2026, 11, 2, tzinfo=UTC)
    taught = decisions(30)
    for n, lesson in enumerate(taught):
        await store.add(lesson, at + timedelta(minutes=n))
    shown = Classifier.load()
    assert await learning.learn_lessons(shown, store, at, keep=False) == len(taught)
    assert await store.kept_by() is None
    started = Classifier.load()  # a start keeps it
    assert await learning.learn_lessons(started, store, at) == len(taught)
    assert await store.kept_by() == kept.fingerprint(shown)
