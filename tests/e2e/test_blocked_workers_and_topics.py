"""People and groups changing under the bot. A worker who blocks the bot in private is no longer
written to (Telegram says so with my_chat_member, or a private notice bounces): a danger he has,
reopened, reaches every other worker — who has it, to phone him or /assign it — as when he
never started the bot; unblocking it, he is written to again. In a group with topics, a
ticket's notices in the group (taken, done with her rating buttons) go to its resident's topic,
where its acknowledgement went — not General, where she does not look."""

from __future__ import annotations

from typing import Any

from bot import texts
from bot.devtools.runner import settle
from tests.factories import WORKER2_ID, WORKER_ID, make_config

GROUP = -18801
TOPIC = 900  # the forum topic 报修 (its opening message's id)


def standing(fake, person: dict[str, Any], old: str, new: str) -> None:
    """Telegram tells the bot that `person` changed it, in private, from `old` to `new`
    (kicked: blocked)."""
    bot = {k: fake.bot_user[k] for k in ("id", "is_bot", "first_name", "username")}
    fake.push({"my_chat_member": {
        "chat": fake.private(person), "from": person, "date": 0,
        "old_chat_member": {"status": old, "user": bot, "until_date": 0},
        "new_chat_member": {"status": new, "user": bot, "until_date": 0},
    }})  # fmt: skip


async def danger_done(fake, app) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """小王 and 小李 started the bot; someone trapped in the lift, 小王 takes it and frees them."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang, li = fake.person(WORKER_ID, "小王"), fake.person(WORKER2_ID, "小李")
    fake.say(fake.private(wang), wang, "/start")
    fake.say(fake.private(li), li, "/start")
    fake.say(group, zhang, "3栋电梯困人了 有人关在里面")
    await settle(app, fake)
    fake.say(group, wang, "/assign 1")
    fake.say(group, wang, "/done 1 放出来了")
    await settle(app, fake)
    return group, zhang, wang


def told_who_has_it(fake, since: int) -> list[str]:
    """What 小李 was told since: that #1 is back with 小王, who cannot be told."""
    told = [m.text for m in fake.bot_messages(WORKER2_ID)[since:]]
    return [t for t in told if "重新打开" in t and "小王" in t and "/assign 1" in t]


async def test_a_reopened_danger_whose_worker_blocked_the_bot_reaches_the_other_workers(
    fake, run_bot, config
):
    """小王 took and finished a danger (someone trapped in the lift), then blocked the bot in
    private — Telegram tells the bot so (my_chat_member: kicked). 张阿姨 reopens it: 又困住了.
    小王 cannot be written to, so every other worker must be told that 小王 has it (to phone
    him or /assign it), as when he never started the bot — not his notice bouncing and 小李,
    reachable, hearing nothing of the danger being back."""
    async with run_bot() as app:
        group, zhang, wang = await danger_done(fake, app)
        li_before = len(fake.bot_messages(WORKER2_ID))
        fake.blocked.add(WORKER_ID)  # 小王 blocks the bot: Telegram says so, and refuses sends
        standing(fake, wang, "member", "kicked")
        await settle(app, fake)
        fake.say(group, zhang, "/reopen 1 又困住了")
        await settle(app, fake)
    assert len(told_who_has_it(fake, li_before)) == 1


async def test_a_reopened_danger_whose_notice_bounces_reaches_the_other_workers(
    fake, run_bot, config
):
    """The same, when the bot never heard of the block: the private notice to 小王 bounces, and
    then every other worker is told who has it."""
    async with run_bot() as app:
        group, zhang, _ = await danger_done(fake, app)
        li_before = len(fake.bot_messages(WORKER2_ID))
        fake.blocked.add(WORKER_ID)  # refused, with no word of it
        fake.say(group, zhang, "/reopen 1 又困住了")
        await settle(app, fake)
    assert len(told_who_has_it(fake, li_before)) == 1


async def test_a_worker_who_unblocks_the_bot_is_told_again(fake, run_bot, config):
    """小王 blocks the bot, then unblocks it (my_chat_member: member again): a reopened danger of
    his is told to him in private, and nobody else is told he cannot be reached."""
    async with run_bot() as app:
        group, zhang, wang = await danger_done(fake, app)
        li_before = len(fake.bot_messages(WORKER2_ID))
        standing(fake, wang, "member", "kicked")
        await settle(app, fake)
        standing(fake, wang, "kicked", "member")
        await settle(app, fake)
        wang_before = len(fake.bot_messages(WORKER_ID))
        fake.say(group, zhang, "/reopen 1 又困住了")
        await settle(app, fake)
    assert any("仍由你办理" in m.text for m in fake.bot_messages(WORKER_ID)[wang_before:])
    assert not told_who_has_it(fake, li_before)


