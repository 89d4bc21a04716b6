"""研判 folding cut short by a crash (QA round 24): her plain complaint was filed and her
waiting message went with it (committed), then the process died before the workers' notices
were rewritten. The complaint's update is handled again at the next start: the notices still
say she said it plainly, once, and her waiting message's photo is still the ticket's."""

from __future__ import annotations

from bot.devtools.runner import settle
from bot.runtime import triage_fold
from tests.e2e.test_triage import UNSURE_FLOOD, workers_started
from tests.e2e.test_triage_said_plainly import PLAIN_WATER
from tests.engines import rows
from tests.factories import WORKER_ID

GROUP = -24531


async def test_a_fold_cut_short_by_a_crash_still_settles_the_workers_notices(
    fake, run_bot, config, clock, monkeypatch
):
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot(config) as app:
        await workers_started(app, fake, wang)
        fake.photo(group, zhang, caption=UNSURE_FLOOD)
        await settle(app, fake)
    notice = next(m for m in fake.bot_messages(WORKER_ID) if UNSURE_FLOOD in m.text)
    assert notice.reply_markup is not None

    async def dies(*args, **kwargs):
        raise RuntimeError("the process died here")

    clock.advance(minutes=5)
    with monkeypatch.context() as patched:
        patched.setattr(triage_fold, "rewrite_copies", dies)
        async with run_bot(config) as app:
            fake.say(group, zhang, PLAIN_WATER)
            await settle(app, fake)
    async with run_bot(config) as app:  # the complaint's update is handled again
        await settle(app, fake)
    assert rows(config, "SELECT state, ticket_id FROM triage") == [("filed", 1)]
    assert notice.text.startswith("👌 居民随后在群里说清楚了") and "#1" in notice.text, notice.text
    assert notice.reply_markup is None
    assert rows(config, "SELECT ticket_id FROM photos") == [(1,)]
    said = [m.text for m in fake.bot_messages(GROUP)]
    assert len([t for t in said if "#1" in t]) == 1, said
