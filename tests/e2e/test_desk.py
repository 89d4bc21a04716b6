"""The office desk over real HTTP against the running bot: one-time links, sessions, roles,
CSRF, escaping, filters, the JSON API and each action, posted in the group by the bot."""

from __future__ import annotations

import io
import re
import socket
from datetime import timedelta
from urllib.parse import unquote

import httpx
from openpyxl import load_workbook

from bot import texts
from bot.core.tickets import Person
from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from bot.runtime.services import SERVICES_KEY
from tests.engines import peek
from tests.factories import ADMIN_ID, WORKER_ID, make_config

HOUR = timedelta(hours=1)

GROUP = -7701


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def link_in(text: str) -> str:
    found = re.search(r"http://127\.0\.0\.1:\d+/login/\S+", text)
    assert found, text
    return found.group(0)


def desk_config(tmp_path, fake: FakeTelegram, storage) -> tuple[object, str]:
    """A config whose desk listens on a free local port, and the desk's address."""
    port = free_port()
    web = {"listen": f"127.0.0.1:{port}"}
    return make_config(
        tmp_path, fake.base_url, storage=storage, web=web
    ), f"http://127.0.0.1:{port}"


async def ask_link(app, fake, person) -> str:
    fake.say(fake.private(person), person, "/desk")
    await settle(app, fake)
    answer = fake.bot_messages(person["id"])[-1]
    # without a preview: Telegram's servers would open the one-time link before the worker
    assert not answer.link_preview
    return link_in(answer.text)


async def test_login_links_sessions_roles_and_csrf(fake, run_bot, clock, tmp_path, storage):
    config, base = desk_config(tmp_path, fake, storage)
    zhang, wang = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "网格员小王")
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        fake.say(fake.private(zhang), zhang, "/desk")
        await settle(app, fake)
        refused = fake.bot_messages(1)[-1].text
        assert "只对网格员和社区工作人员开放" in refused and "/login/" not in refused

        page = await web.get("/tickets")
        assert page.status_code == 303 and page.headers["location"] == "/howto"
        assert (await web.get("/api/tickets")).status_code == 401
        howto = await web.get("/howto")
        assert (
            "/desk" in howto.text
            and "default-src 'none'" in howto.headers["content-security-policy"]
        )

        old = await ask_link(app, fake, wang)
        clock.advance(minutes=16)
        assert (await web.get(old)).status_code == 403  # expired
        link = await ask_link(app, fake, wang)
        login = await web.get(link)
        assert login.status_code == 303 and login.headers["location"] == "/"
        cookie = login.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
        missing = await web.get("/tickets/999")  # redirects and errors carry the headers too
        for answer in (page, login, missing):
            assert answer.headers["x-content-type-options"] == "nosniff", answer
            assert answer.headers["referrer-policy"] == "no-referrer", answer
            assert answer.headers["cache-control"] == "no-store", answer
        assert (await httpx.AsyncClient(base_url=base).get(link)).status_code == 403  # used
        overview = await web.get("/")
        assert (
            overview.status_code == 200
            and "三率" in overview.text
            and "网格员小王" in overview.text
        )
        assert 'class="overdue"' not in overview.text  # nothing late, nothing urgent: no red

        fake.say(fake.group(GROUP, "3栋群"), zhang, "3栋电梯又坏了 <script>alert(1)</script>")
        await settle(app, fake)
        no_csrf = await web.post("/tickets/1/assign", data={"to": ""})
        assert no_csrf.status_code == 403
        assert (await web.get("/tickets/1/assign")).status_code in (404, 405)  # no action by GET

        await web.post("/logout", data={"csrf": _csrf((await web.get("/tickets/1")).text)})
        assert (await web.get("/")).status_code == 303

        services = app.bot_data[SERVICES_KEY]  # a link that somehow names a resident: refused
        await services.stores.desk.add_link("resident-token", Person(1, "张阿姨"), clock() + HOUR)
        assert (await web.get("/login/resident-token")).status_code == 403
        assert (await web.get("/")).status_code == 303
    assert _rows(config, "SELECT status FROM tickets") == [("open",)]


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, page[:300]
    return found.group(1)


def _nonce(page: str) -> str:
    found = re.search(r'name="nonce" value="([^"]+)"', page)
    assert found
    return found.group(1)