def forum_group(fake) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """A group with topics, the opening of its topic 报修, and what a message there carries."""
    forum = {**fake.group(GROUP, "3栋群"), "is_forum": True}
    fake.chats[GROUP] = forum
    opening = {"message_id": TOPIC, "date": 0, "chat": forum, "from": fake.person(7, "群主"),
               "forum_topic_created": {"name": "报修", "icon_color": 7322096}}  # fmt: skip
    return forum, opening, {"message_thread_id": TOPIC, "is_topic_message": True}


def sent_to_group(fake, words: str) -> dict[str, Any]:
    """The parameters of the bot's sendMessage to the group whose text holds `words`."""
    found = [
        params
        for name, params in fake.calls
        if name == "sendMessage" and int(params.get("chat_id")) == GROUP
        and words in str(params.get("text"))
    ]  # fmt: skip
    assert len(found) == 1, [p.get("text") for n, p in fake.calls if n == "sendMessage"]
    return found[0]


def lands_in_topic(params: dict[str, Any], topic_messages: set[int]) -> bool:
    """Telegram puts a message in a topic when it is sent with its message_thread_id, or as a
    reply to a message of that topic; anything else lands in General."""
    if params.get("message_thread_id") is not None:
        return int(params["message_thread_id"]) == TOPIC
    reply = params.get("reply_parameters") or {}
    return reply.get("message_id") in topic_messages


async def test_a_take_press_in_a_topic_is_announced_in_that_topic(fake, run_bot, config):
    """张阿姨 complains in the topic 报修; the acknowledgement answers her there, with 接单.
    小王 taps 接单 under it: "已由 小王 接单" must be said in 报修 too, where she and the
    button are — not in General, where she does not look."""
    forum, opening, topic = forum_group(fake)
    zhang, wang = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        said = fake.say(forum, zhang, "3栋2单元电梯坏了 门关不上", reply_to=opening, **topic)
        await settle(app, fake)
        ack = fake.bot_messages(GROUP)[-1]
        assert ack.reply_to == said["message_id"], ack.text  # the ack is in her topic
        fake.press(ack, wang, "take:1")
        await settle(app, fake)
    taken = sent_to_group(fake, "接单，正在办理")
    assert lands_in_topic(taken, {said["message_id"], ack.message_id}), taken


async def test_done_in_private_asks_the_resident_in_her_topic(fake, run_bot, config):
    """小王, on the move, closes #1 from his private chat (`/done 1 已修好`): the group is told
    and 张阿姨 asked to rate it, with the buttons. In a group with topics that question must
    reach her topic, as her acknowledgement did — not General."""
    forum, opening, topic = forum_group(fake)
    zhang, wang = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        said = fake.say(forum, zhang, "3栋2单元电梯坏了 门关不上", reply_to=opening, **topic)
        await settle(app, fake)
        ack = fake.bot_messages(GROUP)[-1]
        fake.say(fake.private(wang), wang, "/done 1 已修好")
        await settle(app, fake)
    done = sent_to_group(fake, "已办结")
    assert done.get("reply_markup"), done  # the rating buttons: this is her question
    assert lands_in_topic(done, {said["message_id"], ack.message_id}), done


async def test_a_group_without_topics_is_told_as_before(fake, run_bot, config):
    """In a group without topics a take press is announced as before: no reply to anything."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        fake.press(fake.bot_messages(GROUP)[-1], wang, "take:1")
        await settle(app, fake)
    assert not sent_to_group(fake, "接单，正在办理").get("reply_parameters")


async def test_two_dangers_at_once_whose_worker_blocked_the_bot_call_to_phone_once_each(
    fake, run_bot, tmp_path, storage
):
    """The only worker blocked the bot since it last wrote to him; a lift with someone trapped
    and a fire are told seconds apart. The first's acknowledgement said 已通知, so the group
    hears when his alert bounced; the second's, written once the bot knew, said to phone
    itself — its own alert bouncing after it is no reason to say so again."""
    config = make_config(
        tmp_path, fake.base_url, storage=storage, roles={"workers": [WORKER_ID], "admins": []}
    )
    group = fake.group(GROUP, "阳光花园3栋群")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot(config) as app:
        fake.say(fake.private(wang), wang, "/start")
        await settle(app, fake)
        fake.blocked.add(WORKER_ID)
        fake.say(group, fake.person(8, "李叔"), "3栋电梯困人了 有老人在里面")
        fake.say(group, fake.person(9, "王姐"), "5栋楼道着火了 好大的烟")
        await settle(app, fake)
    said = [m.text for m in fake.bot_messages(GROUP)]
    for number in (1, 2):
        calls = [t for t in said if f"#{number}【" in t and texts.URGENT_NOBODY_REACHABLE in t]
        told = [t for t in said if f"#{number}【" in t and "已通知" in t]
        assert len(calls) == 1, (number, said)  # in the acknowledgement, or after it: once
        assert not told or said.index(told[0]) < said.index(calls[0]), said
