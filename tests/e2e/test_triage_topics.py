"""A 研判 item of a group with topics, its message deleted while it waited (QA round 39): the
acknowledgement, whether a worker's 登记 or the clock filed it, still lands in her topic; so
does that of a neighbour's "+1" under it, deleted meanwhile."""

from __future__ import annotations

from bot.devtools.fakeapi.protocol import Fault
from bot.devtools.runner import settle
from bot.runtime.schedule import supervise
from bot.runtime.services import SERVICES_KEY
from tests.e2e.test_topic_notices import GROUP, TOPIC, forum_group, sent_to_group
from tests.e2e.test_triage import notice_of, workers_started
from tests.factories import WORKER_ID


async def test_an_item_whose_message_was_deleted_is_acknowledged_in_its_topic(fake, run_bot, clock):
    """张阿姨 writes in the topic 报修, unsure words; 李叔 too. Both delete their messages
    meanwhile (Telegram tells the bot nothing). 小王 files hers with 登记; nobody judges his, and
    the clock files it. Each acknowledgement answered a message no longer there, so Telegram put
    it in General, where neither of them looks: it now names their topic."""
    forum, opening, topic = forum_group(fake)
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        await workers_started(app, fake, wang)
        hers = fake.say(forum, zhang, "铁罐罐又卡了", reply_to=opening, **topic)
        await settle(app, fake)
        notice = notice_of(fake, WORKER_ID)
        his = fake.say(forum, li, "我家菜地里头全是水", reply_to=opening, **topic)
        await settle(app, fake)
        fake.delete(hers)
        fake.delete(his)
        fake.press(notice, wang, "triage:1:f")  # 登记
        await settle(app, fake)
        clock.advance(minutes=61)
        assert (await supervise(services))["triage_filed"] == 1
        await settle(app, fake)
    acks = sent_to_group(fake, "已受理")
    assert len(acks) == 2, acks
    for ack in acks:
        assert ack.get("message_thread_id") == TOPIC, ack
    assert all(m.reply_to is None for m in fake.bot_messages(GROUP))  # (their words are gone)


async def test_a_topic_closed_meanwhile_still_gets_the_acknowledgement(fake, run_bot):
    """Her topic was deleted (or the group turned topics off) before her item was filed:
    Telegram refuses a message to a topic it no longer has. The acknowledgement is still
    posted, as a plain message."""
    forum, opening, topic = forum_group(fake)
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        await workers_started(app, fake, wang)
        fake.say(forum, fake.person(1, "张阿姨"), "铁罐罐又卡了", reply_to=opening, **topic)
        await settle(app, fake)
        gone = "Bad Request: message thread not found"
        fake.faults.append(Fault("sendMessage", 400, gone, chat_id=GROUP))
        fake.press(notice_of(fake, WORKER_ID), wang, "triage:1:f")
        await settle(app, fake)
    [first, ack] = sent_to_group(fake, "已受理")  # refused, then sent without the topic
    assert first.get("message_thread_id") == TOPIC and "message_thread_id" not in ack, ack
    assert fake.bot_messages(GROUP)[-1].text.startswith("已受理 #1")


async def test_a_plus_one_deleted_while_its_item_waited_is_acknowledged_in_its_topic(fake, run_bot):
    """李叔 answers 张阿姨's unsure words in 报修 with "+1" and, while they wait for 研判,
    deletes it. 小王 files hers with 登记: 李叔's "+1" joins the ticket, and its
    acknowledgement — a reply to a message no longer there — still goes to 报修."""
    forum, opening, topic = forum_group(fake)
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        await workers_started(app, fake, wang)
        hers = fake.say(forum, zhang, "铁罐罐又卡了", reply_to=opening, **topic)
        await settle(app, fake)
        notice = notice_of(fake, WORKER_ID)
        his = fake.say(forum, li, "+1", reply_to=hers, **topic)
        await settle(app, fake)
        fake.delete(his)
        fake.press(notice, wang, "triage:1:f")  # 登记
        await settle(app, fake)
    said = [p for name, p in fake.calls if name == "sendMessage" and int(p["chat_id"]) == GROUP]
    assert len(said) == 2 and "已受理 #1" in said[0]["text"], said
    for ack in said:
        assert ack.get("message_thread_id") == TOPIC, ack
