"""A review's findings on verdicts in words and the commands around them, each as it should be:
everyday words give no false 满意 or 不满意, a danger or another problem said under the done
notice is heard as usual, a reason said after the button is kept, merged groups see their own
words, edits and other bots' commands are left alone, an anonymous admin may still read."""

from __future__ import annotations

import pytest

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from tests.e2e.scenes import done_lift, water_cut_merged_across_groups
from tests.engines import peek
from tests.factories import WORKER_ID

GROUP, OTHER = -2001, -2002


def one(config, sql, params=()):
    with peek(config) as conn:
        return conn.execute(sql, params).fetchone()


def last_text(fake, chat_id=GROUP):
    return fake.bot_messages(chat_id)[-1].text


@pytest.mark.parametrize(
    "reply",
    [
        "修好了吗？我还没回去",  # a question
        "解决了吗",
        "谢谢提醒，晚上回家看看",
        "好了好了 知道了",
    ],
)
async def test_no_false_satisfied_from_everyday_words(fake: FakeTelegram, run_bot, config, reply):
    async with run_bot() as app:
        group, zhang, _, done = await done_lift(fake, app, GROUP)
        fake.say(group, zhang, reply, reply_to=done.message_id)
        await settle(app, fake)
    assert one(config, "SELECT status, rating FROM tickets WHERE id = 1") == ("done", None)


@pytest.mark.parametrize("reply", ["电梯又不能用了", "水又不正常了", "不是很满意"])
async def test_unhappy_words_reopen_and_never_close(fake: FakeTelegram, run_bot, config, reply):
    async with run_bot() as app:
        _, zhang, _, done = await done_lift(fake, app, GROUP)
        fake.say(fake.group(GROUP, "3栋群"), zhang, reply, reply_to=done.message_id)
        await settle(app, fake)
    assert one(config, "SELECT status, reopened FROM tickets WHERE id = 1") == ("assigned", 1)
    assert one(config, "SELECT rating FROM ratings WHERE user_id = 1") == ("dissatisfied",)


@pytest.mark.parametrize(
    "reply",
    [
        "还没来得及看 谢谢师傅",
        "还没用过，明天试试",
        "放假的时候也来修了 谢谢",
        "我还没弄清楚是哪个师傅修的，谢谢",
    ],
)
async def test_no_false_dissatisfied_from_everyday_words(
    fake: FakeTelegram, run_bot, config, reply
):
    async with run_bot() as app:
        group, zhang, _, done = await done_lift(fake, app, GROUP)
        fake.say(group, zhang, reply, reply_to=done.message_id)
        await settle(app, fake)
    assert one(config, "SELECT status, reopened FROM tickets WHERE id = 1") == ("done", 0)


async def test_a_new_breakdown_under_a_closed_tickets_done_notice_is_filed(
    fake: FakeTelegram, run_bot, config
):
    async with run_bot() as app:
        group, zhang, _, done = await done_lift(fake, app, GROUP)
        fake.press(done, zhang, "rate:1:s:1")
        await settle(app, fake)
        assert one(config, "SELECT status FROM tickets WHERE id = 1") == ("closed",)
        fake.say(group, zhang, "3栋2单元电梯又坏了 门又关不上了", reply_to=done.message_id)
        await settle(app, fake)
    assert one(config, "SELECT count(*) FROM tickets")[0] == 2  # heard as a new complaint


async def test_a_reporters_other_problem_under_the_done_notice_is_its_own_ticket(
    fake: FakeTelegram, run_bot, config
):
    async with run_bot() as app:
        group, zhang, _, done = await done_lift(fake, app, GROUP)
        fake.say(group, zhang, "电梯好了，但是5栋楼道灯坏了 晚上黑黢黢的", reply_to=done.message_id)
        await settle(app, fake)
    assert one(config, "SELECT count(*) FROM tickets")[0] == 2


async def test_a_reporters_other_problem_does_not_reopen_the_lift(
    fake: FakeTelegram, run_bot, config
):
    async with run_bot() as app:
        group, zhang, _, done = await done_lift(fake, app, GROUP)
        fake.say(group, zhang, "5栋楼道灯坏了 晚上黑黢黢的", reply_to=done.message_id)
        await settle(app, fake)
    assert one(config, "SELECT status, reopened FROM tickets WHERE id = 1") == ("done", 0)


async def test_list_in_a_merged_group_does_not_show_the_other_groups_words(
    fake: FakeTelegram, run_bot, config
):
    """/ticket deliberately shows a merged-in group its own words (show_ticket); /list must too."""
    async with run_bot() as app:
        cast = await water_cut_merged_across_groups(fake, app, GROUP, OTHER)
        other, li = cast.other, cast.second
        fake.say(other, li, "/ticket 1")
        await settle(app, fake)
        detail = last_text(fake, OTHER)
        fake.say(other, li, "/list")
        await settle(app, fake)
        listing = last_text(fake, OTHER)
    assert "一滴水都没有" not in detail  # as designed
    assert "一滴水都没有" not in listing and "3-2-501" not in listing


async def test_an_edited_command_for_another_bot_is_left_alone(fake: FakeTelegram, run_bot):
    group = fake.group(GROUP, "3栋群")
    zhang = fake.person(1, "张阿姨")
    async with run_bot() as app:
        other_bots = fake.say(group, zhang, "/roll@dice_bot 1d6")
        unknown = fake.say(group, zhang, "/weather 北京")
        await settle(app, fake)
        before = len(fake.bot_messages(GROUP))
        fake.edit(other_bots, "/roll@dice_bot 2d6")
        fake.edit(unknown, "/weather 上海")
        await settle(app, fake)
        said = [m.text for m in fake.bot_messages(GROUP)[before:]]
    assert said == []  # unknown / other bots' commands are silent in a group, edited or not


