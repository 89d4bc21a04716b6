"""Answers to the bot, edited or given late, through the real bot: an edited reason or answer
under the done notice is that answer (never a second ticket), a photo's caption command edited
is no complaint, words under the done notice after 不满意 are its reason, a thank-you keeps the
reason; a merge in private within one group is told there once; an admin's /help in a group
names no worker."""

from __future__ import annotations

import time

from bot.devtools.fakeapi.protocol import entities
from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from tests.e2e.scenes import done_lift
from tests.engines import rows
from tests.factories import WORKER2_ID, WORKER_ID

GROUP = -4601


def texts_in(fake, chat_id=GROUP):
    return [m.text for m in fake.bot_messages(chat_id)]


# -------------------------------------------------------------------------------------------
async def test_editing_the_reason_for_dissatisfied_does_not_file_a_second_ticket(
    fake: FakeTelegram, run_bot, config
):
    async with run_bot() as app:
        group, zhang, _, done = await done_lift(fake, app, GROUP)
        fake.press(done, zhang, "rate:1:d:1")
        await settle(app, fake)
        prompt = fake.bot_messages(GROUP)[-1]  # "…可以直接回复本条消息说明原因。"
        reason = fake.say(group, zhang, "电梯门还是关不上 坏的", reply_to=prompt.message_id)
        await settle(app, fake)
        fake.edit(reason, "3栋电梯门还是关不上 还是坏的")  # she fixes her words
        await settle(app, fake)
        said = texts_in(fake)
    assert not any(t.startswith("已受理 #2") for t in said), said
    assert rows(config, "SELECT count(*) FROM tickets") == [(1,)]


async def test_an_answer_under_the_done_notice_edited_into_not_fixed_is_her_verdict(
    fake: FakeTelegram, run_bot, config
):
    async with run_bot() as app:
        group, zhang, _, done = await done_lift(fake, app, GROUP)
        answer = fake.say(group, zhang, "师傅什么时候来的", reply_to=done.message_id)
        await settle(app, fake)  # the bot points her to the buttons
        fake.edit(answer, "电梯门还是关不上 3栋2单元的电梯还是坏的")
        await settle(app, fake)
    # written so at first, this is her 不满意 and #1 goes back to the worker (README)
    assert rows(config, "SELECT count(*) FROM tickets") == [(1,)]
    assert rows(config, "SELECT status FROM tickets WHERE id = 1") != [("done",)]


# -------------------------------------------------------------------------------------------
async def test_an_edited_photo_caption_command_is_not_heard_as_a_complaint(
    fake: FakeTelegram, run_bot, config
):
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        photo = fake.photo(group, wang, "/note 1 电梯门机板坏了 维保明天来换")
        await settle(app, fake)
        caption = "/note 1 3栋2单元电梯门机板坏了 门关不上 维保明天下午来换"
        edited = {
            **photo,
            "caption": caption,
            "caption_entities": entities(caption),
            "edit_date": int(time.time()),
        }
        fake.push({"edited_message": edited})  # the worker fixes his caption
        await settle(app, fake)
        said = texts_in(fake)
    assert not any("已合并到 #1" in t for t in said), said
    assert rows(config, f"SELECT count(*) FROM reports WHERE user_id = {WORKER_ID}") == [(0,)]
    assert rows(config, "SELECT households FROM tickets WHERE id = 1") == [(1,)]


# -------------------------------------------------------------------------------------------
async def test_words_under_the_done_notice_after_tapping_dissatisfied_are_the_reason(
    fake: FakeTelegram, run_bot, config
):
    async with run_bot() as app:
        group, zhang, _, done = await done_lift(fake, app, GROUP)
        fake.press(done, zhang, "rate:1:d:1")
        await settle(app, fake)
        fake.say(group, zhang, "门还是关不上 晚上根本关不严", reply_to=done.message_id)
        await settle(app, fake)
        said = texts_in(fake)
    assert not any(t.startswith("已受理 #2") for t in said), said
    assert rows(config, "SELECT count(*) FROM tickets") == [(1,)]
    assert rows(config, "SELECT reason FROM ratings WHERE user_id = 1") == [
        ("门还是关不上 晚上根本关不严",)
    ]


# -------------------------------------------------------------------------------------------
async def test_a_thank_you_under_the_reason_prompt_does_not_replace_the_reason(
    fake: FakeTelegram, run_bot, config
):
    async with run_bot() as app:
        group, zhang, _, done = await done_lift(fake, app, GROUP)
        fake.press(done, zhang, "rate:1:d:1")
        await settle(app, fake)
        prompt = fake.bot_messages(GROUP)[-1]
        fake.say(group, zhang, "门还是关不上 晚上根本关不严", reply_to=prompt.message_id)
        await settle(app, fake)
        fake.say(group, zhang, "好的 谢谢", reply_to=prompt.message_id)
        await settle(app, fake)
        said = texts_in(fake)
        assert not any("补充不满意的原因：好的 谢谢" in t for t in said), said
        fake.say(group, zhang, "还有 门缝里夹过孩子的手", reply_to=prompt.message_id)
        await settle(app, fake)
        assert "还有 门缝里夹过孩子的手" in texts_in(fake)[-1]  # the worker hears the rest
    assert rows(config, "SELECT reason FROM ratings WHERE user_id = 1") == [
        ("门还是关不上 晚上根本关不严\n还有 门缝里夹过孩子的手",)
    ]


