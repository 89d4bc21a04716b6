"""The ticket list's search box and orders over real HTTP: words of the reports, a number (#2 or
2), a place (12栋); `%` and `_` as typed; with the other filters, the pages, the API and the
download; every choice in the address, so that a link can be shared."""

from __future__ import annotations

import io
import re
from urllib.parse import parse_qs, unquote, urlsplit

import httpx
from openpyxl import load_workbook

from bot.devtools.runner import settle
from tests.e2e.test_desk import ask_link, desk_config
from tests.e2e.test_desk_office import plain
from tests.factories import WORKER_ID

COMPLAINTS = [  # (group, resident, words): one ticket each, a minute apart
    (-7901, "张阿姨", "3栋2单元电梯坏了 门关不上"),  # 1
    (-7902, "李叔", "5栋门口垃圾三天没人收 臭死了"),  # 2
    (-7903, "王姐", "12栋楼道的灯坏了50%，晚上看不见"),  # 3
]


def listed(page: str) -> list[int]:
    """The tickets of a list page, in its order."""
    return [int(n) for n in re.findall(r'<td><a href="/tickets/(\d+)">', page)]


async def three_tickets(app, fake, clock) -> None:
    for chat_id, name, words in COMPLAINTS:
        fake.say(fake.group(chat_id, f"{chat_id}群"), fake.person(-chat_id, name), words)
        await settle(app, fake)
        clock.advance(minutes=1)
    group = fake.group(-7902, "-7902群")  # two more households about the rubbish: #2 has 3
    for n, name in ((11, "赵哥"), (12, "孙姐")):
        fake.say(group, fake.person(n, name), "5栋门口垃圾没人收")
        await settle(app, fake)


async def test_search_and_sort_the_ticket_list(
    fake, run_bot, clock, tmp_path, storage, monkeypatch
):
    config, base = desk_config(tmp_path, fake, storage)
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        await three_tickets(app, fake, clock)
        await web.get(await ask_link(app, fake, fake.person(WORKER_ID, "网格员小王")))

        async def found(**params: str) -> list[int]:
            page = await web.get("/tickets", params=params)
            assert page.status_code == 200, page.text[:300]
            return listed(page.text)

        assert await found() == [3, 2, 1]  # newest first
        assert await found(q="电梯") == [1]  # her words
        assert await found(q="#2") == [2] and await found(q="＃２") == [2]  # its number only
        assert await found(q="3") == [3, 1]  # #3, and 3栋
        assert await found(q="12栋") == [3] and await found(q="5栋 垃圾") == [2]
        assert await found(q="50%") == [3] and await found(q="%") == [3]  # as typed
        assert await found(q="_") == [] and await found(q="电梯 垃圾") == []
        assert await found(q="垃圾", category="lift") == []  # with the filters
        assert await found(q="垃圾", category="sanitation", active="1") == [2]
        assert await found(sort="households") == [2, 3, 1]  # 3 households, then newest
        assert await found(sort="nonsense") == [3, 2, 1]  # an old or mistyped link: newest
        assert "没有符合条件的诉求" in (await web.get("/tickets", params={"q": "_"})).text

        api = (await web.get("/api/tickets", params={"sort": "due"})).json()["tickets"]
        dues = [t["due_at"] for t in api]  # every one still open: by deadline, soonest first
        assert dues == sorted(dues) and len(api) == 3
        assert await found(sort="due") == [t["id"] for t in api]
        searched = (await web.get("/api/tickets", params={"q": "电梯"})).json()
        assert [t["id"] for t in searched["tickets"]] == [1] and searched["total"] == 1
        book = await web.get("/tickets.xlsx", params={"q": "垃圾"})
        named = unquote(book.headers["content-disposition"].partition("''")[2])
        rows = list(load_workbook(io.BytesIO(book.content)).active.iter_rows(values_only=True))
        assert named.startswith("台账-筛选-") and [r[0] for r in rows[1:]] == [2]

        page = (await web.get("/tickets", params={"q": "<b>电梯</b>", "sort": "due"})).text
        assert 'value="&lt;b&gt;电梯&lt;/b&gt;"' in page and "<b>电梯</b>" not in page
        assert '<input type="hidden" name="sort" value="due">' in page  # 筛选 keeps the order
        assert "共 0 件" in plain(page)

        from bot.desk import pages

        monkeypatch.setattr(pages, "PAGE", 1)  # one a page: the pages keep the search and order
        first = (await web.get("/tickets", params={"q": "3", "sort": "queue"})).text
        assert listed(first) == [1] and "第 1 / 2 页" in plain(first)
        after = re.search(r'<a href="\?([^"]+)">下一页</a>', first)
        assert after is not None
        shared = parse_qs(after.group(1).replace("&amp;", "&"))
        assert shared == {"q": ["3"], "sort": ["queue"], "page": ["2"]}
        second = (await web.get("/tickets?" + after.group(1).replace("&amp;", "&"))).text
        assert listed(second) == [3] and "第 2 / 2 页" in plain(second)
        to_new = re.search(r'<a href="\?([^"]+)">最新受理在前</a>', second)
        assert to_new is not None  # another order starts again from its first page
        assert parse_qs(to_new.group(1).replace("&amp;", "&")) == {"q": ["3"], "sort": ["new"]}

        overview = (await web.get("/")).text  # 已超时 lists the most overdue first
        card = re.search(r'<a href="(/tickets\?overdue=1[^"]*)">查看</a>', overview)
        assert card is not None and parse_qs(urlsplit(card.group(1).replace("&amp;", "&")).query)[
            "sort"
        ] == ["due"]
