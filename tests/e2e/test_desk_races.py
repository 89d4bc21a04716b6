"""Desk forms that are garbled (found by a review): a csrf field in Chinese is refused as any
wrong token is (403), not a server error."""

from __future__ import annotations

import httpx

from bot.devtools.runner import settle
from tests.e2e.test_desk import GROUP, ask_link, desk_config
from tests.factories import WORKER_ID


async def test_a_form_with_a_non_ascii_csrf_is_refused_not_a_server_error(
    fake, run_bot, tmp_path, storage
):
    """secrets.compare_digest raises TypeError for a str with non-ASCII characters: a form
    whose csrf field was garbled (中, é) got the 500 page and a stack trace in the log instead
    of the 403 every other wrong token gets."""
    config, base = desk_config(tmp_path, fake, storage)
    wang = fake.person(WORKER_ID, "小王")
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        fake.say(fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨"), "3栋电梯坏了 门关不上")
        await settle(app, fake)
        await web.get(await ask_link(app, fake, wang))
        wrong = await web.post("/tickets/1/note", data={"csrf": "x", "text": "师傅明天来"})
        garbled = await web.post("/tickets/1/note", data={"csrf": "中", "text": "师傅明天来"})
        logout = await web.post("/logout", data={"csrf": "é"})
    assert wrong.status_code == 403
    assert garbled.status_code == 403, garbled.status_code
    assert logout.status_code == 403, logout.status_code
