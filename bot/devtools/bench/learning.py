"""Benchmark of what a start learns (docs/performance.md): a community's lessons — a /done
each, about 35,000 in its second year — learned again one by one, as every start did before
the learned state was kept (the baseline); then the first start of the kept state's version,
which learns them all and keeps what they taught; then a later start, which restores it and
learns the lessons taught since (one in a hundred more).

The lessons are made-up complaints and chatter, distinct as residents' words are (a place, a
subject, a problem and a tail each), in a new SQLite database that is deleted after.
"""

from __future__ import annotations

import asyncio
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.classify import Classifier
from bot.core.lessons import Lesson, LessonSource
from bot.devtools.bench.classify import _OTHERS, _PLACES, _TONES
from bot.runtime.lessons import learn_lessons
from storage.db import Database
from storage.lessons import LessonStore, record_lesson
from storage.sql import Conn

__all__ = ["lessons_of_a_year", "measure_learning"]

NOW = datetime(2026, 11, 20, 4, 0, tzinfo=UTC)
_SUBJECTS = {
    "电梯": ("lift", ("又坏了", "停了两天了", "按钮不亮", "门关不上", "一直响")),
    "垃圾桶": ("sanitation", ("满了没人收", "臭得很", "被推倒了")),
    "水管": ("water", ("爆了", "漏水", "水压好小")),
    "楼道灯": ("lighting", ("不亮", "一直闪", "坏了一排")),
    "消防通道": ("fire_safety", ("被车堵死了", "堆满杂物")),
    "门禁": ("security", ("坏了", "刷不开", "一直开着")),
    "楼上": ("noise", ("装修太吵了", "半夜跺脚", "天天吵架")),
    "车位": ("parking", ("又被占了", "被外来车停了")),
    "树枝": ("greenery", ("挡到窗户了", "快断了")),
    "电表": ("power", ("走得飞快", "跳闸了")),
}
_TAILS = ("", "，好几天了", "，谁管一下", "，老人家上下不方便", "，娃娃要上学", "，打了电话没人接",
          "，上周就说了", "，拍了照片", "，麻烦看一下", "，第三次了", "，早上又是这样")  # fmt: skip


def lessons_of_a_year(count: int, seed: int = 31) -> list[Lesson]:
    """`count` workers' decisions: most of them /done (a complaint of its category), some 研判
    answers and /cancel (not a complaint), on distinct words."""
    rng = random.Random(seed)
    subjects = list(_SUBJECTS)
    out: list[Lesson] = []
    seen: set[str] = set()
    while len(out) < count:
        subject = rng.choice(subjects)
        category, problems = _SUBJECTS[subject]
        place = f"{rng.randint(1, 40)}栋{rng.choice(_PLACES)}"
        if rng.random() < 0.85:
            text = f"{place}{subject}{rng.choice(problems)}{rng.choice(_TAILS)}{rng.choice(_TONES)}"
            lesson = Lesson(text, True, category, LessonSource.DONE, 9000 + len(out) % 25)
        else:
            text = rng.choice(_OTHERS).format(place=place, subject=subject) + rng.choice(_TAILS)
            lesson = Lesson(text, False, None, LessonSource.TRIAGE, 9000 + len(out) % 25)
        if text not in seen:
            seen.add(text)
            out.append(lesson)
    return out


async def _measure(count: int, since: int) -> dict[str, Any]:
    lessons = lessons_of_a_year(count + since)
    with tempfile.TemporaryDirectory(prefix="yuanzi-bench-learning-") as folder:
        db = await Database.open(Path(folder) / "learning.sqlite3")
        try:
            store = LessonStore(db)
            await _write(db, lessons[:count], NOW - timedelta(days=365))
            classifier = await asyncio.to_thread(Classifier.load)
            started = time.perf_counter()
            await asyncio.to_thread(classifier.learn_all, lessons[:count])
            every_start = time.perf_counter() - started
            started = time.perf_counter()
            await learn_lessons(classifier, store, NOW)
            first = time.perf_counter() - started
            row = await db.fetchone("SELECT length(state) AS size FROM learned_state")
            await _write(db, lessons[count:], NOW)
            started = time.perf_counter()
            learned = await learn_lessons(classifier, store, NOW + timedelta(days=1))
            later = time.perf_counter() - started
        finally:
            await db.close()
    return {
        "lessons": count,
        "taught_since": since,
        "learned_at_later_start": learned,
        "every_start_before_s": round(every_start, 2),
        "first_start_s": round(first, 2),
        "later_start_s": round(later, 2),
        "kept_state_mb": round(int(row["size"]) / 1e6, 2) if row else 0.0,
    }


async def _write(db: Database, lessons: list[Lesson], start: datetime) -> None:
    def work(conn: Conn) -> None:
        for n, lesson in enumerate(lessons):
            record_lesson(conn, lesson, start + timedelta(minutes=n))

    await db.write(work)


def measure_learning(count: int) -> dict[str, Any]:
    """The three starts' learning for `count` lessons (one in a hundred more taught since)."""
    return asyncio.run(_measure(count, max(1, count // 100)))
