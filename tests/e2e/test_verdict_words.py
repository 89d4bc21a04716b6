"""Verdicts in words and rounds of verdicts, through the real bot: a resident who types "没修好"
under the done notice instead of pressing a button is heard; a button or a reason left from an
earlier /done does not count for the next one; a reminder of an earlier round is not posted."""

from __future__ import annotations

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from bot.runtime.keyboards import callback_round, parse_callback, rating_buttons, rating_target
from bot.runtime.schedule import supervise
from bot.runtime.services import SERVICES_KEY
from tests.engines import peek
from tests.factories import WORKER_ID

GROUP = -2001


def one(config, sql, params=()):
    with peek(config) as conn:
        return conn.execute(sql, params).fetchone()


def last_text(fake: FakeTelegram, chat_id: int = GROUP) -> str:
    return fake.bot_messages(chat_id)[-1].text


async def test_a_verdict_told_in_words_under_the_done_notice(fake: FakeTelegram, run_bot, config):
    group = fake.group(GROUP, "3栋群")
    zhang, li, wang = fake.person(1, "张阿姨"), fake.person(2, "李叔"), fake.person(3, "王姐")
    worker = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        fake.say(group, worker, "/done 1 门机板已更换")
        await settle(app, fake)
        done = fake.bot_messages(GROUP)[-1]
        assert done.reply_markup["inline_keyboard"][0][0]["callback_data"] == "rate:1:s:1"

        fake.say(group, zhang, "我晚上回去看看", reply_to=done.message_id)
        await settle(app, fake)
        assert "请点办结消息下面的按钮评价" in last_text(fake)  # no verdict in those words

        fake.say(group, wang, "没修好", reply_to=done.message_id)  # not a reporter
        await settle(app, fake)
        assert "由反映的住户评价" in last_text(fake)
        assert one(config, "SELECT status FROM tickets WHERE id = 1") == ("done",)

        fake.say(group, zhang, "还是不行 门还是关不上", reply_to=done.message_id)
        await settle(app, fake)
        said = last_text(fake)
        assert "张阿姨 评价不满意" in said and "重新交办" in said
        assert "原因：还是不行 门还是关不上" in said and "请跟进" in said
        assert one(config, "SELECT status, reopened FROM tickets WHERE id = 1") == ("assigned", 1)
        assert one(config, "SELECT rating, reason FROM ratings WHERE user_id = 1") == (
            "dissatisfied",
            "还是不行 门还是关不上",
        )

        fake.say(group, worker, "/done 1 换了闭门器")
        await settle(app, fake)
        second = fake.bot_messages(GROUP)[-1]
        fake.say(group, zhang, "修好了 谢谢小王", reply_to=second.message_id)
        await settle(app, fake)
        assert "谢谢 张阿姨 的评价（满意）" in last_text(fake) and "已办结归档" in last_text(fake)
        fake.say(group, li, "楼下5栋门口的路灯也坏了", reply_to=second.message_id)
        await settle(app, fake)
        assert last_text(fake).startswith("已受理 #2")  # a complaint of its own, heard as usual
    assert one(config, "SELECT status, rating FROM tickets WHERE id = 1") == ("closed", "satisfied")
    assert one(config, "SELECT count(*) FROM tickets")[0] == 2


async def test_a_complaint_under_the_done_notice_from_its_reporter_is_not_fixed(
    fake: FakeTelegram, run_bot, config
):
    group = fake.group(GROUP, "3栋群")
    zhang, worker = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(group, zhang, "5栋楼道灯坏了 晚上黑黢黢的")
        await settle(app, fake)
        fake.say(group, worker, "/done 1 换了灯泡")
        await settle(app, fake)
        done = fake.bot_messages(GROUP)[-1]
        fake.say(group, zhang, "楼道里晚上还是黑的", reply_to=done.message_id)
        fake.say(group, zhang, "楼道里晚上还是黑的", reply_to=done.message_id)  # sent twice
        await settle(app, fake)
    assert one(config, "SELECT count(*) FROM tickets")[0] == 1  # no second ticket for it
    assert one(config, "SELECT status, reopened FROM tickets WHERE id = 1") == ("assigned", 1)
    assert one(config, "SELECT count(*) FROM events WHERE action = 'reopen'")[0] == 1


