"""A group message whose hearing had finished, handled again at a start (its "handled" mark
lost: the process died before writing it), acts no more — also when its hearing stored no
report and no waiting 研判 item: a progress question answered, words 研判 dismissed, chatter.
Heard anew, the group having moved on, it would act differently ("怎么还没修好", asked while the
lift was being fixed, is her 不满意 once it is done)."""

from __future__ import annotations

from bot.devtools.runner import settle
from bot.runtime.polling import Intake
from tests.e2e.test_triage import UNSURE_FLOOD, notice_of, workers_started
from tests.engines import forget_handled, rows
from tests.factories import WORKER_ID

GROUP = -37101
LIFT = "3栋2单元电梯坏了 门关不上"
CHASE = "怎么还没修好"  # a progress question while it is open; her 不满意 once it is done


async def test_a_progress_question_replayed_after_its_ticket_was_done_is_not_a_verdict(
    fake, run_bot, config
):
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        await workers_started(app, fake, wang)
        fake.say(group, zhang, LIFT)
        await settle(app, fake)
        fake.say(group, zhang, CHASE)
        await settle(app, fake)
        assert "还在等网格员接单" in fake.bot_messages(GROUP)[-1].text  # answered: where it stands
        fake.say(group, wang, "/done 1 已修好")
        await settle(app, fake)
    said = [m.text for m in fake.bot_messages(GROUP)]
    forget_handled(config, CHASE)  # the process died before marking her question handled

    async with run_bot() as app:
        await settle(app, fake)

    assert rows(config, "SELECT status FROM tickets") == [("done",)]
    assert rows(config, "SELECT count(*) FROM events WHERE action IN ('rate', 'reopen')") == [(0,)]
    assert [m.text for m in fake.bot_messages(GROUP)] == said


async def test_words_dismissed_by_triage_replayed_are_not_heard_anew(fake, run_bot, config):
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        await workers_started(app, fake, wang)
        fake.say(group, zhang, UNSURE_FLOOD)
        await settle(app, fake)
        fake.press(notice_of(fake, WORKER_ID), wang, "triage:1:d")  # 不是诉求
        await settle(app, fake)
        fake.say(group, zhang, LIFT)
        await settle(app, fake)
        fake.say(group, wang, "/done 1 已修好")
        await settle(app, fake)
    said, told = len(fake.bot_messages(GROUP)), len(fake.bot_messages(WORKER_ID))
    forget_handled(config, UNSURE_FLOOD)

    async with run_bot() as app:
        await settle(app, fake)

    assert rows(config, "SELECT id, state FROM triage") == [(1, "dismissed")]
    assert rows(config, "SELECT count(*) FROM reports") == [(1,)]
    assert len(fake.bot_messages(GROUP)) == said
    assert len(fake.bot_messages(WORKER_ID)) == told


async def test_chatter_heard_just_before_the_process_died_is_not_heard_again(
    fake, run_bot, config, monkeypatch
):
    """Her words filed nothing and answered nothing (she had no ticket yet); the process was
    killed a moment later — before it wrote the updates it had handled as handled. At the next
    start they are not heard again: her ticket done since, her words would be its 不满意."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "网格员小王")

    async def killed(self: Intake) -> None:  # a kill (SIGKILL, the watchdog) writes nothing more
        self.inbox = None

    with monkeypatch.context() as dying:
        # marks the intake meant to write a little later (a few at a time) are never written
        dying.setattr(Intake, "MARK_DELAY", 3600.0, raising=False)
        dying.setattr(Intake, "close", killed)
        async with run_bot() as app:
            await workers_started(app, fake, wang)
            fake.say(group, zhang, CHASE)  # nothing of hers yet: chatter
            await settle(app, fake)
            fake.say(group, zhang, LIFT)
            await settle(app, fake)
            fake.say(group, wang, "/done 1 已修好")
            await settle(app, fake)
    said = [m.text for m in fake.bot_messages(GROUP)]

    async with run_bot() as app:
        await settle(app, fake)

    assert rows(config, "SELECT status FROM tickets") == [("done",)]
    assert rows(config, "SELECT count(*) FROM events WHERE action IN ('rate', 'reopen')") == [(0,)]
    assert [m.text for m in fake.bot_messages(GROUP)] == said
