"""Residents and workers taking back or correcting what they said (QA round 37): a verdict
regretted after the ticket was archived, a complaint that was a mistake, a place said wrong, a
worker's /cancel by mistake."""

from __future__ import annotations

from bot.devtools.runner import settle
from bot.runtime.schedule import supervise
from bot.runtime.services import SERVICES_KEY
from tests.e2e.scenes import done_lift
from tests.engines import peek
from tests.factories import WORKER_ID

GROUP = -7371


def rows(config, sql: str) -> list[tuple]:
    with peek(config) as conn:
        return [tuple(r) for r in conn.execute(sql).fetchall()]


async def test_not_fixed_after_rating_it_pleased_is_told_how_to_reopen_it(fake, run_bot, config):
    """张阿姨 tapped 满意 (the ticket archived), then found the lift still broken: her "没修好"
    under the done notice was told only "这件诉求已经归档，评价已结束", and a "不满意 还是坏的" of
    its own was filed as a new ticket of 【其他】 with no place. Now both are told how to reopen
    #1 (/reopen 1), and nothing new is filed."""
    async with run_bot() as app:
        group, zhang, _, done = await done_lift(fake, app, GROUP)
        fake.press(done, zhang, "rate:1:s:1")
        await settle(app, fake)
        before = len(fake.bot_messages(GROUP))
        fake.say(group, zhang, "没修好", reply_to=done.message_id)
        await settle(app, fake)
        fake.say(group, zhang, "不满意 还是坏的")
        await settle(app, fake)
    said = [m.text for m in fake.bot_messages(GROUP)[before:]]
    assert len(said) == 2, said
    for text in said:
        assert "#1【电梯】3栋2单元" in text and "/reopen 1" in text, text
    assert rows(config, "SELECT id, status FROM tickets") == [(1, "closed")]


async def test_over_while_her_message_waits_for_triage_is_not_filed_an_hour_later(
    fake, run_bot, config, clock
):
    """赵姐's "家里停水了" waited for 研判 (nothing said in the group); she then said "已经好了
    不用来了". Nobody judged it, and an hour later the bot filed it and answered her "已受理 #1
    【供水排水】" — for water she had said was back. Now her words settle it: it no longer
    waits, every worker's notice says why (her words with it), and nothing is filed. 李叔's
    item, seconded by nobody but not said to be over, is filed as before."""
    group = fake.group(GROUP, "3栋群")
    zhao, li = fake.person(4, "赵姐"), fake.person(2, "李叔")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(fake.private(wang), wang, "/start")
        await settle(app, fake)
        fake.say(group, zhao, "家里停水了")
        fake.say(group, li, "我家菜地里头全是水")
        await settle(app, fake)
        notices = [m for m in fake.bot_messages(WORKER_ID) if m.reply_markup]
        assert len(notices) == 2, [m.text for m in fake.bot_messages(WORKER_ID)]
        fake.say(group, zhao, "已经好了 不用来了")
        await settle(app, fake)
        clock.advance(minutes=61)
        assert (await supervise(services))["triage_filed"] == 1
        await settle(app, fake)
    assert rows(config, "SELECT user_id FROM reports") == [(2,)]  # 李叔's only
    said = [m.text for m in fake.bot_messages(GROUP)]
    assert len(said) == 1 and said[0].startswith("已受理 #1"), said  # his, under his words
    first = notices[0]
    assert first.edited and first.reply_markup is None
    assert first.text.startswith("💬 居民随后在群里说：已经好了 不用来了"), first.text
    assert first.text.endswith("赵姐：家里停水了"), first.text