async def test_an_earlier_rounds_button_and_reason_do_not_count(
    fake: FakeTelegram, run_bot, config
):
    group = fake.group(GROUP, "3栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    worker = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        fake.say(group, li, "3栋2单元电梯又停了")
        await settle(app, fake)
        fake.say(group, worker, "/done 1 门机板已更换")
        await settle(app, fake)
        first = fake.bot_messages(GROUP)[-1]
        fake.press(first, zhang, "rate:1:d:1")
        await settle(app, fake)
        asked = fake.bot_messages(GROUP)[-1]  # "张阿姨 可以直接回复本条消息说明原因"
        fake.say(group, worker, "/done 1 换了闭门器")
        await settle(app, fake)

        fake.press(first, li, "rate:1:d:1")  # round 1's button, after round 2 began
        await settle(app, fake)
        assert fake.callback_answers[-1]["text"].startswith("这是之前一次办结时的评价按钮")
        assert one(config, "SELECT status FROM tickets WHERE id = 1") == ("done",)

        fake.say(group, zhang, "门还是关不上", reply_to=asked.message_id)  # round 1's question
        await settle(app, fake)
        assert "补充不满意的原因" not in last_text(fake)
        assert one(config, "SELECT count(*) FROM events WHERE action = 'reason'")[0] == 0

        fake.press(first, li, "rate:1:s")  # a button posted before rounds were marked
        await settle(app, fake)
        assert fake.callback_answers[-1]["text"] == "谢谢评价"


async def test_a_reminder_of_an_earlier_round_is_not_posted(
    fake: FakeTelegram, run_bot, clock, config
):
    group = fake.group(GROUP, "3栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    worker = fake.person(WORKER_ID, "小王")
    clock.now = clock.now.replace(hour=2)  # 10:00 in Shanghai
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        fake.say(group, li, "3栋2单元电梯又停了")
        await settle(app, fake)
        fake.say(group, worker, "/done 1 门机板已更换")
        await settle(app, fake)
        clock.advance(hours=36, minutes=30)  # 22:30 local: the reminder waits for the morning
        await supervise(services)
        await settle(app, fake)
        waiting = one(config, "SELECT count(*) FROM outbox WHERE sent_at IS NULL")[0]
        assert waiting == 1
        done = [m for m in fake.bot_messages(GROUP) if "已办结" in m.text][-1]
        fake.press(done, zhang, "rate:1:d:1")  # overnight: reopened …
        await settle(app, fake)
        fake.say(group, worker, "/done 1 换了闭门器")  # … and done again
        await settle(app, fake)
        before = len(fake.bot_messages(GROUP))
        clock.advance(hours=9)  # 07:30 local
        await supervise(services)
        await settle(app, fake)
        posted = [m.text for m in fake.bot_messages(GROUP)[before:]]
        assert not any("问题解决了吗" in text for text in posted), posted
    dropped = one(config, "SELECT dropped FROM outbox WHERE kind = 'rating'")
    assert dropped is not None and dropped[0]


def test_rating_buttons_carry_their_round() -> None:
    markup = rating_buttons(12, 3).to_dict()
    assert [b["callback_data"] for b in markup["inline_keyboard"][0]] == [
        "rate:12:s:3",
        "rate:12:b:3",
        "rate:12:d:3",
    ]
    assert rating_target(markup) == (12, 3)
    legacy = {"inline_keyboard": [[{"text": "满意", "callback_data": "rate:5:s"}]]}
    assert rating_target(legacy) == (5, None)  # posted before rounds were marked
    take = {"inline_keyboard": [[{"text": "接单", "callback_data": "take:5"}]]}
    assert rating_target(take) is None
    assert rating_target(None) is None
    assert parse_callback("rate:12:s:3") == ("rate", 12, "s")
    assert callback_round("rate:12:s:3") == 3 and callback_round("rate:12:s") is None
    assert parse_callback("rate:12:s:x") is None and parse_callback("rate:12:s:3:4") is None


async def test_a_command_in_a_photos_caption_is_acted_on(fake: FakeTelegram, run_bot, config):
    group = fake.group(GROUP, "3栋群")
    zhang, worker = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        ack = fake.bot_messages(GROUP)[-1]
        fake.photo(group, worker, "/done 门机板已更换", reply_to=ack.message_id)
        await settle(app, fake)
        assert "已办结" in last_text(fake) and "门机板已更换" in last_text(fake)
        fake.photo(group, zhang, "/new 5栋楼道堆满了杂物 过不去人")
        await settle(app, fake)
        assert last_text(fake).startswith("已受理 #2")
        fake.photo(group, zhang, "/done@some_other_bot 2")  # another bot's command
        fake.photo(group, zhang, "/nosuchcommand 2")
        await settle(app, fake)
        assert last_text(fake).startswith("已受理 #2")  # nothing said to either
    assert one(config, "SELECT status, done_note FROM tickets WHERE id = 1") == (
        "done",
        "门机板已更换",
    )
    assert one(config, "SELECT summary FROM tickets WHERE id = 2")[0].startswith("5栋楼道")


async def test_a_verdict_in_the_words_of_online_reviews_is_heard(
    fake: FakeTelegram, run_bot, config
):
    """Residents rate as they do in shopping apps: under the done notice "好评" and "挺好的 谢谢"
    are 满意, "一般" is 基本满意, "差评" is 不满意 (its words the reason) — not met with "如果问题
    已经解决，请点按钮" (untrue after a 差评). A hedged "不是很好" is no 满意: the pointer."""
    group = fake.group(GROUP, "3栋群")
    names = ["张奶奶", "李叔", "王姐", "赵", "钱"]
    people = [fake.person(n, name) for n, name in enumerate(names, 1)]
    worker = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        for n, person in enumerate(people):
            fake.say(group, person, f"3栋2单元电梯坏了{'！' * n}")
            await settle(app, fake)
        fake.say(group, worker, "/done 1 门机板已更换")
        await settle(app, fake)
        done = fake.bot_messages(GROUP)[-1]
        said = ["好评", "挺好的 谢谢", "一般", "不是很好", "差评"]
        for person, words in zip(people, said, strict=True):
            fake.say(group, person, words, reply_to=done.message_id)
            await settle(app, fake)
            pointed = "请点办结消息下面的按钮评价" in last_text(fake)
            assert pointed is (words == "不是很好"), (words, last_text(fake))
    with peek(config) as conn:
        given = conn.execute("SELECT user_id, rating FROM ratings ORDER BY user_id").fetchall()
    assert [tuple(r) for r in given] == [
        (1, "satisfied"), (2, "satisfied"), (3, "basically_satisfied"), (5, "dissatisfied")
    ]  # fmt: skip
    assert one(config, "SELECT status, reopened FROM tickets WHERE id = 1") == ("assigned", 1)
