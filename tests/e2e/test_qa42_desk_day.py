"""The office desk through a community office's day (QA round 42): a shared link with dates
typed as 2026/11/1, a range given backwards, a long complaint in the list, a link tapped again,
the group list of a compound of thirty buildings, a page number far past the end."""

from __future__ import annotations

import re

import httpx

from tests.e2e.test_desk import desk_config
from tests.e2e.test_desk_office import log_in


def date_box(page: str, name: str) -> str:
    """The value a date box of the list's filters is drawn with."""
    found = re.search(rf'<input type="date" name="{name}" value="([^"]*)"', page)
    assert found, page[:300]
    return found.group(1)


async def test_dates_typed_in_a_shared_link_stay_in_the_date_boxes(
    fake, run_bot, tmp_path, storage
):
    """A link from a browser without a date picker (?from=2026/11/1) filtered the list while a
    date box, which takes only 2026-11-01, was drawn empty: the range was invisible and the
    next 筛选 dropped it. The boxes show the days read, as the picker writes them."""
    config, base = desk_config(tmp_path, fake, storage)
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        await log_in(app, fake, web)
        page = await web.get("/tickets", params={"from": "2026/11/1", "to": "2026年11月30日"})
        assert page.status_code == 200
        assert date_box(page.text, "from") == "2026-11-01"
        assert date_box(page.text, "to") == "2026-11-30"
        unread = (await web.get("/tickets", params={"from": "昨天"})).text
        assert date_box(unread, "from") == "昨天" and "看不懂" in unread  # as typed, and said
