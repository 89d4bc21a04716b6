"""A crash between filing and telling the workers: the replay still tells them, once (QA
round 3)."""

from __future__ import annotations

from contextlib import contextmanager

from bot.devtools.runner import settle
from bot.runtime import alerts
from tests.e2e.test_triage import UNSURE_FLOOD, workers_started
from tests.engines import peek
from tests.factories import WORKER_ID

GROUP = -17901
DANGER = "3栋电梯困人了 快来人 老人被关在里面"


@contextmanager
def _dying_before_telling_the_workers(monkeypatch):
    """Inside: the process dies right before the workers' private notices are queued."""

    async def dies(*args, **kwargs):
        raise RuntimeError("the process died here")

    with monkeypatch.context() as patched:
        patched.setattr(alerts, "tell_workers", dies)
        yield


async def _dies_before_telling_the_workers(fake, run_bot, monkeypatch, group, who, text) -> None:
    """`who` says `text`; the process dies right before the workers' private notices are
    queued; then the bot starts again and handles the update once more."""
    with _dying_before_telling_the_workers(monkeypatch):
        async with run_bot() as app:
            fake.say(group, who, text)
            await settle(app, fake)
    async with run_bot() as app:  # the update is tried again at the start
        await settle(app, fake)


async def test_a_danger_filed_just_before_a_crash_still_alerts_the_workers(
    fake, run_bot, config, monkeypatch
):
    """The ticket was filed (its transaction committed) and then the process died before the
    workers' private alerts were queued: the update is handled again at the next start, and
    the alerts must still go out, once."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        fake.say(fake.private(wang), wang, "/start")
        await settle(app, fake)
    await _dies_before_telling_the_workers(fake, run_bot, monkeypatch, group, zhang, DANGER)
    with peek(config) as conn:
        assert conn.execute("SELECT count(*) FROM tickets").fetchone() == (1,)
    alerts = [m for m in fake.bot_messages(WORKER_ID) if "紧急诉求" in m.text]
    assert len(alerts) == 1, [m.text for m in fake.bot_messages(WORKER_ID)]


async def test_a_message_queued_for_triage_just_before_a_crash_still_reaches_the_workers(
    fake, run_bot, config, monkeypatch
):
    """The same for 研判: the item was queued, the workers' notices were not; the replay
    tells them, once, and the item still waits for their judgement."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        await workers_started(app, fake, wang)
    await _dies_before_telling_the_workers(fake, run_bot, monkeypatch, group, zhang, UNSURE_FLOOD)
    with peek(config) as conn:
        assert conn.execute("SELECT state FROM triage").fetchall() == [("pending",)]
    notices = [m for m in fake.bot_messages(WORKER_ID) if UNSURE_FLOOD in m.text]
    assert len(notices) == 1, [m.text for m in fake.bot_messages(WORKER_ID)]


async def test_a_danger_added_by_an_edit_just_before_a_crash_still_alerts_the_workers(
    fake, run_bot, config, monkeypatch
):
    """A report edited into a danger after it was taken: the ticket turned urgent (committed),
    then the process died before the workers' alerts were queued. The edit is handled again at
    the next start: nothing changes any more, yet the alerts must go out, once."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        fake.say(fake.private(wang), wang, "/start")
        report = fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        fake.say(group, wang, "/assign 1")
        await settle(app, fake)
    with _dying_before_telling_the_workers(monkeypatch):
        async with run_bot() as app:
            fake.edit(report, "3栋2单元电梯坏了 门关不上 里面还有股烧焦的味道 冒烟了")
            await settle(app, fake)
    async with run_bot() as app:  # the edit is tried again at the start
        await settle(app, fake)
        fake.edit(report, "3栋2单元电梯坏了 里面冒烟了 有股烧焦的味道 快来人")  # again: no more
        await settle(app, fake)
    with peek(config) as conn:
        assert conn.execute("SELECT urgent FROM tickets").fetchall() == [(1,)]
    alerts = [m for m in fake.bot_messages(WORKER_ID) if "紧急诉求" in m.text]
    assert len(alerts) == 1, [m.text for m in fake.bot_messages(WORKER_ID)]