async def test_reply_to_an_earlier_rounds_reason_prompt(fake: FakeTelegram, run_bot, config):
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
        asked = fake.bot_messages(GROUP)[-1]
        fake.say(group, worker, "/done 1 换了闭门器")
        await settle(app, fake)
        fake.say(group, zhang, "3栋电梯门还是关不上", reply_to=asked.message_id)
        await settle(app, fake)
    assert one(config, "SELECT count(*) FROM tickets")[0] == 1  # not a duplicate ticket


async def test_assign_as_a_reply_to_a_non_worker_is_not_silently_taken_by_the_sender(
    fake: FakeTelegram, run_bot, config
):
    """Before this change, `/assign 1` replying to someone who is not a worker was refused
    ("不是网格员"); now the sender silently takes it instead of the person they replied to."""
    group = fake.group(GROUP, "3栋群")
    zhang, worker = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    newbie = fake.person(777, "新来的小李")  # a colleague not (yet) in [roles] workers
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        hello = fake.say(group, newbie, "大家好，我是新来的网格员小李")
        await settle(app, fake)
        fake.say(group, worker, "/assign 1", reply_to=hello["message_id"])
        await settle(app, fake)
    assert one(config, "SELECT status FROM tickets WHERE id = 1") == ("open",)


async def test_someone_trapped_said_under_the_done_notice_alerts_the_workers(
    fake: FakeTelegram, run_bot, config
):
    """The same words NOT as a reply file an urgent ticket and alert every worker in private;
    as the reporter's reply to the done notice they only reopen the ticket as ordinary."""
    group = fake.group(GROUP, "3栋群")
    zhang, worker = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(fake.private(worker), worker, "/start")  # so an alert can reach them
        await settle(app, fake)
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        fake.say(group, worker, "/done 1 门机板已更换")
        await settle(app, fake)
        done = fake.bot_messages(GROUP)[-1]
        before = len(fake.bot_messages(WORKER_ID))
        fake.say(group, zhang, "电梯又坏了 有人被困在里面了 快来人", reply_to=done.message_id)
        await settle(app, fake)
        alerts = [m.text for m in fake.bot_messages(WORKER_ID)[before:]]
    assert alerts, "no urgent alert to the workers for someone trapped"


async def test_control_trapped_not_as_a_reply_alerts(fake: FakeTelegram, run_bot, config):
    group = fake.group(GROUP, "3栋群")
    zhang, worker = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(fake.private(worker), worker, "/start")
        await settle(app, fake)
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        fake.say(group, worker, "/done 1 门机板已更换")
        await settle(app, fake)
        before = len(fake.bot_messages(WORKER_ID))
        fake.say(group, zhang, "电梯又坏了 有人被困在里面了 快来人")
        await settle(app, fake)
        alerts = [m.text for m in fake.bot_messages(WORKER_ID)[before:]]
    assert alerts


async def test_mine_after_a_plus_one_still_says_what_the_problem_is(fake: FakeTelegram, run_bot):
    group = fake.group(GROUP, "3栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        fake.say(group, li, "+1")
        await settle(app, fake)
        fake.say(fake.private(li), li, "/mine")
        await settle(app, fake)
        mine = fake.bot_messages(2)[-1].text
    assert "电梯" in mine.split("\n", 2)[-1]  # the line under the label says what it is about


async def test_editing_a_verdict_reply_does_not_file_a_second_ticket(
    fake: FakeTelegram, run_bot, config
):
    async with run_bot() as app:
        group, zhang, _, done = await done_lift(fake, app, GROUP)
        said = fake.say(group, zhang, "还是坏的", reply_to=done.message_id)
        await settle(app, fake)
        assert one(config, "SELECT status FROM tickets WHERE id = 1") == ("assigned",)
        fake.edit(said, "电梯还是坏的 门关不上")
        await settle(app, fake)
    assert one(config, "SELECT count(*) FROM tickets")[0] == 1


async def test_words_under_an_earlier_done_notice(fake: FakeTelegram, run_bot, config):
    async with run_bot() as app:
        group, zhang, worker, first = await done_lift(fake, app, GROUP)
        fake.say(group, worker, "/reopen 1 复查")
        await settle(app, fake)
        fake.say(group, worker, "/done 1 换了闭门器")
        await settle(app, fake)
        fake.say(group, zhang, "电梯还是坏的 门还是关不上", reply_to=first.message_id)
        await settle(app, fake)
    assert (
        one(config, "SELECT status FROM tickets WHERE id = 1") != ("done",)
        or one(config, "SELECT count(*) FROM tickets")[0] == 2
    )


async def test_echoed_words_are_escaped(fake: FakeTelegram, run_bot, config):
    async with run_bot() as app:
        group, zhang, _, done = await done_lift(fake, app, GROUP)
        fake.say(group, zhang, "<b>没修好</b> & a<b 还是关不上", reply_to=done.message_id)
        await settle(app, fake)
    assert "<b>没修好</b>" in last_text(fake)


async def test_anonymous_admin_can_still_list(fake: FakeTelegram, run_bot, config):
    group = fake.group(GROUP, "3栋群")
    zhang = fake.person(1, "张阿姨")
    anonymous = {
        "id": 1087968824,
        "is_bot": True,
        "first_name": "Group",
        "username": "GroupAnonymousBot",
    }
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        fake.say(group, anonymous, "/list", sender_chat=group)
        await settle(app, fake)
    assert "本群待办诉求" in last_text(fake)
