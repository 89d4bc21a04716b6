"""A resident who says her problem went away ("算了不用了 我儿子换好了") is told how to withdraw
it (QA round 28: the ticket stayed open and was reminded about, and she heard nothing)."""

from __future__ import annotations

from bot.devtools.runner import settle
from tests.engines import peek
from tests.factories import WORKER2_ID, WORKER_ID

GROUP = -7901


async def test_her_own_words_that_it_is_over_get_how_to_withdraw_it_once(fake, run_bot, config):
    group = fake.group(GROUP, "3栋群")
    zhang, li, wang = fake.person(1, "张阿姨"), fake.person(2, "李叔"), fake.person(3, "王姐")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元楼道灯不亮了 好几天了")
        fake.say(group, li, "地下车库B区有人乱停车 堵死了")
        fake.say(group, wang, "我家也是 车库堵死了")
        await settle(app, fake)
        before = len(fake.bot_messages(GROUP))
        fake.say(group, zhang, "算了不用了 我儿子换好了")
        fake.say(group, li, "好了好了 别吵了")  # chatter: no ticket of his is over
        fake.say(group, wang, "车已经挪走了")  # the ticket is her neighbour's too: theirs to say
        await settle(app, fake)
        fake.say(group, zhang, "没事了 灯亮了")  # said again: told once
        await settle(app, fake)
    said = fake.bot_messages(GROUP)[before:]
    assert [m.text for m in said] == [
        "收到。如果 #1【照明】3栋2单元 的问题已经解决，可以发 /cancel 1 撤销；"
        "问题还在的话不用管，网格员会继续办理。"
    ]
    with peek(config) as conn:
        assert conn.execute("SELECT status FROM tickets WHERE id = 1").fetchone()[0] == "open"


async def test_the_workers_alerted_of_a_danger_hear_her_say_it_is_over_once(fake, run_bot):
    """A fire nobody has taken yet; its only reporter says "没事了 是演练" under her report: she
    is told how to withdraw it, and each worker alerted in private hears her words under the
    alert, with the commands for it — once, however often she says it. A lamp she says is
    fixed tells the workers nothing (they were never alerted)."""
    group = fake.group(GROUP, "3栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        fake.say(fake.private(wang), wang, "/start")  # 小陈 never did: not alerted
        await settle(app, fake)
        fire = fake.say(group, zhang, "5栋楼道着火了 好大的烟")
        fake.say(group, li, "3栋2单元楼道灯不亮了 好几天了")
        await settle(app, fake)
        fake.say(group, zhang, "没事了 是演练 <消防队>", reply_to=fire)
        await settle(app, fake)
        fake.say(group, zhang, "没事了 是演练")  # said again: nobody told twice
        fake.say(group, li, "算了不用了 我儿子换好了")
        await settle(app, fake)
    alert, told = fake.bot_messages(WORKER_ID)[-2:]
    assert "紧急诉求" in alert.text and told.reply_to == alert.message_id
    sent = [c for c in fake.calls_of("sendMessage") if c["chat_id"] == WORKER_ID]
    assert str(sent[-1]["text"]) == (
        "💬 紧急诉求 🚨#1【消防安全】5栋 的反映人在群里说：没事了 是演练 &lt;消防队&gt;\n"
        "可 /cancel 1 撤销，或 /ticket 1 查看。"
    )
    assert fake.bot_messages(WORKER2_ID) == []
    assert sum("/cancel 1" in m.text for m in fake.bot_messages(GROUP)) == 1
    assert any("/cancel 2" in m.text for m in fake.bot_messages(GROUP))
