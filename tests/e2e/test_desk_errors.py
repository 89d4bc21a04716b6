"""Every error the desk answers is a page in Chinese, in the desk's own look, with the way back
to the overview and the right status — never aiohttp's English "404: Not Found" or "405: Method
Not Allowed". The JSON API answers JSON."""

from __future__ import annotations

import logging

import httpx

from bot import texts
from bot.devtools.runner import settle
from bot.runtime.services import SERVICES_KEY
from tests.e2e.test_desk import GROUP, _csrf, ask_link, desk_config
from tests.e2e.test_desk_office import plain
from tests.factories import WORKER_ID

ENGLISH = ("Not Found", "Method Not Allowed", "Forbidden", "Request Entity Too Large", "CSRF")


def assert_desk_page(
    answer: httpx.Response, status: int, says: str, signed_in: bool = True
) -> None:
    """The desk's own page: its status, its words, the way back (to the overview; for one not
    signed in, to how to sign in, and no way inside), no English, its headers."""
    words = plain(answer.text)
    assert answer.status_code == status, (answer.status_code, words[:300])
    assert answer.headers["content-type"].startswith("text/html"), answer.headers
    assert says in words and "社区办公桌" in words, words[:300]
    if signed_in:
        assert 'href="/"' in answer.text and "回到概览" in words, words[:300]
    else:
        assert 'href="/howto"' in answer.text, words[:300]
        inside = ('href="/"', 'href="/tickets', 'href="/triage', 'action="/logout"')
        assert not any(link in answer.text for link in inside), words[:300]
    assert not any(english in answer.text for english in ENGLISH), words[:300]
    assert "default-src 'none'" in answer.headers["content-security-policy"]
    assert answer.headers["cache-control"] == "no-store"


async def test_every_error_page_is_the_desks_own_in_chinese(
    fake, run_bot, tmp_path, storage, caplog
):
    config, base = desk_config(tmp_path, fake, storage)
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        fake.say(fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨"), "3栋电梯坏了 门关不上")
        await settle(app, fake)
        outside = await web.get("/tickets/nowhere/else")  # not signed in: how to sign in
        assert outside.status_code == 303 and outside.headers["location"] == "/howto"
        for path in ("/static/other.css", "/login/a/b"):  # not signed in: no way inside
            stranger = await web.get(path)
            assert_desk_page(stranger, 404, texts.desk_error(404)[0], signed_in=False)
        await web.get(await ask_link(app, fake, wang))
        csrf = _csrf((await web.get("/tickets/1")).text)

        unknown = await web.get("/nowhere")
        assert_desk_page(unknown, 404, texts.desk_error(404)[0])
        assert "网格员小王" in plain(unknown.text)  # signed in: the desk's header and menu
        for path in ("/charts/other.png", "/tickets/1/assign/again", "/static/other.css"):
            missing = await web.get(path)
            assert_desk_page(missing, 404, texts.desk_error(404)[1])
            assert "网格员小王" in plain(missing.text) and 'href="/triage"' in missing.text

        for path in ("/tickets/1/assign", "/logout"):  # a form's address opened as a link
            wrong = await web.get(path)
            assert_desk_page(wrong, 405, texts.desk_error(405)[0])
            assert wrong.headers["allow"] == "POST"
        assert_desk_page(await web.delete("/tickets"), 405, texts.desk_error(405)[0])

        stale = await web.post("/tickets/1/assign", data={"csrf": "an-old-page", "to": ""})
        assert_desk_page(stale, 403, texts.DESK_FORM_EXPIRED)
        nothing = await web.post("/tickets/1/frobnicate", data={"csrf": csrf})
        assert_desk_page(nothing, 404, texts.desk_error(404)[0])
        huge = await web.post("/tickets/1/note", data={"csrf": csrf, "text": "水" * 70_000})
        assert_desk_page(huge, 413, texts.desk_error(413)[0])

        with caplog.at_level(logging.INFO):  # a search pasted whole: an address of 27 KB
            long_search = await web.get("/tickets", params={"q": "水" * 3000})
        assert long_search.status_code == 200 and "社区办公桌" in plain(long_search.text)
        assert not any(english in long_search.text for english in ENGLISH)
        assert [r.getMessage() for r in caplog.records if r.exc_info] == []

        api = await web.get("/api/nowhere")  # a program's address: JSON, as the API answers
        assert api.status_code == 404 and api.json() == {"error": "not found"}
        assert (await web.get("/api/tickets/99")).json() == {"error": "no such ticket"}
        posted = await web.post("/api/tickets", data={"csrf": csrf})
        assert posted.status_code == 405 and posted.json() == {"error": "method not allowed"}

        kept = await web.get("/tickets/99")  # the desk's page for a ticket not found, as it was
        assert kept.status_code == 404 and texts.desk_no_ticket("#99") in plain(kept.text)
    assert [m for m in fake.bot_messages(GROUP) if "网格员小王" in m.text] == []  # nothing done


async def test_a_failure_is_a_chinese_page_and_a_line_in_the_log(
    fake, run_bot, tmp_path, storage, monkeypatch, caplog
):
    config, base = desk_config(tmp_path, fake, storage)
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        await web.get(await ask_link(app, fake, wang))
        stores = app.bot_data[SERVICES_KEY].stores

        async def broken(*args: object, **kwargs: object) -> None:
            raise RuntimeError("the disk went away")

        monkeypatch.setattr(stores.desk, "counts", broken)
        monkeypatch.setattr(stores.desk, "search", broken)
        with caplog.at_level(logging.ERROR, logger="bot.desk.errors"):
            page = await web.get("/")
            api = await web.get("/api/tickets")
    assert_desk_page(page, 500, texts.desk_error(500)[0])
    assert "the disk went away" not in page.text  # said in the log, not to the office
    assert api.status_code == 500 and api.json() == {"error": "internal server error"}
    failures = [r for r in caplog.records if r.exc_info and "GET /" in r.getMessage()]
    assert len(failures) == 2 and "the disk went away" in str(failures[0].exc_info[1])


async def test_a_head_request_leaves_a_login_link_unused(fake, run_bot, tmp_path, storage):
    """A link checker that asks HEAD first used to spend the one-time link: the worker's own
    click then said it was used. HEAD is refused; the link still signs her in."""
    config, base = desk_config(tmp_path, fake, storage)
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        link = await ask_link(app, fake, wang)
        probed = await web.head(link)
        assert probed.status_code == 405 and "set-cookie" not in probed.headers
        signed_in = await web.get(link)
        assert signed_in.status_code == 303 and signed_in.headers["location"] == "/"
        assert "网格员小王" in plain((await web.get("/")).text)


async def test_a_login_that_fails_logs_no_one_time_link(
    fake, run_bot, tmp_path, storage, monkeypatch, caplog
):
    """A failure while signing in is logged with the route, not the unused link in it."""
    config, base = desk_config(tmp_path, fake, storage)
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        link = await ask_link(app, fake, wang)
        stores = app.bot_data[SERVICES_KEY].stores

        async def busy(*args: object, **kwargs: object) -> None:
            raise RuntimeError("database is locked")

        monkeypatch.setattr(stores.desk, "use_link", busy)
        with caplog.at_level(logging.ERROR, logger="bot.desk.errors"):
            page = await web.get(link)
    assert_desk_page(page, 500, texts.desk_error(500)[0], signed_in=False)
    token = link.rsplit("/", 1)[-1]
    failed = [r.getMessage() for r in caplog.records if r.exc_info]
    assert failed == ["desk: GET /login/{token} failed"]
    assert all(token not in m for m in failed)