# -------------------------------------------------------------------------------------------
async def test_a_merge_in_private_within_one_group_tells_the_group_once(
    fake: FakeTelegram, run_bot, config
):
    group, zhang, li = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨"), fake.person(2, "李叔")
    wang = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        fake.say(group, li, "8栋电梯也坏了 困在一楼上不去")
        await settle(app, fake)
        before = len(fake.bot_messages(GROUP))
        fake.say(fake.private(wang), wang, "/merge 1 2")
        await settle(app, fake)
        said = texts_in(fake)[before:]
    assert len(said) == 1, said


# -------------------------------------------------------------------------------------------
async def test_an_admins_help_in_the_group_does_not_show_residents_the_workers_ids(
    fake: FakeTelegram, run_bot
):
    from tests.factories import ADMIN_ID, WORKER2_ID

    group, admin = fake.group(GROUP, "3栋群"), fake.person(ADMIN_ID, "主任")
    async with run_bot() as app:
        fake.say(group, admin, "/help")
        await settle(app, fake)
        said = texts_in(fake)[-1]
    assert str(WORKER_ID) not in said and str(WORKER2_ID) not in said, said


async def test_a_report_edited_into_nothing_to_report_is_told_how_to_withdraw_it_once(
    fake: FakeTelegram, run_bot, config
):
    group, zhang = fake.group(GROUP, "5栋群"), fake.person(1, "张阿姨")
    async with run_bot() as app:
        report = fake.say(group, zhang, "5栋楼道灯坏了 黑黢黢的")
        await settle(app, fake)
        fake.edit(report, "没事了 灯已经好了 谢谢大家")
        await settle(app, fake)
        hint = fake.bot_messages(GROUP)[-1]
        assert "/cancel 1" in hint.text and hint.reply_to == report["message_id"]
        fake.edit(report, "没事了 灯已经好了 谢谢大家！")
        await settle(app, fake)
        assert fake.bot_messages(GROUP)[-1].message_id == hint.message_id  # said once
    assert rows(config, "SELECT status FROM tickets WHERE id = 1") == [("open",)]


async def test_a_thank_you_under_the_done_notice_after_dissatisfied_is_no_reason(
    fake: FakeTelegram, run_bot, config
):
    async with run_bot() as app:
        group, zhang, _, done = await done_lift(fake, app, GROUP)
        fake.press(done, zhang, "rate:1:d:1")
        await settle(app, fake)
        before = len(texts_in(fake))
        fake.say(group, zhang, "好的 谢谢", reply_to=done.message_id)
        await settle(app, fake)
        said = texts_in(fake)[before:]
    assert rows(config, "SELECT rating, reason FROM ratings WHERE user_id = 1") == [
        ("dissatisfied", None)
    ]
    assert not any("好的 谢谢" in t for t in said), said


async def test_a_satisfied_answer_edited_into_not_fixed_changes_nothing_and_keeps_nothing(
    fake: FakeTelegram, run_bot, config
):
    async with run_bot() as app:
        group, zhang, _, done = await done_lift(fake, app, GROUP)
        answer = fake.say(group, zhang, "修好了 谢谢师傅", reply_to=done.message_id)
        await settle(app, fake)
        before = len(texts_in(fake))
        fake.edit(answer, "没修好 门还是关不上")  # a verdict given stands: the buttons change it
        await settle(app, fake)
        said = texts_in(fake)[before:]
    assert rows(config, "SELECT status FROM tickets") == [("closed",)]
    assert rows(config, "SELECT rating, reason FROM ratings") == [("satisfied", None)]
    assert said == [], said


async def test_a_worker_joining_a_ticket_only_workers_reported_is_told_no_household_count(
    fake: FakeTelegram, run_bot, config
):
    group = fake.group(GROUP, "3栋群")
    wang, li = fake.person(WORKER_ID, "小王"), fake.person(WORKER2_ID, "小李")
    async with run_bot() as app:
        fake.say(group, wang, "3栋门口垃圾桶满了 好几天没清运了")
        await settle(app, fake)
        first = fake.bot_messages(GROUP)[-1]
        fake.say(group, li, "+1 3栋门口垃圾桶满了", reply_to=first.message_id)
        await settle(app, fake)
        said = texts_in(fake)
    assert said[-1].startswith("已合并到 #1") and "网格员登记" in said[-1], said
    assert rows(config, "SELECT households FROM tickets") == [(0,)]
