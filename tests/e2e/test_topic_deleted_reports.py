"""In a group with topics, a ticket remembers the topic it was reported in: what the group is
told of it later — taken, done, the overdue reminder, the 督办 — lands there even after its
resident deleted her report (a reply to a message no longer there lands in General), and so
does the acknowledgement of a complaint deleted before it was sent."""

from __future__ import annotations

from datetime import timedelta

from bot.devtools.runner import settle
from bot.runtime.schedule import remind_overdue, supervise
from bot.runtime.services import SERVICES_KEY
from tests.e2e.test_topic_notices import GROUP, TOPIC, forum_group, sent_to_group
from tests.factories import WORKER_ID


async def test_a_tickets_notices_stay_in_its_topic_after_her_report_is_deleted(
    fake, run_bot, clock
):
    """张阿姨 reports the lift in the topic 报修 and, once acknowledged, deletes her message.
    小王 takes it from private, lets it run late (reminded, then 督办), and closes it from
    private: each of these answered her report, gone, so Telegram put them in General."""
    forum, opening, topic = forum_group(fake)
    zhang, wang = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        said = fake.say(forum, zhang, "3栋2单元电梯坏了 门关不上", reply_to=opening, **topic)
        await settle(app, fake)
        fake.delete(said)
        fake.say(fake.private(wang), wang, "/assign 1")
        await settle(app, fake)
        ticket = await services.stores.tickets.get(1)
        clock.now = (ticket.due_at + timedelta(hours=1)).replace(hour=2)  # 10:xx in Shanghai
        assert await remind_overdue(services) == 1
        assert (await supervise(services))["escalated"] == 1
        await settle(app, fake)
        fake.say(fake.private(wang), wang, "/done 1 门机板已更换")
        await settle(app, fake)
    notices = [sent_to_group(fake, words) for words in ("接单，正在办理", "⏰", "⏫", "已办结")]
    assert all(len(sent) == 1 for sent in notices), notices
    for [notice] in notices:
        assert notice.get("message_thread_id") == TOPIC, notice


async def test_a_complaint_deleted_before_its_acknowledgement_is_answered_in_its_topic(
    fake, run_bot
):
    """李叔 reports the rubbish in 报修 and deletes it at once, before the bot answers: the
    acknowledgement, a reply to nothing, still goes to 报修."""
    forum, opening, topic = forum_group(fake)
    async with run_bot() as app:
        said = fake.say(
            forum, fake.person(2, "李叔"), "5栋门口垃圾三天没人收了", reply_to=opening, **topic
        )
        fake.delete(said)
        await settle(app, fake)
    [ack] = sent_to_group(fake, "已受理")
    assert ack.get("message_thread_id") == TOPIC, ack
    assert fake.bot_messages(GROUP)[-1].reply_to is None  # (her words are gone)


async def test_a_group_merged_into_another_hears_in_her_topic_after_she_deleted_her_report(
    fake, run_bot
):
    """李叔's water cut in 5栋's 报修 (a group with topics) went into 3栋's #1; he deleted his
    report since. 5栋 hears of #1 being taken, and done, in 报修 all the same."""
    forum, opening, topic = forum_group(fake)
    plain = fake.group(-18803, "3栋群")
    wang = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(plain, fake.person(1, "张阿姨"), "小区停水了 家里一滴水都没有")
        await settle(app, fake)
        his = fake.say(forum, fake.person(2, "李叔"), "5栋也停水了", reply_to=opening, **topic)
        await settle(app, fake)
        fake.say(fake.private(wang), wang, "/merge 1 2")
        await settle(app, fake)
        fake.delete(his)
        fake.say(fake.private(wang), wang, "/assign 1")
        fake.say(fake.private(wang), wang, "/done 1 阀门已修好")
        await settle(app, fake)
    notices = [sent_to_group(fake, words) for words in ("接单，正在办理", "已办结")]
    assert all(len(sent) == 1 for sent in notices), notices
    for [notice] in notices:
        assert notice.get("message_thread_id") == TOPIC, notice
