"""Groups that move or let the bot go: a supergroup keeps what waited and numbers its
messages afresh; the bot's own removal is no sign of life (QA round 3)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from openpyxl import Workbook

from bot.devtools.runner import settle
from bot.ledger.rows import HEADERS
from tests.cli.test_cli import run_cli
from tests.engines import peek, rows, storage_toml
from tests.factories import WORKER_ID

GROUP, SUPER = -17601, -1017601


async def import_ledger(config, folder: Path, *lines: list) -> None:
    """The office imports a ledger workbook of these rows (`python -m bot import`)."""
    book = Workbook()
    book.active.append(list(HEADERS))
    for line in lines:
        book.active.append(line)
    ledger = folder / "台账.xlsx"
    book.save(ledger)
    settings = folder / "c.toml"
    settings.write_text(storage_toml(config), encoding="utf-8")
    loaded = await asyncio.to_thread(run_cli, "import", "--config", str(settings), str(ledger))
    assert loaded.returncode == 0, loaded.stderr


async def test_everything_waiting_in_a_group_follows_it_to_its_supergroup(fake, run_bot, config):
    old = fake.group(GROUP, "3栋群", kind="group")
    zhang, worker = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(old, zhang, "3栋电梯又坏了 门关不上")
        await settle(app, fake)
        fake.migrations[GROUP] = SUPER  # the group became a supergroup meanwhile
        fake.say(old, fake.person(2, "李叔"), "5栋垃圾三天没人收 臭死了")
        fake.say(old, worker, "/list")
        fake.say(old, worker, "/note 1 师傅下午到")
        await settle(app, fake)
        said = [m.text for m in fake.bot_messages(SUPER)]
    assert any(t.startswith("已受理") for t in said), said
    assert any("师傅下午到" in t for t in said), said  # the note's announcement
    assert sum("#1" in t for t in said) >= 2, said  # /list's answer too
    assert len(said) == len(set(said)), said  # nothing posted twice, whoever found the move
    assert not fake.bot_messages(GROUP)[1:], "nothing more in the old group"


async def test_the_old_groups_late_messages_are_the_supergroups(fake, run_bot, config):
    """Messages the old group sent just before it became a supergroup, handled after the
    move, act there: a worker's /note finds #1 and is announced in the supergroup, a late
    complaint is filed and acknowledged there (not as a reply: the old numbers are not the
    supergroup's), and the old group stays retired."""
    old = fake.group(GROUP, "3栋群", kind="group")
    worker = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(old, fake.person(1, "张阿姨"), "3栋电梯又坏了 门关不上")
        await settle(app, fake)
        fake.say(old, None, "", migrate_to_chat_id=SUPER)
        fake.say(old, worker, "/note 1 师傅下午到")
        fake.say(old, fake.person(2, "李叔"), "5栋垃圾三天没人收 臭死了")
        await settle(app, fake)
    posted = fake.bot_messages(SUPER)
    assert any("师傅下午到" in m.text for m in posted), [m.text for m in posted]
    ack = next(m for m in posted if m.text.startswith("已受理 #2"))
    assert ack.reply_to is None
    assert rows(config, "SELECT active, moved_to FROM chats WHERE chat_id = ?", (GROUP,)) == [
        (0, SUPER)
    ]
    assert rows(config, "SELECT DISTINCT chat_id FROM tickets") == [(SUPER,)]


async def test_a_new_complaint_in_the_supergroup_is_not_taken_for_an_old_one(fake, run_bot, config):
    """Telegram numbers a supergroup's messages afresh from 1: the old group's report 1 moved
    to the new id must not swallow the supergroup's own message 1."""
    old = fake.group(GROUP, "3栋群", kind="group")
    async with run_bot() as app:
        fake.say(old, fake.person(1, "张阿姨"), "3栋电梯又坏了 门关不上")  # message 1 there
        await settle(app, fake)
        fake.say(old, None, "", migrate_to_chat_id=SUPER)
        await settle(app, fake)
        new = fake.group(SUPER, "3栋群")
        first = fake.say(new, fake.person(2, "李叔"), "5栋门口垃圾三天没人收 臭死了")
        assert first["message_id"] == 1
        await settle(app, fake)
    with peek(config) as conn:
        tickets = conn.execute("SELECT id, category FROM tickets ORDER BY id").fetchall()
    assert len(tickets) == 2, tickets
    assert any(m.text.startswith("已受理 #2") for m in fake.bot_messages(SUPER))


async def test_the_service_message_about_the_bot_leaving_does_not_bring_the_group_back(
    fake, run_bot, config
):
    """Removed from a basic group, the bot gets my_chat_member (kicked) and then the group's
    service message "removed 院子" (left_chat_member): the group stays inactive."""
    group = fake.group(GROUP, "3栋群", kind="group")
    admin = fake.person(1, "群主")
    bot = {k: fake.bot_user[k] for k in ("id", "is_bot", "first_name", "username")}
    async with run_bot() as app:
        fake.say(group, fake.person(2, "张阿姨"), "大家早上好")
        await settle(app, fake)
        fake.blocked.add(GROUP)
        fake.bot_membership(group, "member", "kicked")
        fake.push({"message": {"message_id": 50, "date": 0, "chat": group, "from": admin,
                               "left_chat_member": bot}})  # fmt: skip
        await settle(app, fake)
    with peek(config) as conn:
        assert conn.execute("SELECT active FROM chats WHERE chat_id = ?", (GROUP,)).fetchone() == (
            0,
        )


async def test_an_ack_sent_as_the_group_moves_does_not_answer_a_supergroup_message(
    fake, run_bot, config
):
    old = fake.group(GROUP, "3栋群", kind="group")
    async with run_bot() as app:
        fake.say(old, fake.person(1, "张阿姨"), "大家早上好")  # message 1 of the old group
        fake.say(old, fake.person(3, "王伯"), "今天天气不错")  # message 2
        await settle(app, fake)
        fake.migrations[GROUP] = SUPER  # the group became a supergroup; the bot learns on send
        new = fake.group(SUPER, "3栋群")
        fake.say(new, fake.person(4, "赵姐"), "群升级了")  # the supergroup's messages 1..3
        fake.say(new, fake.person(4, "赵姐"), "大家好")
        fake.say(new, fake.person(4, "赵姐"), "欢迎")
        await settle(app, fake)
        said = fake.say(old, fake.person(2, "李叔"), "5栋垃圾三天没人收 臭死了")  # old group's 3
        await settle(app, fake)
        acks = [m for m in fake.bot_messages(SUPER) if m.text.startswith("已受理")]
    assert acks, [m.text for m in fake.bot_messages()]
    # the ack answers the old group's message 3; in the supergroup, 3 is 赵姐's "欢迎"
    assert said["message_id"] == 3
    assert all(m.reply_to is None for m in acks), [(m.text, m.reply_to) for m in acks]


async def test_a_group_with_an_imported_ledger_becomes_a_supergroup(
    fake, run_bot, config, tmp_path: Path
):
    group = fake.group(GROUP, "3栋群", kind="group")
    zhang, worker = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(group, zhang, "大家好")  # message 1: the bot now knows the group
        await settle(app, fake)
    # the office's old ledger: #2 and #3 of this group, still open when it was brought in
    await import_ledger(
        config,
        tmp_path,
        [2, str(GROUP), "电梯", "3栋", "3栋电梯坏了", 1, "2026-10-01 09:00"],
        [3, str(GROUP), "环境卫生", "5栋", "5栋垃圾没人收", 1, "2026-10-02 09:00"],
    )
    async with run_bot() as app:
        said = fake.say(group, zhang, "7栋楼道灯坏了 晚上黑漆漆")  # message 2 → -2 after the move
        await settle(app, fake)
        assert said["message_id"] == 2
        fake.say(group, None, "", migrate_to_chat_id=SUPER)  # the group became a supergroup
        await settle(app, fake)
        new = fake.group(SUPER, "3栋群")
        fake.say(new, worker, "/ticket 4")
        await settle(app, fake)
    assert rows(config, "SELECT chat_id, count(*) FROM tickets GROUP BY chat_id") == [(SUPER, 3)]
    assert rows(config, "SELECT count(*) FROM reports WHERE chat_id = ?", (GROUP,)) == [(0,)], (
        "every report moved with its ticket"
    )
    assert rows(config, "SELECT count(*) FROM inbox WHERE set_aside IS NOT NULL") == [(0,)]
    assert "#4" in fake.bot_messages(SUPER)[-1].text
