"""In a group with topics, a bare "+1" (同上, 我家也是) is about what was said just before it in
its own topic: the latest ticket, or message waiting for 研判, of that topic — not the latest
of the whole group, which may be another topic's (another building, another problem)."""

from __future__ import annotations

from typing import Any

from bot.devtools.runner import settle
from tests.e2e.test_topic_notices import GROUP, forum_group
from tests.e2e.test_triage import UNSURE_FLOOD, notice_of, workers_started
from tests.engines import rows
from tests.factories import WORKER_ID

OTHER = 950  # the topic 闲聊 (its opening message's id)


def second_topic(fake, forum: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The opening of a second topic of the group, and what a message there carries."""
    opening = {"message_id": OTHER, "date": 0, "chat": forum, "from": fake.person(7, "群主"),
               "forum_topic_created": {"name": "闲聊", "icon_color": 7322096}}  # fmt: skip
    return opening, {"message_thread_id": OTHER, "is_topic_message": True}


def neighbours(fake) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """张阿姨, 李叔 and 赵姐, who writes the "+1"."""
    return fake.person(1, "张阿姨"), fake.person(2, "李叔"), fake.person(3, "赵姐")


async def a_minute_apart(app, fake, clock, forum, *said) -> None:
    """Each (person, text, topic's opening, topic) said in the group and heard, a minute after
    the one before."""
    for index, (person, text, opening, topic) in enumerate(said):
        if index:
            clock.advance(minutes=1)
        fake.say(forum, person, text, reply_to=opening, **topic)
        await settle(app, fake)


async def test_a_plus_one_joins_the_latest_ticket_of_its_own_topic(fake, run_bot, config, clock):
    """张阿姨 reports the lift in 报修; a moment later 李叔 reports the stairwell light in the
    other topic. 赵姐's "+1" in 报修 is about the lift, said there — not his light."""
    forum, opening, topic = forum_group(fake)
    other, elsewhere = second_topic(fake, forum)
    zhang, li, zhao = neighbours(fake)
    async with run_bot() as app:
        await a_minute_apart(
            app, fake, clock, forum,
            (zhang, "3栋2单元电梯坏了 门关不上", opening, topic),
            (li, "5栋楼道灯坏了 黑黢黢的", other, elsewhere),
            (zhao, "+1", opening, topic),
        )  # fmt: skip
    assert rows(config, "SELECT ticket_id FROM reports WHERE user_id = 3") == [(1,)]
    assert "已合并到 #1" in fake.bot_messages(GROUP)[-1].text


async def test_a_plus_one_seconds_the_waiting_message_of_its_own_topic(
    fake, run_bot, config, clock
):
    """张阿姨's unsure words wait for 研判 in 报修; then 李叔 reports the light in the other
    topic. 赵姐's "同上" in 报修 seconds her message, not his ticket."""
    forum, opening, topic = forum_group(fake)
    other, elsewhere = second_topic(fake, forum)
    zhang, li, zhao = neighbours(fake)
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        await workers_started(app, fake, wang)
        await a_minute_apart(app, fake, clock, forum, (zhang, UNSURE_FLOOD, opening, topic))
        notice = notice_of(fake, WORKER_ID)
        clock.advance(minutes=1)
        await a_minute_apart(
            app, fake, clock, forum,
            (li, "5栋楼道灯坏了 黑黢黢的", other, elsewhere),
            (zhao, "同上", opening, topic),
        )  # fmt: skip
        assert "另有 1 户邻居附议" in notice.text, notice.text
    assert rows(config, "SELECT count(*) FROM reports WHERE user_id = 3") == [(0,)]
    assert rows(config, "SELECT count(*) FROM triage_seconds WHERE user_id = 3") == [(1,)]


async def test_a_plus_one_in_a_topic_after_another_topics_message_waits_joins_its_ticket(
    fake, run_bot, config, clock
):
    """张阿姨 reports the lift in 报修; then 李叔's unsure words wait for 研判 in the other
    topic. 赵姐's "+1" in 报修 joins the lift, not his waiting message."""
    forum, opening, topic = forum_group(fake)
    other, elsewhere = second_topic(fake, forum)
    zhang, li, zhao = neighbours(fake)
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        await workers_started(app, fake, wang)
        await a_minute_apart(
            app, fake, clock, forum,
            (zhang, "3栋2单元电梯坏了 门关不上", opening, topic),
            (li, UNSURE_FLOOD, other, elsewhere),
            (zhao, "+1", opening, topic),
        )  # fmt: skip
    assert rows(config, "SELECT ticket_id FROM reports WHERE user_id = 3") == [(1,)]
    assert rows(config, "SELECT count(*) FROM triage_seconds") == [(0,)]
