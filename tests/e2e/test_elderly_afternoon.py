"""An elderly resident's afternoon in the building group, and the building chief (楼栋长): the
way they really chase, repeat and answer — each met politely, no ticket lost or doubled."""

from __future__ import annotations

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from bot.runtime.services import SERVICES_KEY
from bot.runtime.triage import file_overdue
from tests.engines import peek
from tests.factories import WORKER_ID

GROUP = -2311


async def test_her_impatient_words_under_the_acknowledgement_are_answered(
    fake: FakeTelegram, run_bot, config, clock
):
    """Two hours after the lift was filed 张奶奶 writes under its acknowledgement "怎么还没修",
    then just "？？？", and later, on her own, "咋还没人来": each is answered with where her
    ticket stands — not met with silence. Nothing new is filed."""
    group = fake.group(GROUP, "3栋群")
    zhang = fake.person(1, "张奶奶")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了")
        await settle(app, fake)
        ack = fake.bot_messages(GROUP)[-1]
        clock.advance(hours=2)
        for words, reply_to in [("怎么还没修", ack.message_id), ("？？？", ack.message_id),
                                ("咋还没人来", None), ("怎么没人管", None)]:  # fmt: skip
            asked = fake.say(group, zhang, words, reply_to=reply_to)
            await settle(app, fake)
            answer = fake.bot_messages(GROUP)[-1]
            assert answer.reply_to == asked["message_id"], words
            assert "#1【电梯】" in answer.text and "等网格员接单" in answer.text, answer.text
    with peek(config) as conn:
        assert conn.execute("SELECT count(*), max(households) FROM tickets").fetchone() == (1, 1)
        assert conn.execute("SELECT count(*) FROM triage").fetchone() == (0,)


async def test_question_marks_alone_are_nobodys_question(fake: FakeTelegram, run_bot, config):
    """Question marks ("？？？") on their own, or under a neighbour's words, react to the chat:
    they ask nothing of her ticket, and nothing is said."""
    group = fake.group(GROUP, "3栋群")
    zhang, li = fake.person(1, "张奶奶"), fake.person(2, "李叔")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了")
        await settle(app, fake)
        before = len(fake.bot_messages(GROUP))
        chatter = fake.say(group, li, "今晚广场舞取消了")
        fake.say(group, zhang, "？？？", reply_to=chatter)
        fake.say(group, zhang, "???")
        await settle(app, fake)
        assert fake.bot_messages(GROUP)[before:] == []


async def test_her_double_tap_and_her_complaint_said_again_are_not_merged_into_herself(
    fake: FakeTelegram, run_bot, config, clock
):
    """Her thumb taps send twice: the same words a second later are not answered again
    ("已合并到 #1（已有 1 户反映）", merged into her own report). An hour on, nobody having
    answered, she says it again ("电梯还是坏的啊 怎么没人管"): she is told where it stands, not
    that it was merged into itself. Both are kept in the ticket; a neighbour's words still
    join it as another household."""
    group = fake.group(GROUP, "3栋群")
    zhang, li = fake.person(1, "张奶奶"), fake.person(2, "李叔")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋电梯又坏了 老人下不了楼")
        fake.say(group, zhang, "3栋电梯又坏了 老人下不了楼")
        await settle(app, fake)
        assert [m.text.split("\n")[0] for m in fake.bot_messages(GROUP)] == ["已受理 #1【电梯】3栋"]
        clock.advance(hours=1)
        again = fake.say(group, zhang, "电梯还是坏的啊 怎么没人管")
        await settle(app, fake)
        answer = fake.bot_messages(GROUP)[-1]
        assert answer.reply_to == again["message_id"]
        assert "#1【电梯】3栋" in answer.text and "等网格员接单" in answer.text, answer.text
        assert "合并" not in answer.text
        fake.say(group, li, "3栋电梯坏了 我也爬不动")
        await settle(app, fake)
        assert fake.bot_messages(GROUP)[-1].text.startswith("已合并到 #1【电梯】3栋（已有 2 户反映")
    with peek(config) as conn:
        assert conn.execute("SELECT count(*), max(households) FROM tickets").fetchone() == (1, 2)
        assert conn.execute("SELECT count(*) FROM reports").fetchone() == (4,)


async def test_the_chiefs_double_tap_waits_for_a_worker_once(fake: FakeTelegram, run_bot, config):
    """The building chief reports for an old neighbour in words the bot is unsure of, and the
    message goes out twice: the workers are asked to judge it once, not twice."""
    group = fake.group(GROUP, "3栋群")
    chief, worker = fake.person(7, "楼栋长老刘"), fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        fake.say(fake.private(worker), worker, "/start")
        await settle(app, fake)
        for _ in range(2):
            fake.say(group, chief, "帮502的王阿姨反映一下 她家停水两天了")
        await settle(app, fake)
        notices = [m for m in fake.bot_messages(WORKER_ID) if m.text.startswith("🤔 研判")]
        assert len(notices) == 1, [m.text for m in notices]
    with peek(config) as conn:
        assert conn.execute("SELECT count(*) FROM triage").fetchone() == (1,)


