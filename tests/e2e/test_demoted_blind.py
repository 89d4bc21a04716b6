"""The bot demoted from admin in a group while Telegram's privacy mode is on: it can no longer
read what the residents say there — their complaints would go unheard without a word. The
workers and the office are told at once in private, once, what happened and how to fix it
(make it admin again, or turn privacy mode off in @BotFather)."""

from __future__ import annotations

from pathlib import Path

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from tests.factories import ADMIN_ID, WORKER2_ID, WORKER_ID, make_config

GROUP = -7531


def told_blind(fake: FakeTelegram, person: int) -> list[str]:
    return [m.text for m in fake.bot_messages(person) if "看不到" in m.text]


async def test_a_bot_demoted_while_blind_tells_the_workers_and_the_office(run_bot, tmp_path: Path):
    """The group's owner takes the bot's admin rights away (administrator → member). 小王, 小李
    and the office's 主任 each hear of it in private once, naming the group (its title
    escaped); a resident's private chat hears nothing. Made admin again and demoted again
    later, they are told again."""
    async with FakeTelegram(can_read_all_group_messages=False) as blind:
        config = make_config(tmp_path, blind.base_url)
        group = blind.group(GROUP, "3栋<业主>群")
        staff = [blind.person(i, n) for i, n in ((WORKER_ID, "小王"), (WORKER2_ID, "小李"),
                                                  (ADMIN_ID, "主任"))]  # fmt: skip
        resident = blind.person(1, "张阿姨")
        async with run_bot(config) as app:
            for person in (*staff, resident):
                blind.say(blind.private(person), person, "/start")
            blind.bot_membership(group, "left", "administrator")
            await settle(app, blind)
            blind.bot_membership(group, "administrator", "member")
            await settle(app, blind)
            for person in (WORKER_ID, WORKER2_ID, ADMIN_ID):
                [said] = told_blind(blind, person)
                assert "3栋<业主>群" in said, said
                assert "管理员" in said and "BotFather" in said, said
            assert told_blind(blind, 1) == []
            blind.bot_membership(group, "member", "administrator")
            await settle(app, blind)
            blind.bot_membership(group, "administrator", "member")
            await settle(app, blind)
        assert len(told_blind(blind, WORKER_ID)) == 2
    sent = [c["text"] for c in blind.calls_of("sendMessage") if "看不到" in str(c["text"])]
    assert sent and all("3栋&lt;业主&gt;群" in text for text in sent), sent


async def test_a_bot_that_reads_everything_says_nothing_when_demoted(fake: FakeTelegram, run_bot):
    """Privacy mode off: the bot reads the group as a plain member too, nobody is bothered."""
    group, wang = fake.group(GROUP, "3栋群"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(fake.private(wang), wang, "/start")
        fake.bot_membership(group, "left", "administrator")
        await settle(app, fake)
        fake.bot_membership(group, "administrator", "member")
        await settle(app, fake)
    assert told_blind(fake, WORKER_ID) == []
