"""The office desk through a community office's day (QA round 42): a shared link with dates
typed as 2026/11/1, a range given backwards, a long complaint in the list, a link tapped again,
the group list of a compound of thirty buildings, a page number far past the end."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import httpx
from openpyxl import load_workbook

from bot import texts
from bot.devtools.runner import settle
from tests.e2e.test_desk import GROUP, ask_link, desk_config
from tests.e2e.test_desk_office import log_in, plain, shown_total
from tests.factories import WORKER_ID


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


async def test_a_date_range_given_backwards_finds_the_days_between(
    fake, run_bot, clock, tmp_path, storage
):
    """受理自 11-30 至 11-01 found nothing, and the download was an empty ledger, with no word
    of why: the range is read in its order, and said so above the list."""
    config, base = desk_config(tmp_path, fake, storage)
    today = clock().astimezone(config.schedule.tz).date()
    earlier = today - timedelta(days=5)
    backwards = {"from": today.isoformat(), "to": earlier.isoformat()}
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        fake.say(fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨"), "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        await log_in(app, fake, web)
        page = (await web.get("/tickets", params=backwards)).text
        book = await web.get("/tickets.xlsx", params=backwards)
        api = (await web.get("/api/tickets", params=backwards)).json()
    assert shown_total(page) == 1 and api["total"] == 1
    assert texts.desk_days_swapped(earlier.isoformat(), today.isoformat()) in plain(page)
    assert (
        date_box(page, "from") == earlier.isoformat() and date_box(page, "to") == today.isoformat()
    )
    rows = list(load_workbook(io.BytesIO(book.content)).active.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == [1]


LONG = (
    "7栋 电梯又坏了，已经是这个月第三次了，老人上下楼很不方便，物业一直不管，"
    "希望社区督促尽快修好，否则我们要投诉到热线去，请尽快处理谢谢大家"
)


async def test_a_long_complaint_with_a_space_is_shortened_in_the_list_not_cut_to_its_place(
    fake, run_bot, tmp_path, storage
):
    """The list cut a summary at its last space within 60 characters: a long complaint that
    begins "7栋 电梯…" read "7栋..." — nothing of what is wrong. Chinese has no spaces between
    words: it is cut at 60 characters, wherever they end, with "…"."""
    config, base = desk_config(tmp_path, fake, storage)
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        fake.say(fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨"), LONG)
        await settle(app, fake)
        await log_in(app, fake, web)
        page = (await web.get("/tickets")).text
    row = plain(page).partition("#1 ")[2]
    assert LONG[:59] + "…" in row, row[:200]


async def test_a_worker_signed_in_who_taps_her_link_again_is_taken_to_the_desk(
    fake, run_bot, tmp_path, storage
):
    """The link stays in the worker's chat with the bot: tapped again an hour later, from the
    phone she is signed in on, it said 这个登录链接已经用过 and sent her to ask for another,
    while her session was good. Signed in, she is taken to the desk; signed out, the spent
    link is refused as before."""
    config, base = desk_config(tmp_path, fake, storage)
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        link = await ask_link(app, fake, fake.person(WORKER_ID, "网格员小王"))
        assert (await web.get(link)).status_code == 303
        again = await web.get(link)
        assert again.status_code == 303 and again.headers["location"] == "/"
        assert "网格员小王" in (await web.get("/")).text
        async with httpx.AsyncClient(base_url=base) as stranger:
            assert (await stranger.get(link)).status_code == 403


async def test_the_group_filter_lists_buildings_in_their_numbers_order(
    fake, run_bot, tmp_path, storage
):
    """A compound's groups are named by building: the filter listed 10号楼, 11号楼 … 19号楼,
    then 1号楼, then 20号楼 (sorted as text). Numbers in a title are read as numbers."""
    config, base = desk_config(tmp_path, fake, storage)
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        for n in (10, 2, 1, 21):
            group = fake.group(-7700 - n, f"阳光花园{n}号楼业主群")
            fake.say(group, fake.person(n, "居民"), f"{n}号楼门口垃圾三天没人收")
            await settle(app, fake)
        await log_in(app, fake, web)
        page = (await web.get("/tickets")).text
    choices = page.partition('name="group"')[2].partition("</select>")[0]
    listed = re.findall(r">阳光花园(\d+)号楼业主群<", choices)
    assert listed == ["1", "2", "10", "21"]


async def test_a_number_searched_names_that_ticket_above_the_places_it_also_finds(
    fake, run_bot, tmp_path, storage
):
    """Searching 2 finds #2 and every complaint about 2栋 or 2号, newest first: in a year's
    ledger #2 was on the last page of hundreds. The ticket of that number is named above the
    list, a link to it (a number with #, or words with it, find as before)."""
    config, base = desk_config(tmp_path, fake, storage)
    group = fake.group(GROUP, "3栋群")
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        for n, words in enumerate(
            ["3栋2单元电梯坏了 门关不上", "5栋门口垃圾三天没人收", "2栋楼道的灯坏了"]
        ):
            fake.say(group, fake.person(n + 1, f"居民{n + 1}"), words)
            await settle(app, fake)
        await log_in(app, fake, web)
        found = (await web.get("/tickets", params={"q": "2"})).text
        only = (await web.get("/tickets", params={"q": "#2"})).text
        none = (await web.get("/tickets", params={"q": "9"})).text
    assert shown_total(found) == 3
    named = re.search(r'<p class="numbered">(.*?)</p>', found)
    assert named is not None and '<a href="/tickets/2">' in named.group(1)
    assert "#2【环境卫生】5栋" in plain(named.group(1))
    assert 'class="numbered"' not in only and 'class="numbered"' not in none