async def test_a_place_said_alone_just_before_or_after_is_the_complaints_place(
    fake: FakeTelegram, run_bot, config, clock
):
    """Elders type in pieces: "3栋", then "电梯又坏了" — the lift of 3栋 is filed; "路灯不亮了",
    then "5号楼门口的" — the lamp's ticket gets its place after it was filed. A place said by a
    neighbour, or minutes before, is not hers to give; and a place alone is never a ticket."""
    group = fake.group(GROUP, "3栋群")
    zhang, li = fake.person(1, "张奶奶"), fake.person(2, "李叔")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋")
        fake.say(group, zhang, "电梯又坏了")
        await settle(app, fake)
        assert fake.bot_messages(GROUP)[-1].text.startswith("已受理 #1【电梯】3栋")
        fake.say(group, li, "路灯不亮了")
        await settle(app, fake)
        fake.say(group, li, "5号楼门口的")
        await settle(app, fake)
        fake.say(group, li, "7栋")  # later pieces never move a place once given
        fake.say(group, zhang, "9栋")  # a neighbour's place is not his
        await settle(app, fake)
        clock.advance(minutes=10)
        fake.say(group, zhang, "楼下垃圾没人收")  # her "9栋" was ten minutes ago
        await settle(app, fake)
    with peek(config) as conn:
        rows = conn.execute("SELECT id, category, location FROM tickets ORDER BY id").fetchall()
        assert [tuple(r) for r in rows] == [
            (1, "lift", "3栋"), (2, "lighting", "5号楼"), (3, "sanitation", None)
        ]  # fmt: skip


async def test_a_place_after_an_old_item_filed_by_the_timeout_is_her_new_complaints(
    fake: FakeTelegram, run_bot, config, clock
):
    """Her words of an hour ago waited in 研判 and are filed by the timeout just now; then she
    types "3栋" and "电梯又坏了": the place is the lift's, not the old item's."""
    group = fake.group(GROUP, "3栋群")
    zhang = fake.person(1, "张奶奶")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(group, zhang, "我家菜地里头全是水")  # unsure: waits for a worker
        await settle(app, fake)
        clock.advance(minutes=61)
        assert await file_overdue(services) == 1
        await settle(app, fake)
        fake.say(group, zhang, "3栋")
        fake.say(group, zhang, "电梯又坏了")
        await settle(app, fake)
    with peek(config) as conn:
        rows = conn.execute("SELECT id, category, location FROM tickets ORDER BY id").fetchall()
    assert [(r[0], r[2]) for r in rows] == [(1, None), (2, "3栋")]


async def test_a_place_said_before_an_unsure_message_goes_with_it_to_the_worker(
    fake: FakeTelegram, run_bot, config
):
    """ "3栋", then "停电了" (unsure, so it waits for a worker): the 研判 item keeps her place, and
    the ticket a worker files from it is the outage of 3栋."""
    group = fake.group(GROUP, "3栋群")
    zhang, wang = fake.person(1, "张奶奶"), fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        fake.say(fake.private(wang), wang, "/start")
        await settle(app, fake)
        fake.say(group, zhang, "3栋")
        fake.say(group, zhang, "停电了")
        await settle(app, fake)
        [notice] = [m for m in fake.bot_messages(WORKER_ID) if m.text.startswith("🤔 研判")]
        assert "3栋" in notice.text.replace("3栋群", ""), notice.text  # its best guess of place
        fake.press(notice, wang, notice.reply_markup["inline_keyboard"][0][0]["callback_data"])
        await settle(app, fake)
        assert fake.bot_messages(GROUP)[-1].text.startswith("已受理 #1【供电】3栋")
    with peek(config) as conn:
        assert conn.execute("SELECT location FROM tickets").fetchall() == [("3栋",)]


async def test_her_voice_message_under_the_bots_message_is_asked_for_in_words(
    fake: FakeTelegram, run_bot, config
):
    """张奶奶 pressed 不满意 and is asked why; she answers under the bot's message with a voice
    message, as she does with her family. The bot cannot hear it: she is told once, as a
    reply, to say it in words — not left waiting for an answer that never comes. A voice
    message that answers nobody in particular still passes in silence."""
    group = fake.group(GROUP, "3栋群")
    zhang, worker = fake.person(1, "张奶奶"), fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了")
        await settle(app, fake)
        fake.say(group, worker, "/done 1 已修好")
        await settle(app, fake)
        done = fake.bot_messages(GROUP)[-1]
        fake.press(done, zhang, "rate:1:d:1")
        await settle(app, fake)
        why = fake.bot_messages(GROUP)[-1]
        voice = fake.voice(group, zhang, reply_to=why.message_id)
        await settle(app, fake)
        answer = fake.bot_messages(GROUP)[-1]
        assert answer.reply_to == voice["message_id"], answer.text
        assert "语音" in answer.text and "文字" in answer.text, answer.text
        before = len(fake.bot_messages(GROUP))
        fake.voice(group, zhang)
        await settle(app, fake)
        assert fake.bot_messages(GROUP)[before:] == []
