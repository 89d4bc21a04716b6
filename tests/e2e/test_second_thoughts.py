"""Residents and workers taking back or correcting what they said (QA round 37): a verdict
regretted after the ticket was archived, a complaint that was a mistake, a place said wrong, a
worker's /cancel by mistake."""

from __future__ import annotations

from bot.devtools.runner import settle
from tests.e2e.scenes import done_lift
from tests.engines import peek

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
