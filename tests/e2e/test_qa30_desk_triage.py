"""The desk's 研判 page when a colleague judged an item first (QA round 30)."""

from __future__ import annotations

import httpx

from bot.devtools.runner import settle
from tests.e2e.test_desk import _csrf, _nonce, ask_link, desk_config
from tests.e2e.test_triage import notice_of
from tests.engines import rows
from tests.factories import WORKER2_ID, WORKER_ID

GROUP = -30401


async def test_an_item_a_colleague_judged_first_is_said_on_the_triage_page(
    fake, run_bot, tmp_path, storage
):
    """小王 had the 研判 page open; 小陈's 不是诉求 in private came first. 登记为诉求 on the
    page gave a bare line of plain text, outside the desk, with no way back to the queue:
    it is now said above the queue, as a refusal is above a ticket."""
    config, base = desk_config(tmp_path, fake, storage)
    group = fake.group(GROUP, "3栋群")
    wang, chen = fake.person(WORKER_ID, "网格员小王"), fake.person(WORKER2_ID, "网格员小陈")
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        fake.say(fake.private(chen), chen, "/start")
        await settle(app, fake)
        fake.say(group, fake.person(1, "张阿姨"), "快递好慢")  # unsure
        await settle(app, fake)
        await web.get(await ask_link(app, fake, wang))
        page = (await web.get("/triage")).text
        fake.press(notice_of(fake, WORKER2_ID), chen, "triage:1:d")  # in private, first
        await settle(app, fake)
        form = {"csrf": _csrf(page), "nonce": _nonce(page), "category": "other"}
        late = await web.post("/triage/1/file", data=form)
    assert late.status_code == 409 and "text/html" in late.headers["content-type"]
    assert "这条已由 网格员小陈 研判过了" in late.text, late.text
    assert "没有待研判的消息" in late.text  # the queue as it is now
    assert rows(config, "SELECT state FROM triage") == [("dismissed",)]
