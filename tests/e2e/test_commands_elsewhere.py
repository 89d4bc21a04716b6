"""Commands that are not the bot's are never filed; a late edit never rewrites the ledger."""

from __future__ import annotations

from bot import texts
from bot.devtools.runner import settle
from tests.engines import forget_handled, peek
from tests.factories import WORKER_ID

GROUP = -7201


def rows(config, sql: str) -> list[tuple]:
    with peek(config) as conn:
        return conn.execute(sql).fetchall()


async def test_another_bots_command_and_an_unknown_one_are_not_complaints(fake, run_bot, config):
    group, zhang = fake.group(GROUP, "1栋群"), fake.person(1, "张阿姨")
    async with run_bot() as app:
        fake.say(group, zhang, "/new@other_bot 电梯坏了 关了人")
        fake.say(group, zhang, "/report 电梯坏了 关了人")
        fake.say(group, zhang, "/new@yuanzi_test_bot")  # ours, but empty: the usage answer
        await settle(app, fake)
    assert rows(config, "SELECT count(*) FROM tickets") == [(0,)]
    assert [m.text for m in fake.bot_messages(GROUP)] == [texts.NEW_USAGE]


async def test_words_and_unknown_commands_in_private_get_a_pointer(fake, run_bot, config):
    zhang = fake.person(1, "张阿姨")
    chat = fake.private(zhang)
    async with run_bot() as app:
        fake.say(chat, zhang, "电梯坏了")
        fake.say(chat, zhang, "/frobnicate")
        await settle(app, fake)
        for thanks in ("谢谢", "谢谢你！", "多谢", "Thanks", "thank you"):  # not the help pointer
            fake.say(chat, zhang, thanks)
            await settle(app, fake)  # each answered (the same answer still waiting is not)
    assert [m.text for m in fake.bot_messages(chat["id"])] == [
        texts.PRIVATE_WORDS,
        texts.UNKNOWN_COMMAND,
        *[texts.PRIVATE_THANKS] * 5,
    ]
    assert rows(config, "SELECT count(*) FROM tickets") == [(0,)]


async def test_an_edit_after_the_ticket_is_closed_is_kept_beside_the_original(
    fake, run_bot, config
):
    group, zhang = fake.group(GROUP, "1栋群"), fake.person(1, "张阿姨")
    async with run_bot() as app:
        report = fake.say(group, zhang, "3栋电梯坏了 关了人")
        await settle(app, fake)
        fake.say(group, fake.person(WORKER_ID, "小王"), "/cancel 1 已处理")
        await settle(app, fake)
        fake.edit(report, "哈哈 骗你的")
        await settle(app, fake)
    assert rows(config, "SELECT text, edited_text FROM reports") == [
        ("3栋电梯坏了 关了人", "哈哈 骗你的")
    ]
    assert rows(config, "SELECT summary FROM tickets") == [("3栋电梯坏了 关了人",)]
    assert ("edit", "哈哈 骗你的") in rows(config, "SELECT action, detail FROM events")
    forget_handled(config)  # as if killed before the marks
    async with run_bot() as app:
        await settle(app, fake)
    assert rows(config, "SELECT count(*) FROM events WHERE action = 'edit'") == [(1,)]
