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


async def test_a_complaint_sent_by_mistake_is_told_how_to_withdraw_it(fake, run_bot, config):
    """ "不好意思发错群了" and "刚才那个不算" under a fresh ticket of hers were passed over in
    silence: the ticket stayed open, to be taken and reminded about. Now each gets how to
    withdraw it (/cancel N) once, worded for a mistake; a neighbour's ticket is theirs too, and
    "发错了" of someone who reported nothing says nothing."""
    group = fake.group(GROUP, "3栋群")
    li, wang, chen = fake.person(2, "李叔"), fake.person(3, "王姐"), fake.person(5, "陈伯")
    async with run_bot() as app:
        fake.say(group, li, "楼上漏水到我家了 天花板都湿了")
        fake.say(group, wang, "8栋门口垃圾堆了三天了")
        await settle(app, fake)
        before = len(fake.bot_messages(GROUP))
        fake.say(group, li, "不好意思发错群了")
        fake.say(group, wang, "刚才那个不算")
        fake.say(group, chen, "发错了")
        await settle(app, fake)
    said = [m.text for m in fake.bot_messages(GROUP)[before:]]
    assert said == [
        "收到。如果 #1【邻里纠纷】 是发错了，可以发 /cancel 1 撤销；确实有这个问题的话不用管，"
        "网格员会继续办理。",
        "收到。如果 #2【环境卫生】8栋 是发错了，可以发 /cancel 2 撤销；确实有这个问题的话不用管，"
        "网格员会继续办理。",
    ]
    assert rows(config, "SELECT status FROM tickets") == [("open",), ("open",)]


async def test_a_place_said_wrong_and_corrected_in_a_new_message_is_corrected(
    fake, run_bot, config
):
    """ "3栋电梯坏了 门关不上", then "说错了 是5栋不是3栋": nothing was said, and the ticket kept
    3栋 — a worker sent to the wrong building. Now her own fresh ticket, nobody on it yet,
    takes the place she meant, and she is told so; a neighbour's "不是3栋 是6栋" changes
    nothing of hers, nor does "搞错了 是楼上不是我家" (no place named)."""
    group = fake.group(GROUP, "3栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋电梯坏了 门关不上")
        await settle(app, fake)
        before = len(fake.bot_messages(GROUP))
        fake.say(group, zhang, "说错了 是5栋不是3栋")
        await settle(app, fake)
        fake.say(group, li, "不是3栋 是6栋")
        fake.say(group, zhang, "搞错了 是楼上不是我家")
        await settle(app, fake)
    said = [m.text for m in fake.bot_messages(GROUP)[before:]]
    assert said == ["好的，地点已更正：#1【电梯】5栋。"]
    assert rows(config, "SELECT location FROM tickets") == [("5栋",)]


async def test_a_place_corrected_is_the_ticket_at_the_place_she_did_not_mean(fake, run_bot, config):
    """ "3栋电梯坏了 门关不上", then "6栋楼道灯坏了好几天了", then "说错了 是5栋不是3栋": her
    newest ticket (the 6栋 light) was moved to 5栋, and the lift kept 3栋. The words say which
    place was wrong: the ticket at 3栋 is corrected, the light stays at 6栋."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋电梯坏了 门关不上")
        fake.say(group, zhang, "6栋楼道灯坏了好几天了")
        await settle(app, fake)
        before = len(fake.bot_messages(GROUP))
        fake.say(group, zhang, "说错了 是5栋不是3栋")
        await settle(app, fake)
    said = [m.text for m in fake.bot_messages(GROUP)[before:]]
    assert said == ["好的，地点已更正：#1【电梯】5栋。"], said
    assert rows(config, "SELECT id, location FROM tickets ORDER BY id") == [(1, "5栋"), (2, "6栋")]


async def test_whose_fault_it_is_corrects_no_place(fake, run_bot, config):
    """ "5栋楼道里堆满了杂物 过不去", then "不是物业的问题 是3栋业主堆的": her ticket was moved
    to 3栋 ("好的，地点已更正：#1【消防安全】3栋。") — she had said whose fault it is, not that
    the place was wrong. A "不是…是…" corrects a place only when the place it takes back is one
    ("是5栋不是3栋"), or she says she said it wrong ("说错了 是5栋")."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    async with run_bot() as app:
        fake.say(group, zhang, "5栋楼道里堆满了杂物 过不去")
        await settle(app, fake)
        before = len(fake.bot_messages(GROUP))
        fake.say(group, zhang, "不是物业的问题 是3栋业主堆的")
        fake.say(group, zhang, "不是一天两天了 是6号楼的人堆的")
        await settle(app, fake)
    said = [m.text for m in fake.bot_messages(GROUP)[before:]]
    assert not any("地点已更正" in text for text in said), said
    assert rows(config, "SELECT location FROM tickets") == [("5栋",)]
