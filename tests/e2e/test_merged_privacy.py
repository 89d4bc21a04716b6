"""A report merged in from another building's group, as that group meets its ticket: what the
bot says there — to words under the done notice, to a refused command — names the building
only (`as_seen_in`), never which flat of the other building reported it."""

from __future__ import annotations

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from tests.e2e.scenes import water_cut_merged_across_groups

GROUP, OTHER = -100800, -100801


def texts_since(fake: FakeTelegram, chat_id: int, before: int) -> list[str]:
    return [m.text for m in fake.bot_messages(chat_id)[before:]]


async def test_words_under_the_done_notice_in_a_merged_in_group_never_name_the_other_flat(
    fake: FakeTelegram, run_bot
):
    """#2 of 5栋's group is folded into #1 (3栋's, reported from flat 3-2-501), and #1 is
    done. Under the done notice in 5栋's group, 李叔's words that give no verdict are pointed
    to the buttons, 王大爷's 没修好 is told who rates, and 李叔's 没修好 reopens it: each answer
    there names #1 as 3-2; 3栋's group, where the worker is, hears his reason with the flat."""
    async with run_bot() as app:
        cast = await water_cut_merged_across_groups(fake, app, GROUP, OTHER)
        other, li = cast.other, cast.second
        wang = fake.person(503, "王大爷")
        fake.say(fake.private(cast.worker), cast.worker, "/done 1 阀门已更换 已恢复供水")
        await settle(app, fake)
        notice = fake.bot_messages(OTHER)[-1]
        assert "已办结" in notice.text and "3-2" in notice.text and "501" not in notice.text
        before, home = len(fake.bot_messages(OTHER)), len(fake.bot_messages(GROUP))
        fake.say(other, li, "师傅辛苦了", reply_to=notice.message_id)
        fake.say(other, wang, "没修好", reply_to=notice.message_id)
        await settle(app, fake)
        fake.say(other, li, "没修好 还是没水", reply_to=notice.message_id)
        await settle(app, fake)
        said = texts_since(fake, OTHER, before)
        told_home = texts_since(fake, GROUP, home)
    assert len(said) >= 3, said
    leaked = [t for t in said if "501" in t]
    assert not leaked, leaked
    assert any("3-2 " in t for t in said), said
    assert any("3-2-501" in t and "还是没水" in t for t in told_home), told_home


async def test_a_refusal_in_a_merged_in_group_never_names_the_other_flat(
    fake: FakeTelegram, run_bot
):
    """In 5栋's group #1 is its own ticket too (its report was folded in): a command there the
    loop refuses (/reopen of a ticket still open) names it as 3-2, as /list and /ticket do.
    (/cancel's refusal, 还有其他邻居反映了, names no ticket.)"""
    async with run_bot() as app:
        cast = await water_cut_merged_across_groups(fake, app, GROUP, OTHER)
        other, li = cast.other, cast.second
        before = len(fake.bot_messages(OTHER))
        fake.say(other, li, "/cancel 1")
        fake.say(other, li, "/reopen 1 还是没水")
        await settle(app, fake)
        said = texts_since(fake, OTHER, before)
    assert len(said) >= 2, said
    leaked = [t for t in said if "501" in t]
    assert not leaked, said
    assert any("3-2" in t and "不能重新打开" in t for t in said), said
