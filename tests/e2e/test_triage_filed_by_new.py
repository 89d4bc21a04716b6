"""A 研判 item filed another way meanwhile: a worker's /new as a reply (QA round 3)."""

from __future__ import annotations

from bot.devtools.runner import settle
from tests.e2e.test_triage import UNSURE_FLOOD, notice_of, rows, workers_started
from tests.factories import WORKER2_ID, WORKER_ID

GROUP = -17801


async def test_a_message_filed_with_new_no_longer_waits_for_triage(fake, run_bot, config):
    """A worker sees the resident's unsure message in the group and files it at once with
    /new as a reply: it is no longer 待研判, and a colleague's 不是诉求 on the old notice does
    not dismiss (nor teach "not a complaint" about) what is now an open ticket."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang, chen = fake.person(WORKER_ID, "网格员小王"), fake.person(WORKER2_ID, "网格员小陈")
    async with run_bot() as app:
        await workers_started(app, fake, wang, chen)
        said = fake.say(group, zhang, UNSURE_FLOOD)
        await settle(app, fake)
        notice = notice_of(fake, WORKER2_ID)
        fake.say(group, wang, "/new", reply_to=said)
        await settle(app, fake)
        assert fake.bot_messages(GROUP)[-1].text.startswith("已受理 #1")
        fake.say(fake.private(wang), wang, "/todo")
        await settle(app, fake)
        todo = fake.bot_messages(WORKER_ID)[-1].text
        fake.press(notice, chen, "triage:1:d")
        await settle(app, fake)
    assert "待研判" not in todo, todo
    assert rows(config, "SELECT state FROM triage") != [("dismissed",)]
    assert rows(config, "SELECT count(*) FROM lessons WHERE is_complaint = 0") == [(0,)]
