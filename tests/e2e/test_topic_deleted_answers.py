"""In a group with topics, what the bot answers a message at once — a command, a question how
her complaint is going, "算了不用了", a place corrected, a verdict given in words, an edit, a
photo — still lands in the topic it was written in when the message was deleted before the
answer went out: a reply to a message no longer there is sent as no reply, and without its
topic Telegram puts it in General, where nobody who asked looks."""

from __future__ import annotations

from typing import Any

from bot.devtools.runner import settle
from tests.e2e.test_topic_notices import GROUP, TOPIC, forum_group, sent_to_group
from tests.factories import WORKER_ID


def the_answer(fake, words: str) -> dict[str, Any]:
    """The one sendMessage to the group whose text holds `words`."""
    [sent] = sent_to_group(fake, words)
    return sent


async def test_a_command_deleted_before_its_answer_is_answered_in_its_topic(fake, run_bot):
    """李叔 asks /list in 报修 and deletes it at once; so does 小王 with a mistyped /lsit, and
    with a /list he edited."""
    forum, opening, topic = forum_group(fake)
    li, wang = fake.person(2, "李叔"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.delete(fake.say(forum, li, "/list", reply_to=opening, **topic))
        await settle(app, fake)
        fake.delete(fake.say(forum, wang, "/lsit", reply_to=opening, **topic))
        await settle(app, fake)
        edited = fake.say(forum, wang, "/lis", reply_to=opening, **topic)
        await settle(app, fake)
        fake.edit(edited, "/list")
        fake.delete(edited)
        await settle(app, fake)
    answers = [p for name, p in fake.calls if name == "sendMessage" and int(p["chat_id"]) == GROUP]
    assert len(answers) == 4, answers
    for answer in answers:
        assert answer.get("message_thread_id") == TOPIC, answer


async def test_her_words_deleted_before_the_answer_are_answered_in_her_topic(fake, run_bot):
    """张阿姨 reports the lift in 报修, then in 报修 asks how it is going, corrects its place and
    says it is over — each time deleting her words before the bot answers them."""
    forum, opening, topic = forum_group(fake)
    zhang = fake.person(1, "张阿姨")
    async with run_bot() as app:
        fake.say(forum, zhang, "3栋2单元电梯坏了 门关不上", reply_to=opening, **topic)
        await settle(app, fake)
        for words in ("电梯修好没有啊", "说错了 是5栋不是3栋", "算了不用了 我儿子弄好了"):
            fake.delete(fake.say(forum, zhang, words, reply_to=opening, **topic))
            await settle(app, fake)
    for words in ("等网格员接单", "地点已更正", "/cancel 1"):
        answer = the_answer(fake, words)
        assert answer.get("message_thread_id") == TOPIC, answer


async def test_an_edit_and_a_photo_deleted_before_the_answer_are_answered_in_her_topic(
    fake, run_bot
):
    """李叔 edits his report in 报修 into "没事了" and deletes it; 张阿姨 sends a photo of her
    lift in 报修 and deletes it: both answers go to 报修."""
    forum, opening, topic = forum_group(fake)
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    async with run_bot() as app:
        his = fake.say(forum, li, "5栋楼道灯坏了 黑黢黢的", reply_to=opening, **topic)
        fake.say(forum, zhang, "3栋2单元电梯坏了 门关不上", reply_to=opening, **topic)
        await settle(app, fake)
        fake.edit(his, "没事了 灯已经好了 谢谢大家")
        fake.delete(his)
        await settle(app, fake)
        photo = fake.photo(forum, zhang, reply_to=opening, **topic)
        fake.delete(photo)
        await settle(app, fake)
    for words in ("看到您修改了反映内容", "照片已附到"):
        answer = the_answer(fake, words)
        assert answer.get("message_thread_id") == TOPIC, answer


async def test_a_verdict_in_words_deleted_before_the_answer_is_answered_in_its_topic(fake, run_bot):
    """张阿姨's lift is done; 李叔, who did not report it, says "没修好" under the done notice in
    报修 and deletes it: he is told who rates it, in 报修."""
    forum, opening, topic = forum_group(fake)
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    wang = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(forum, zhang, "3栋2单元电梯坏了 门关不上", reply_to=opening, **topic)
        await settle(app, fake)
        fake.say(forum, wang, "/done 1 门机板已更换", reply_to=opening, **topic)
        await settle(app, fake)
        done = fake.bot_messages(GROUP)[-1]
        assert "已办结" in done.text, done.text
        fake.delete(fake.say(forum, li, "没修好", reply_to=done.message_id, **topic))
        await settle(app, fake)
    answer = the_answer(fake, "由反映的住户评价")
    assert answer.get("message_thread_id") == TOPIC, answer


async def test_a_workers_command_deleted_before_its_announcement_is_answered_in_its_topic(
    fake, run_bot
):
    """小王 takes 张阿姨's lift with /assign 1 in 报修, and closes it with /done 1 there,
    deleting each command at once: what the group is told of it goes to 报修 all the same."""
    forum, opening, topic = forum_group(fake)
    zhang, wang = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(forum, zhang, "3栋2单元电梯坏了 门关不上", reply_to=opening, **topic)
        await settle(app, fake)
        fake.delete(fake.say(forum, wang, "/assign 1", reply_to=opening, **topic))
        await settle(app, fake)
        fake.delete(fake.say(forum, wang, "/done 1 门机板已更换", reply_to=opening, **topic))
        await settle(app, fake)
    for words in ("接单，正在办理", "已办结"):
        answer = the_answer(fake, words)
        assert answer.get("message_thread_id") == TOPIC, answer
