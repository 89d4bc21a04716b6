"""The office restores on the desk a ticket a worker withdrew by mistake (QA round 38: only
/reopen in Telegram could)."""

from __future__ import annotations

import httpx

from bot.devtools.runner import settle
from tests.e2e.test_desk import GROUP, _csrf, desk_config
from tests.e2e.test_desk_office import log_in, plain
from tests.factories import WORKER_ID


async def test_the_office_restores_a_ticket_withdrawn_by_mistake(fake, run_bot, tmp_path, storage):
    """小王 /cancel-ed #1 meaning #2. The office opens #1 on the desk: it offers 恢复办理 (and
    nothing of the sort on a merged ticket), and restoring it puts it back to work, tells the
    group, and writes the desk's line in its history; a second post of the same form does
    nothing more."""
    config, base = desk_config(tmp_path, fake, storage)
    group = fake.group(GROUP, "3栋群")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        fake.say(group, fake.person(1, "张阿姨"), "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        fake.say(group, wang, "/cancel 1")
        await settle(app, fake)
        await log_in(app, fake, web)
        page = (await web.get("/tickets/1")).text
        form = {"csrf": _csrf(page), "nonce": "restore-1", "text": "撤销有误"}
        first = await web.post("/tickets/1/restore", data=form)
        again = await web.post("/tickets/1/restore", data=form)
        await settle(app, fake)
        after = plain((await web.get("/tickets/1")).text)
    assert "/tickets/1/restore" in page and "恢复办理（撤销有误）" in plain(page)
    assert first.status_code == again.status_code == 303  # back to the page, each time
    told = [m.text for m in fake.bot_messages(GROUP) if "恢复了" in m.text]
    assert len(told) == 1 and "#1【电梯】" in told[0] and "撤销有误" in told[0], told
    assert "待接单" in after and "恢复办理：撤销有误" in after, after[:800]
    assert "/tickets/1/restore" not in after
