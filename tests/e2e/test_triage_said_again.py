"""A resident says again, in words the classifier is unsure of, a complaint 研判 already filed:
she is told where it stands, and the workers get no second item to judge (review, session 27)."""

from __future__ import annotations

from bot.devtools.runner import settle
from bot.runtime.services import SERVICES_KEY
from tests.e2e.test_triage import UNSURE_FLOOD, notice_of, workers_started
from tests.engines import rows
from tests.factories import WORKER2_ID, WORKER_ID

GROUP = -8901


async def test_her_filed_unsure_complaint_said_again_joins_it(fake, run_bot, config, clock):
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang, chen = fake.person(WORKER_ID, "小王"), fake.person(WORKER2_ID, "小陈")
    async with run_bot() as app:
        await workers_started(app, fake, wang, chen)
        fake.say(group, zhang, UNSURE_FLOOD)
        await settle(app, fake)
        fake.press(notice_of(fake, WORKER_ID), wang, "triage:1:f")
        await settle(app, fake)
        assert fake.bot_messages(GROUP)[-1].text.startswith("已受理 #1【供水排水】")
        notices = len([m for m in fake.bot_messages(WORKER2_ID) if "研判" in m.text])
        clock.advance(minutes=20)
        again = fake.say(group, zhang, UNSURE_FLOOD)
        await settle(app, fake)
        learned = dict(app.bot_data[SERVICES_KEY].classifier.learned._labels)
    queued = rows(
        config, "SELECT count(*) FROM triage WHERE message_id = ?", (again["message_id"],)
    )
    answered = [m.text for m in fake.bot_messages(GROUP) if m.reply_to == again["message_id"]]
    assert queued == [(0,)]
    assert answered and "#1" in answered[0], answered
    assert len([m for m in fake.bot_messages(WORKER2_ID) if "研判" in m.text]) == notices
    assert learned[UNSURE_FLOOD] == "water"
