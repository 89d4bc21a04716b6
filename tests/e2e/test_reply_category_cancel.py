"""/category and /cancel without a number, as a reply in the group — to the acknowledgement or
to the resident's report — act on that ticket, as /done and /note do; under a post about
several tickets the worker is asked for the number; the resident withdraws hers the same way."""

from __future__ import annotations

from bot import texts
from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from tests.e2e.test_triage import UNSURE_FLOOD, workers_started
from tests.engines import rows
from tests.factories import WORKER_ID

GROUP = -28201


async def test_category_and_cancel_as_replies_act_on_the_ticket_replied_to(
    fake: FakeTelegram, run_bot, config
):
    group, wang = fake.group(GROUP, "3栋业主群"), fake.person(WORKER_ID, "网格员小王")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    async with run_bot(config) as app:
        fake.say(group, zhang, "3栋楼道里堆满了纸箱子 走都走不过去")  # #1 消防安全
        await settle(app, fake)
        ack = fake.bot_messages(GROUP)[-1]
        traffic = fake.say(group, li, "石桥铺那一段堵车堵得好凶 半个钟头都没动")  # #2
        await settle(app, fake)
        fake.say(group, wang, "/category 环境卫生", reply_to=ack.message_id)
        await settle(app, fake)
        recategorised = fake.bot_messages(GROUP)[-1].text
        fake.say(group, wang, "/cancel 不是诉求", reply_to=traffic)
        await settle(app, fake)
        cancelled = fake.bot_messages(GROUP)[-1].text
        fake.say(group, wang, "/category 停车", reply_to=fake.say(group, zhang, "谢谢"))
        await settle(app, fake)
        not_a_ticket = fake.bot_messages(GROUP)[-1].text
    assert rows(config, "SELECT id, category, status FROM tickets ORDER BY id") == [
        (1, "sanitation", "open"),
        (2, "parking", "cancelled"),
    ]
    assert "#1" in recategorised and "环境卫生" in recategorised, recategorised
    assert "#2" in cancelled, cancelled
    assert not_a_ticket.startswith("用法：/category"), not_a_ticket
    lessons = rows(config, "SELECT source, ticket_id FROM lessons ORDER BY id")
    assert ("category", 1) in lessons and ("cancel", 2) in lessons


async def test_a_resident_withdraws_hers_by_replying_cancel_to_its_acknowledgement(
    fake: FakeTelegram, run_bot, config
):
    group, zhang = fake.group(GROUP, "3栋业主群"), fake.person(1, "张阿姨")
    async with run_bot(config) as app:
        fake.say(group, zhang, "5栋楼道的灯坏了 晚上黑黢黢的")
        await settle(app, fake)
        ack = fake.bot_messages(GROUP)[-1]
        fake.say(group, zhang, "/cancel 已经修好了", reply_to=ack.message_id)
        await settle(app, fake)
    assert rows(config, "SELECT status FROM tickets") == [("cancelled",)]
    assert texts.CANCEL_USAGE not in [m.text for m in fake.bot_messages(GROUP)]


