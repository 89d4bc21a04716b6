"""Everything a group can throw at the bot, on purpose: right answers or polite ones, no crash."""

from __future__ import annotations

import logging

from bot import texts
from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from bot.texts import html_to_plain
from tests.engines import peek
from tests.factories import WORKER_ID

GROUP = -9001

NOISE = [
    "",
    "   \n\t ",
    "😀" * 4096,
    "好" * 4096,
    "\u200b\u200c\u200d\u2060\ufeff",
    "\u202e\u202d\u200f\u200e",
    "\x00\x01\x07\x1b\x7f",
    "<b>hi</b><script>alert('x')</script><a href='javascript:x'>y</a>",
    "'; DROP TABLE tickets; --",
    "1' OR '1'='1",
    "Robert'); DROP TABLE reports;--",
    "a" * 4000,
    "%s %d {0} {name} \\N ${HOME} `rm -rf /`",
    "[链接](http://example.com) **粗体** _斜体_",
]

STILL_COMPLAINTS = [  # noise around a real complaint: still a complaint
    "\u202e3栋电梯坏了\u202c",
    "6栋电梯坏了\x00\x00",
    "**5栋垃圾堆了三天没人收** <i>臭</i>",
    "\u200b7栋\u200b楼道灯\u200b坏了\u200b",
]

GARBAGE_COMMANDS = [
    "/assign", "/assign -1", "/assign 0", "/assign abc", "/assign 1e9", "/assign ＃",
    "/assign 10000000000000000000000", "/assign 1 2 3 @@@ <b>x</b>", "/done", "/done abc def",
    "/done -5 <script>",
    "/ticket", "/ticket '; DROP TABLE tickets; --", "/ticket 99999999", "/note", "/note 1",
    "/note x y", "/category", "/category 1", "/category 1 '; DROP", "/category abc lift",
    "/merge", "/merge 1", "/merge a b", "/merge 1 1", "/merge 1 99999", "/reopen", "/reopen -3",
    "/cancel", "/cancel 💥", "/new", "/new    ", "/new " + "长" * 5000, "/new @everyone",
    "/new /done 1", "/list extra args here",
    "/digest please", "/mine", "/todo", "/help@yuanzi_test_bot", "/assign@yuanzi_test_bot 1",
    "/export", "/chart now",
]  # fmt: skip


def count(config, sql="SELECT count(*) FROM tickets"):
    with peek(config) as conn:
        return conn.execute(sql).fetchone()[0]


async def test_everything_a_group_can_send(fake: FakeTelegram, run_bot, config, caplog):
    group = fake.group(GROUP, "3栋群")
    zhang, worker = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    other_bot = {"id": 777, "is_bot": True, "first_name": "机器人", "username": "other_bot"}
    channel = {"id": -100777, "type": "channel", "title": "公告频道"}
    with caplog.at_level(logging.WARNING):
        async with run_bot() as app:
            for text in NOISE:
                fake.say(group, zhang, text)
            fake.sticker(group, zhang)
            fake.photo(group, zhang)
            fake.voice(group, zhang)  # in a group: silence, as for the sticker
            fake.join(group, fake.person(2, "新邻居"))
            fake.push({"message": {"message_id": 9999, "date": 0, "chat": group,
                                   "from": zhang, "left_chat_member": zhang}})  # fmt: skip
            fake.say(group, other_bot, "3栋电梯坏了")
            fake.say(group, None, "3栋电梯坏了", sender_chat=channel)
            fake.push(
                {"channel_post": {"message_id": 1, "date": 0, "chat": channel, "text": "停水"}}
            )
            forwarded = {"type": "user", "date": 0, "sender_user": zhang}
            fake.say(group, zhang, "8栋电梯坏了", forward_origin=forwarded)
            fake.say(group, zhang, "/done@some_other_bot 1")
            await settle(app, fake)
            assert count(config) == 0 and fake.bot_messages(GROUP) == []

            for text in STILL_COMPLAINTS:
                fake.say(group, zhang, text)
            fake.photo(group, zhang, caption="9栋门口的路灯坏了好几天")
            edited = fake.say(group, zhang, "早上好")
            await settle(app, fake)
            fake.edit(edited, "早上好 11栋的水管爆了 水流了一地")
            await settle(app, fake)
            filed = count(config)
            assert filed == len(STILL_COMPLAINTS) + 2

            for command in GARBAGE_COMMANDS:
                before = len(fake.bot_messages(GROUP))
                fake.say(group, worker, command)
                await settle(app, fake)
                answers = [m.text for m in fake.bot_messages(GROUP)[before:]]
                # /chart: its two pictures, after saying a month changes nothing ("now" here)
                assert len(answers) == (3 if command.startswith("/chart") else 1), command
                assert answers[0] != texts.ERROR_SORRY, command

            fake.say(group, zhang, "12栋电梯困人了 快来人")
            await settle(app, fake)
    assert count(config) == filed + 1
    assert fake.bot_messages(GROUP)[-1].text.startswith("已受理")
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    if config.storage.path is not None:
        with peek(config) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


async def test_a_voice_message_or_a_photo_in_private_is_told_the_bot_reads_words(
    fake: FakeTelegram, run_bot, config
):
    """An elderly resident talks to the bot the way she talks to her family: a voice message,
    a photo of the leak. It said nothing at all; now she is told it reads words, and where to
    write them. A photo's caption is words (a question about her complaint is answered)."""
    zhang = fake.person(1, "张阿姨")
    chat = fake.private(zhang)
    async with run_bot() as app:
        fake.voice(chat, zhang)
        fake.photo(chat, zhang)
        fake.sticker(chat, zhang)
        await settle(app, fake)
        fake.photo(chat, zhang, "我的漏水怎么样了")
        await settle(app, fake)
    *told, mine = [m.text for m in fake.bot_messages(zhang["id"])]
    assert told and set(told) == {html_to_plain(texts.PRIVATE_NOT_WORDS)}  # a burst: said once
    assert mine.startswith("您还没有反映过问题")  # the caption, answered as /mine
