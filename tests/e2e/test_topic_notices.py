"""In a group with topics, every notice about one ticket that the bot posts there on its own —
its overdue reminder, its escalation, the word that a danger's alert reached no worker, the
thanks for a verdict — lands in the topic of the ticket's first report, where its resident
looks and its acknowledgement went; not in General. Notices of the whole group (of several
tickets) stay in General."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot import texts
from bot.devtools.runner import settle
from bot.runtime.alerts import alarm_posted
from bot.runtime.schedule import remind_overdue, supervise
from bot.runtime.services import SERVICES_KEY
from tests.factories import WORKER_ID, make_config

GROUP = -18802
TOPIC = 900  # the forum topic 报修 (its opening message's id)


def forum_group(fake) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """A group with topics, the opening of its topic 报修, and what a message there carries."""
    forum = {**fake.group(GROUP, "3栋群"), "is_forum": True}
    fake.chats[GROUP] = forum
    opening = {"message_id": TOPIC, "date": 0, "chat": forum, "from": fake.person(7, "群主"),
               "forum_topic_created": {"name": "报修", "icon_color": 7322096}}  # fmt: skip
    return forum, opening, {"message_thread_id": TOPIC, "is_topic_message": True}


def sent_to_group(fake, words: str) -> list[dict[str, Any]]:
    """The parameters of the bot's sendMessages to the group whose text holds `words`."""
    return [
        params
        for name, params in fake.calls
        if name == "sendMessage" and int(params.get("chat_id")) == GROUP
        and words in str(params.get("text"))
    ]  # fmt: skip


def lands_in(params: dict[str, Any], topic_messages: set[int]) -> bool:
    """Telegram puts a message in a topic when it is sent with its message_thread_id, or as a
    reply to a message of that topic; anything else lands in General."""
    if params.get("message_thread_id") is not None:
        return int(params["message_thread_id"]) == TOPIC
    reply = params.get("reply_parameters") or {}
    return reply.get("message_id") in topic_messages


async def test_an_overdue_tickets_reminder_and_escalation_land_in_its_topic(fake, run_bot, clock):
    """张阿姨 reports the broken lift in the topic 报修; 小王 takes it and lets it run late. The
    reminder that mentions him and the 督办 escalation are about her ticket: both must reach
    报修, where she follows it — not General."""
    forum, opening, topic = forum_group(fake)
    zhang, wang = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        said = fake.say(forum, zhang, "3栋2单元电梯坏了 门关不上", reply_to=opening, **topic)
        await settle(app, fake)
        ack = fake.bot_messages(GROUP)[-1]
        fake.press(ack, wang, "take:1")
        await settle(app, fake)
        ticket = await services.stores.tickets.get(1)
        clock.now = (ticket.due_at + timedelta(hours=1)).replace(hour=2)  # 10:xx in Shanghai
        assert clock() > ticket.due_at
        assert await remind_overdue(services) == 1
        assert (await supervise(services))["escalated"] == 1
        await settle(app, fake)
    here = {said["message_id"], ack.message_id}
    [reminder] = sent_to_group(fake, "⏰")
    [escalation] = sent_to_group(fake, "⏫")
    assert lands_in(reminder, here), reminder
    assert lands_in(escalation, here), escalation


async def test_an_untaken_tickets_escalation_lands_in_its_topic(fake, run_bot, clock):
    """Nobody takes 张阿姨's lift: its escalation is hers, and is posted in 报修."""
    forum, opening, topic = forum_group(fake)
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        said = fake.say(
            forum, fake.person(1, "张阿姨"), "3栋2单元电梯坏了 门关不上", reply_to=opening, **topic
        )
        await settle(app, fake)
        ack = fake.bot_messages(GROUP)[-1]
        ticket = await services.stores.tickets.get(1)
        clock.now = (ticket.due_at + timedelta(hours=1)).replace(hour=2)
        assert (await supervise(services))["escalated"] == 1
        await settle(app, fake)
    [escalation] = sent_to_group(fake, "⏫")
    assert lands_in(escalation, {said["message_id"], ack.message_id}), escalation


async def test_a_danger_nobody_could_be_alerted_of_is_said_in_its_topic(
    fake, run_bot, tmp_path, storage
):
    """The only worker blocked the bot since he started it: the alert of 李叔's 电梯困人,
    told in the topic 报修, bounces, and the group is told to phone — once, in 报修, under the
    danger, where the neighbours who can help are reading: in the acknowledgement when the
    bounce came before it was written, else in a notice after it."""
    config = make_config(
        tmp_path, fake.base_url, storage=storage, roles={"workers": [WORKER_ID], "admins": []}
    )
    forum, opening, topic = forum_group(fake)
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot(config) as app:
        fake.say(fake.private(wang), wang, "/start")
        await settle(app, fake)
        fake.blocked.add(WORKER_ID)
        said = fake.say(
            forum, fake.person(8, "李叔"), "3栋电梯困人了 有老人在里面", reply_to=opening, **topic
        )
        await settle(app, fake)
        await alarm_posted(app.bot_data[SERVICES_KEY], 1)
        await settle(app, fake)
    [call] = sent_to_group(fake, texts.URGENT_NOBODY_REACHABLE)
    acks = {m.message_id for m in fake.bot_messages(GROUP)}
    assert lands_in(call, {said["message_id"], *acks}), call


async def test_a_group_without_topics_hears_of_its_overdue_ticket_as_before(fake, run_bot, clock):
    """Without topics nothing changes: the escalation is posted to the group, no reply."""
    group = fake.group(GROUP, "3栋群")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(group, fake.person(1, "张阿姨"), "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        ticket = await services.stores.tickets.get(1)
        clock.now = (ticket.due_at + timedelta(hours=1)).replace(hour=2)
        assert (await supervise(services))["escalated"] == 1
        await settle(app, fake)
    [escalation] = sent_to_group(fake, "⏫")
    assert not escalation.get("reply_parameters"), escalation


async def test_her_rating_is_thanked_in_her_topic(fake, run_bot):
    """小王 closes 张阿姨's lift from private; she presses 满意 under the done notice in 报修:
    the thanks for her verdict (and that the ticket is closed) is said in 报修 too, not in
    General."""
    forum, opening, topic = forum_group(fake)
    zhang, wang = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        said = fake.say(forum, zhang, "3栋2单元电梯坏了 门关不上", reply_to=opening, **topic)
        await settle(app, fake)
        fake.say(fake.private(wang), wang, "/done 1 门机板已更换")
        await settle(app, fake)
        done = fake.bot_messages(GROUP)[-1]
        fake.press(done, zhang, "rate:1:s")
        await settle(app, fake)
    [thanks] = sent_to_group(fake, "的评价")
    assert lands_in(thanks, {said["message_id"], done.message_id}), thanks