def _rows(config, sql):
    with peek(config) as conn:
        return conn.execute(sql).fetchall()


async def test_filters_escaping_api_and_every_action(fake, run_bot, tmp_path):
    port = free_port()
    config = make_config(
        tmp_path,
        fake.base_url,
        web={"listen": f"127.0.0.1:{port}"},
        escalation={"level2_chat": -3001},
    )
    group = fake.group(GROUP, "3栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    admin = fake.person(ADMIN_ID, "社区办老李")
    async with (
        run_bot(config) as app,
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as web,
    ):
        fake.say(group, zhang, "3栋电梯坏了 <b>关不上</b> <script>alert(1)</script>")
        fake.say(group, li, "5栋门口垃圾没人收 臭死了")
        await settle(app, fake)
        fake.say(group, li, "8栋垃圾桶满了 没人收")
        await settle(app, fake)
        await web.get(await ask_link(app, fake, admin))

        lifts = await web.get("/tickets", params={"category": "lift"})
        assert "#1" in lifts.text and "#2" not in lifts.text
        detail = await web.get("/tickets/1")
        assert (
            "&lt;script&gt;alert(1)&lt;/script&gt;" in detail.text and "<script>" not in detail.text
        )
        assert "未督办" in detail.text and "督办 0 级" not in detail.text  # not raised yet
        api = (await web.get("/api/tickets", params={"category": "sanitation"})).json()
        assert [t["id"] for t in api["tickets"]] == [3, 2] and api["tickets"][0]["reports"]
        assert (await web.get("/api/tickets/1")).json()["category"] == "lift"
        book = await web.get("/tickets.xlsx", params={"category": "sanitation"})
        assert book.status_code == 200 and book.content.startswith(b"PK")
        named = unquote(book.headers["content-disposition"].partition("''")[2])
        assert named.startswith("台账-筛选-"), named  # not 全部: only the filtered tickets
        rows = list(load_workbook(io.BytesIO(book.content)).active.iter_rows(values_only=True))
        assert [r[0] for r in rows[1:]] == [2, 3]
        picture = await web.get("/charts/categories.png")
        assert picture.status_code == 200 and picture.content.startswith(b"\x89PNG")

        async def act(number: int, action: str, **fields: str) -> httpx.Response:
            page = (await web.get(f"/tickets/{number}")).text
            data = {"csrf": _csrf(page), "nonce": _nonce(page), **fields}
            return await web.post(f"/tickets/{number}/{action}", data=data)

        refused = await act(1, "assign", to="abc")  # not a number: nobody takes it
        assert refused.status_code == 400 and texts.DESK_ASSIGN_WHO in refused.text
        assert f"网格员（编号 {WORKER_ID}）" in (await web.get("/tickets/1")).text  # not met yet
        assert (await act(1, "assign", to=str(WORKER_ID))).status_code == 303
        await settle(app, fake)
        assert f"已派给 网格员（编号 {WORKER_ID}） 办理" in fake.bot_messages(GROUP)[-1].text
        assert "未接单" not in (await web.get("/tickets/1")).text
        await act(1, "note", text="维保单位下午两点到")
        await act(1, "category", category="facilities")
        await act(3, "merge", **{"from": "2"})
        page = (await web.get("/tickets/3")).text
        level = re.search(r'name="level" value="(\d+)"', page)
        assert level is not None and level.group(1) == "0"
        twice = {"csrf": _csrf(page), "nonce": _nonce(page), "level": level.group(1)}
        assert (await web.post("/tickets/3/escalate", data=twice)).status_code == 303
        again = await web.post("/tickets/3/escalate", data=twice)  # a double click: not 2 levels
        assert again.status_code == 400 and "刚刚已经升级过了" in again.text
        assert "时限 —" not in (await web.get("/tickets/1")).text  # its clock runs
        await act(1, "done", text="已修好")
        assert "时限 —" in (await web.get("/tickets/1")).text  # done: no clock runs
        refused = await act(1, "escalate")
        assert refused.status_code == 400 and "不能再升级" in refused.text
        for junk in ("<i>x</i>", ""):  # a form sent by hand: only the deployment's categories
            refused = await act(3, "category", category=junk)
            assert refused.status_code == 400 and "没有这个类别" in refused.text
        for far in ({"to": "9999-12-31"}, {"from": "0001-01-01"}):  # past the calendar: ignored
            for path in ("/tickets", "/api/tickets", "/tickets.xlsx"):
                assert (await web.get(path, params=far)).status_code == 200, (path, far)
        typed = await web.get("/tickets", params={"from": "2026/11/1", "to": "2026年11月30日"})
        assert typed.status_code == 200 and "看不懂" not in typed.text  # typed without a picker
        wrong = await web.get("/tickets", params={"to": "2026-11-31"})
        assert texts.desk_unread_day("2026-11-31") in wrong.text  # said, not silently dropped
        beyond = await web.get(
            "/tickets", params={"page": "999999999999999"}, follow_redirects=True
        )
        assert beyond.status_code == 200 and "第 1 / 1 页" in beyond.text  # the last page
        overview = (await web.get("/")).text
        assert 'href="/tickets?urgent=1&amp;active=1"' in overview
        await settle(app, fake)
        said = [m.text for m in fake.bot_messages(GROUP)]
        assert any("维保单位下午两点到" in t for t in said)
        assert any("已办结" in t for t in said) and any("合并" in t for t in said)
        assert any("督办升级" in m.text for m in fake.bot_messages(-3001)) or any(
            "督办升级" in t for t in said
        )
        history = (await web.get("/tickets/1")).text
        assert "在办公桌操作" in history and "办结" in history
        assert "/tickets/1/assign" not in history and "/tickets/1/done" not in history
        assert "本件已办结，无需再接单" in history and "/tickets/1/category" in history
        assert "/tickets/1/note" in history  # progress may still be told after 办结
        assert "/tickets/3/assign" in (await web.get("/tickets/3")).text  # still open
        everything = await web.get("/tickets.xlsx")  # the page lists #3 first (the newest)
        book_rows = load_workbook(io.BytesIO(everything.content)).active.iter_rows(values_only=True)
        assert [r[0] for r in list(book_rows)[1:]] == [1, 2, 3]  # a ledger: in number order
    assert _rows(config, "SELECT id, status, category FROM tickets ORDER BY id") == [
        (1, "done", "facilities"),
        (2, "cancelled", "sanitation"),
        (3, "open", "sanitation"),
    ]
    assert _rows(config, "SELECT escalation_level FROM tickets WHERE id = 3") == [(1,)]


async def test_triage_on_the_desk_and_a_form_sent_twice_acts_once(fake, run_bot, tmp_path, storage):
    config, base = desk_config(tmp_path, fake, storage)
    group = fake.group(GROUP, "3栋群")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        fake.say(fake.private(wang), wang, "/start")  # the worker gets 研判 notices in private
        await settle(app, fake)
        said = fake.say(group, fake.person(1, "张阿姨"), "我家菜地里头全是水")  # unsure
        fake.say(group, fake.person(2, "李叔"), "快递好慢")  # unsure too
        fake.say(group, fake.person(3, "赵姐"), "+1", reply_to=said)  # a neighbour: the same
        await settle(app, fake)
        await web.get(await ask_link(app, fake, wang))
        assert "待研判" in (await web.get("/")).text
        page = (await web.get("/triage")).text
        assert "我家菜地里头全是水" in page and "快递好慢" in page
        assert page.count("另有 1 户邻居附议") == 1, page
        form = {"csrf": _csrf(page), "nonce": _nonce(page), "category": "greenery"}
        first = await web.post("/triage/1/file", data=form)
        again = await web.post("/triage/1/file", data=form)  # the same form, sent twice
        assert first.status_code == 303 and again.status_code == 303
        dismissed = await web.post("/triage/2/dismiss", data=form)  # same page, other item
        assert dismissed.status_code == 303
        await settle(app, fake)
        acks = [m for m in fake.bot_messages(GROUP) if m.text.startswith("已受理")]
        assert len(acks) == 1 and acks[0].reply_to == said["message_id"]
        assert "【绿化】" in acks[0].text
        assert any("已有 2 户反映" in m.text for m in fake.bot_messages(GROUP))  # 赵姐's +1
        assert "没有待研判的消息" in (await web.get("/triage")).text
        copies = [m for m in fake.bot_messages(WORKER_ID) if m.text.startswith(("✅", "已判定"))]
        assert len(copies) == 2 and all(m.reply_markup is None for m in copies)  # settled
        page = (await web.get("/tickets/1")).text
        form = {"csrf": _csrf(page), "nonce": _nonce(page), "text": "师傅明天来"}
        for _ in range(2):  # a double click on 通报进展
            await web.post("/tickets/1/note", data=form)
        await settle(app, fake)
        # lines as a browser sends them (\r\n): the box counted 992, the end is kept
        lines = "零件要从厂家调货\r\n" * 110 + "周五到"
        page = (await web.get("/tickets/1")).text
        form = {"csrf": _csrf(page), "nonce": _nonce(page), "text": lines}
        await web.post("/tickets/1/note", data=form)
        await settle(app, fake)
    notes = [m for m in fake.bot_messages(GROUP) if "师傅明天来" in m.text]
    assert len(notes) == 1
    latest = "SELECT detail FROM events WHERE action = 'note' ORDER BY id DESC LIMIT 1"
    assert _rows(config, latest)[0][0].endswith("周五到")
    desk_lines = "SELECT count(*) FROM events WHERE action = 'desk' AND detail = 'note'"
    assert _rows(config, desk_lines) == [(2,)]  # the double click once, and the long note
    assert _rows(config, "SELECT state FROM triage ORDER BY id") == [("filed",), ("dismissed",)]


async def test_sessions_expire_and_https_makes_the_cookie_secure(fake, run_bot, clock, tmp_path):
    port = free_port()
    config = make_config(
        tmp_path,
        fake.base_url,
        web={"listen": f"127.0.0.1:{port}", "public_url": "https://desk.example.org"},
    )
    wang = fake.person(WORKER_ID, "网格员小王")
    async with (
        run_bot(config) as app,
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as web,
    ):
        fake.say(fake.private(wang), wang, "/desk")  # the link names public_url
        await settle(app, fake)
        text = fake.bot_messages(WORKER_ID)[-1].text
        found = re.search(r"https://desk\.example\.org(/login/\S+)", text)
        assert found
        login = await web.get(found.group(1))  # as the reverse proxy would pass it on
        assert login.status_code == 303 and "Secure" in login.headers["set-cookie"]
        web.cookies.set("yuanzi_desk", login.cookies["yuanzi_desk"])
        assert (await web.get("/")).status_code == 200
        clock.advance(hours=13)  # sessions last 12 hours
        assert (await web.get("/")).status_code == 303
        assert await app.bot_data[SERVICES_KEY].stores.desk.prune(clock()) == 2  # session, link
    assert _rows(config, "SELECT count(*) FROM desk_sessions") == [(0,)]


async def test_a_ticket_a_worker_filed_shows_who_reported_it(fake, run_bot, tmp_path, storage):
    config, base = desk_config(tmp_path, fake, storage)
    group = fake.group(GROUP, "3栋群")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        fake.say(group, wang, "/new 5栋门口垃圾桶满了 好几天没人收")  # heard on the phone
        await settle(app, fake)
        await web.get(await ask_link(app, fake, wang))
        page = (await web.get("/tickets/1")).text
    assert "网格员登记" in page and "0 户反映" not in page


async def test_a_download_cut_short_says_so_in_its_name(
    fake, run_bot, tmp_path, storage, monkeypatch
):
    """The desk's workbook holds at most WORKBOOK_ROWS tickets (/export has them all): a
    download cut short is named 前N件, not passed off as the whole list."""
    from bot.desk import data

    monkeypatch.setattr(data, "WORKBOOK_ROWS", 1)
    config, base = desk_config(tmp_path, fake, storage)
    group, admin = fake.group(GROUP, "3栋群"), fake.person(ADMIN_ID, "社区办老李")
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        fake.say(group, fake.person(1, "张阿姨"), "3栋电梯坏了 门关不上")
        fake.say(group, fake.person(2, "李叔"), "5栋门口垃圾没人收 臭死了")
        await settle(app, fake)
        await web.get(await ask_link(app, fake, admin))
        book = await web.get("/tickets.xlsx")
    named = unquote(book.headers["content-disposition"].partition("''")[2])
    assert named.startswith("台账-全部-") and named.endswith("-前1件.xlsx"), named
    rows = list(load_workbook(io.BytesIO(book.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2  # the header and one ticket