async def test_cancel_under_a_message_that_waits_for_judging_is_not_told_to_file_it(
    fake: FakeTelegram, run_bot, config
):
    """Her unsure message waits for a worker; /cancel under it wants it gone. She is not told
    to file it with /new and have it taken (接单), which is what /assign under it is told."""
    group, zhang = fake.group(GROUP, "3栋业主群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot(config) as app:
        await workers_started(app, fake, wang)
        waiting = fake.say(group, zhang, UNSURE_FLOOD)
        await settle(app, fake)
        fake.say(group, zhang, "/cancel", reply_to=waiting)
        await settle(app, fake)
        hers = fake.bot_messages(GROUP)[-1].text
        fake.say(group, wang, "/cancel 不是诉求", reply_to=waiting)
        await settle(app, fake)
        his = fake.bot_messages(GROUP)[-1].text
    assert rows(config, "SELECT state FROM triage") == [("pending",)]  # the worker still judges
    assert rows(config, "SELECT count(*) FROM tickets") == [(0,)]
    assert "/new" not in hers and "接单" not in hers and hers == texts.CANCEL_NOT_FILED, hers
    assert his == texts.CANCEL_NOT_FILED_WORKER and texts.TRIAGE_DISMISS_BUTTON in his


async def test_a_word_that_is_no_category_is_named_with_what_it_may_mean(
    fake: FakeTelegram, run_bot, config
):
    group, wang = fake.group(GROUP, "3栋业主群"), fake.person(WORKER_ID, "网格员小王")
    async with run_bot(config) as app:
        fake.say(group, fake.person(1, "张阿姨"), "3栋楼道里堆满了纸箱子 走都走不过去")
        await settle(app, fake)
        fake.say(group, wang, "/category 1 物业")
        await settle(app, fake)
        meant = fake.bot_messages(GROUP)[-1].text
        fake.say(group, wang, "/category 1 <b>x</b>")
        await settle(app, fake)
        unknown = fake.bot_messages(GROUP)[-1].text
    assert meant == "“物业”不是类别，是不是要发 /category 1 物业服务？", meant
    assert unknown.startswith("“<b>x</b>”不是类别。用法：/category"), unknown  # as typed
    assert rows(config, "SELECT category FROM tickets") == [("fire_safety",)]


async def test_an_everyday_word_is_answered_with_the_category_the_bot_gives_it(
    fake: FakeTelegram, run_bot, config
):
    """`/category 1 垃圾`: no category's name, but the bot's own classifier reads 垃圾 as
    环境卫生 — that one is suggested, not all fifteen; the ticket keeps its category. A word the
    classifier makes nothing of is answered with every category, as before."""
    group, wang = fake.group(GROUP, "3栋业主群"), fake.person(WORKER_ID, "网格员小王")
    async with run_bot(config) as app:
        fake.say(group, fake.person(1, "张阿姨"), "3栋楼道里堆满了纸箱子 走都走不过去")
        await settle(app, fake)
        said = []
        for typed in ("/category 1 垃圾", "/category 1 <狗>", "/category 1 明天"):
            fake.say(group, wang, typed)
            await settle(app, fake)
            said.append(fake.bot_messages(GROUP)[-1].text)
    rubbish, dog, tomorrow = said
    assert rubbish == "“垃圾”不是类别，是不是要发 /category 1 环境卫生？", rubbish
    assert dog == "“<狗>”不是类别，是不是要发 /category 1 宠物？", dog  # as typed
    assert tomorrow.startswith("“明天”不是类别。用法：/category") and "宠物" in tomorrow
    assert rows(config, "SELECT category FROM tickets") == [("fire_safety",)]  # unchanged


async def test_a_resident_reopens_hers_by_replying_reopen_under_the_bots_word_of_it(
    fake: FakeTelegram, run_bot, config
):
    """张奶奶 pressed 满意 (archived), then finds the lift broken again: "不满意 根本没修好" is
    answered "请发 /reopen 1 并写上情况"; she replies to that answer "/reopen 还是坏的" — #1 is
    reopened with her reason, as /cancel and /done work under the bot's posts — not met with
    the usage. Another time, "/reopen 又坏了" under the done notice itself reopens it too."""
    group, wang = fake.group(GROUP, "3栋业主群"), fake.person(WORKER_ID, "网格员小王")
    zhang = fake.person(1, "张奶奶")
    async with run_bot(config) as app:
        fake.say(group, zhang, "3栋2单元电梯坏了")
        await settle(app, fake)
        fake.say(group, wang, "/done 1 已修好")
        await settle(app, fake)
        done = fake.bot_messages(GROUP)[-1]
        fake.press(done, zhang, "rate:1:s:1")
        await settle(app, fake)
        fake.say(group, zhang, "不满意 根本没修好")
        await settle(app, fake)
        how = fake.bot_messages(GROUP)[-1]
        assert "/reopen 1" in how.text, how.text
        fake.say(group, zhang, "/reopen 还是坏的", reply_to=how.message_id)
        await settle(app, fake)
        assert rows(config, "SELECT status, reopened FROM tickets") == [("assigned", 1)]
        fake.say(group, wang, "/done 1 换了门机板")
        await settle(app, fake)
        done = fake.bot_messages(GROUP)[-1]
        fake.press(done, zhang, "rate:1:s:2")
        await settle(app, fake)
        fake.say(group, zhang, "/reopen 又坏了", reply_to=done.message_id)
        await settle(app, fake)
    assert rows(config, "SELECT status, reopened FROM tickets") == [("assigned", 2)]
    reasons = rows(config, "SELECT detail FROM events WHERE action = 'reopen' ORDER BY id")
    assert [r[0] for r in reasons] == ["还是坏的", "又坏了"]
