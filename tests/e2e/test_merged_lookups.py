"""A ticket folded into another, as its reporter meets it: /ticket, /cancel and /category
point to the ticket that holds it (QA round 3)."""

from __future__ import annotations

from bot.devtools.runner import settle
from tests.engines import peek
from tests.factories import WORKER_ID

GROUP = -17511
ZHANG, LI = 1, 2  # 张阿姨 reports #1 (a lift), 李叔 #2 (rubbish)


async def _merged_then(fake, run_bot, merge: str, who: int, command: str) -> str:
    """Two reports, a worker's `merge`, then `who` sends `command`: the bot's last answer."""
    group, worker = fake.group(GROUP, "3栋群"), fake.person(WORKER_ID, "小王")
    people = {ZHANG: fake.person(ZHANG, "张阿姨"), LI: fake.person(LI, "李叔")}
    async with run_bot() as app:
        fake.say(group, people[ZHANG], "3栋电梯坏了 门关不上")
        fake.say(group, people[LI], "5栋垃圾三天没人收 臭死了")
        await settle(app, fake)
        fake.say(group, worker, merge)
        await settle(app, fake)
        fake.say(group, people.get(who, worker), command)
        await settle(app, fake)
    return fake.bot_messages(GROUP)[-1].text


async def test_a_merged_tickets_lookup_does_not_say_a_worker_registered_it(fake, run_bot):
    """张阿姨 reported #1, a worker folded it into #2: /ticket 1 must not tell her that #1
    was 网格员登记 (registered by a worker, nobody reported it)."""
    shown = await _merged_then(fake, run_bot, "/merge 2 1", ZHANG, "/ticket 1")
    assert "已合并到 #2" in shown and "网格员登记" not in shown, shown


async def test_the_reporter_of_a_merged_ticket_is_pointed_to_the_ticket_that_holds_it(
    fake, run_bot
):
    """李叔 reported #2, which a worker folded into #1: his /cancel 2 is not refused with
    "only its reporter may" (he is its reporter), but pointed to #1, as /note 2 is."""
    shown = await _merged_then(fake, run_bot, "/merge 1 2", LI, "/cancel 2 搞错了")
    assert "#1" in shown, shown


async def test_the_reporter_reopening_a_merged_ticket_is_pointed_to_the_one_that_holds_it(
    fake, run_bot
):
    """李叔's #2 was folded into #1; when the problem is back he sends /reopen 2 (the number he
    was given): he is pointed to #1, not told he is not its reporter (review, session 27)."""
    shown = await _merged_then(fake, run_bot, "/merge 1 2", LI, "/reopen 2 还是没人收")
    assert "请对 #1 操作" in shown and "只有反映" not in shown, shown


async def test_a_merged_ticket_is_not_recategorised_nor_taught(fake, run_bot, config):
    """/category on a ticket folded into another is pointed to that ticket: it changes
    nothing and teaches the classifier nothing about the folded words."""
    shown = await _merged_then(fake, run_bot, "/merge 1 2", WORKER_ID, "/category 2 noise")
    assert "请对 #1 操作" in shown, shown
    with peek(config) as conn:
        category = conn.execute("SELECT category FROM tickets WHERE id = 2").fetchone()
        taught = conn.execute("SELECT count(*) FROM lessons WHERE category = 'noise'").fetchone()
    assert category == ("sanitation",) and taught == (0,)


async def test_ticket_in_a_merged_group_shows_its_own_households_verdicts(fake, run_bot):
    """5栋's outage report was merged into 3栋's #1; only 3栋's 张阿姨 rated it. /ticket 1 in
    5栋's group lists 5栋's household, 未评价 — not the count of the other group's verdicts,
    as a ticket brought in from a ledger shows its ledger's (there, nobody is listed)."""
    three, five = fake.group(GROUP, "3栋群"), fake.group(GROUP - 1, "5栋群")
    zhang, li = fake.person(ZHANG, "张阿姨"), fake.person(LI, "李叔")
    worker = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(three, zhang, "3栋停电了 一点电都没有")
        fake.say(five, li, "5栋也停电了 冰箱都停了")
        await settle(app, fake)
        fake.say(fake.private(worker), worker, "/merge 1 2")
        await settle(app, fake)
        fake.say(fake.private(worker), worker, "/done 1 已恢复供电")
        await settle(app, fake)
        done = next(m for m in fake.bot_messages(GROUP) if m.text.startswith("✅"))
        fake.press(done, zhang, "rate:1:s")
        await settle(app, fake)
        fake.say(five, li, "/ticket 1")
        await settle(app, fake)
    shown = fake.bot_messages(GROUP - 1)[-1].text
    assert "李叔 未评价" in shown and "满意户数" not in shown, shown
