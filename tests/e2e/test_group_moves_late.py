"""Late messages of a group that became a supergroup: buttons, replays, answers, a ledger."""

from __future__ import annotations

from pathlib import Path

from bot.devtools.runner import settle
from tests.e2e.test_group_moves import GROUP, SUPER, import_ledger, rows
from tests.engines import forget_handled
from tests.factories import WORKER_ID


async def test_a_late_take_press_in_the_old_group_takes_the_ticket(fake, run_bot, config):
    """A worker pressed 接单 under #1's acknowledgement in the old group just before it became
    a supergroup; the press is handled after the move: #1 is taken (as a late /take would be),
    not answered as an expired button."""
    old = fake.group(GROUP, "3栋群", kind="group")
    worker = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(old, fake.person(1, "张阿姨"), "3栋电梯坏了 关了人")
        await settle(app, fake)
        ack = next(m for m in fake.bot_messages(GROUP) if m.reply_markup)
        fake.say(old, None, "", migrate_to_chat_id=SUPER)
        fake.press(ack, worker, ack.reply_markup["inline_keyboard"][0][0]["callback_data"])
        await settle(app, fake)
    assert rows(config, "SELECT status, assignee_id FROM tickets") == [("assigned", WORKER_ID)]


async def test_a_resident_verdict_replayed_after_the_move_is_acted_on_once(fake, run_bot, config):
    """张阿姨 answers the done notice in the old group "还是不行 门还是关不上" (reopened, and the
    group told); the process dies before it marks that update handled, and the group becomes
    a supergroup meanwhile. Replayed after the move, the reply is the same message: nothing
    is reopened, rated or said a second time (its origin must not change with the move)."""
    old = fake.group(GROUP, "3栋群", kind="group")
    zhang, worker = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(old, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        fake.say(old, worker, "/done 1 门机板已更换")
        await settle(app, fake)
        done = fake.bot_messages(GROUP)[-1]
        fake.say(old, zhang, "还是不行 门还是关不上", reply_to=done.message_id)
        await settle(app, fake)
        fake.say(old, None, "", migrate_to_chat_id=SUPER)
        await settle(app, fake)
    events = rows(config, "SELECT action, count(*) FROM events GROUP BY action ORDER BY action")
    told = [m.text for m in fake.bot_messages() if "评价不满意" in m.text]
    assert len(told) == 1, told
    forget_handled(config, "还是不行")
    async with run_bot() as app:
        await settle(app, fake)
    told = [m.text for m in fake.bot_messages() if "评价不满意" in m.text]
    assert len(told) == 1, told
    assert (
        rows(config, "SELECT action, count(*) FROM events GROUP BY action ORDER BY action")
        == events
    )


async def test_a_late_chart_command_of_the_old_group_is_posted_in_the_supergroup(
    fake, run_bot, config
):
    """A worker's /chart sent in the old group just before the move, handled after it: the
    pictures are posted in the supergroup, as the late /note's announcement is (queued for
    the old id they would wait forever: the retired group is inactive, never posted to)."""
    old = fake.group(GROUP, "3栋群", kind="group")
    worker = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(old, fake.person(1, "张阿姨"), "3栋电梯又坏了 门关不上")
        await settle(app, fake)
        fake.say(old, None, "", migrate_to_chat_id=SUPER)
        fake.say(old, worker, "/chart")
        await settle(app, fake)
    pictures = [m for m in fake.bot_messages(SUPER) if m.document is not None]
    assert pictures, [m.text for m in fake.bot_messages()]
    assert rows(config, "SELECT count(*) FROM outbox WHERE sent_at IS NULL") == [(0,)]


async def test_a_ledger_naming_a_group_that_moved_joins_its_supergroup(
    fake, run_bot, config, tmp_path: Path
):
    """The office imports its ledger after 3栋群 became a supergroup (and before anyone spoke
    there since): a row of 群 3栋群 joins the supergroup, where /list and /ticket find it, not
    the retired basic group of the same title."""
    old = fake.group(GROUP, "3栋群", kind="group")
    async with run_bot() as app:
        fake.say(old, fake.person(1, "张阿姨"), "大家好")
        await settle(app, fake)
        fake.say(old, None, "", migrate_to_chat_id=SUPER)
        await settle(app, fake)
    await import_ledger(
        config, tmp_path, [7, "3栋群", "电梯", "3栋", "3栋电梯坏了", 1, "2026-10-01 09:00"]
    )
    assert rows(config, "SELECT id, chat_id FROM tickets") == [(7, SUPER)]
