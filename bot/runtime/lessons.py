"""What this database's workers taught the classifier, learned at start (and by `learned`):
the state kept at an earlier start (`bot.classify.kept`), then the lessons taught since — the
same as learning every lesson again, without the half a minute a community's two years of
lessons took. The state is kept anew once enough lessons were learned on top of it."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import datetime

from bot.classify import Classifier, kept
from storage.lessons import KeptState, LessonStore

__all__ = ["KEEP_AFTER", "learn_lessons"]

log = logging.getLogger(__name__)

KEEP_AFTER = 500  # lessons learned at a start, beyond the state kept, that make it kept anew


async def learn_lessons(
    classifier: Classifier, lessons: LessonStore, now: datetime, *, keep: bool = True
) -> int:
    """Every lesson of the database into `classifier` (after it forgets what it learned), in
    the order they were taught, off the event loop; how many. `keep`: the state is kept anew
    when worth it (the bot's starts; `learned` only reads, whatever build it runs)."""
    started = time.monotonic()
    classifier.forget()
    made_by = await asyncio.to_thread(kept.fingerprint, classifier)
    found = await lessons.kept(made_by) if made_by is not None else None
    if found is None and made_by is not None and (stored := await lessons.kept_by()):
        log.info(
            "learning every lesson again: the state kept of them %s",
            "is of other lessons (some were forgotten since)"
            if stored == made_by
            else "was learned by another build of the classifier (an upgrade, or [categories] "
            "changed)",
        )
    held, last = 0, 0
    if found is not None:
        try:
            await asyncio.to_thread(kept.restore, classifier, found.state)
            held, last = found.lessons, found.last_lesson
        except ValueError as exc:
            log.warning("learning every lesson again: the state kept of them is unusable (%s)", exc)
    taught = await lessons.after(last)
    await asyncio.to_thread(classifier.learn_all, [lesson for _, lesson in taught])
    if keep and made_by is not None and len(taught) >= KEEP_AFTER:
        state = await asyncio.to_thread(kept.dump, classifier)
        await lessons.keep(made_by, KeptState(state, held + len(taught), taught[-1][0]), now)
    if held or taught:
        log.info(
            "learned from %d lessons in %.1f s (%d of them kept from an earlier start)",
            held + len(taught),
            time.monotonic() - started,
            held,
        )
    return held + len(taught)
