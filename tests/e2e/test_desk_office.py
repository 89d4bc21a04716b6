"""The office desk as a community office worker reads it (QA round 6): a group brought in from
an old ledger can be filtered, a merged ticket points to the ticket that holds it, the
overview's cards lead to the tickets they count, and every page keeps to its own CSP."""

from __future__ import annotations

import html
import io
import re
from datetime import UTC, datetime
from importlib import resources

import httpx
from openpyxl import Workbook, load_workbook

from bot.devtools.runner import settle
from bot.ledger.rows import HEADERS
from tests.cli.test_ledger_commands import cli
from tests.e2e.test_desk import GROUP, _csrf, _nonce, ask_link, desk_config
from tests.engines import storage_toml
from tests.factories import ADMIN_ID, WORKER_ID

IMPORTED = "东苑5栋业主群"


def plain(page: str) -> str:
    """A page's words as a person reads them (tags dropped, spaces folded; a <wbr> is only
    where a line may break)."""
    words = re.sub(r"<[^>]+>", " ", page.replace("<wbr>", ""))
    return re.sub(r"\s+", " ", html.unescape(words))


def shown_total(page: str) -> int:
    """The ledger's 共 N 件."""
    found = re.search(r"共 (\d+) 件", plain(page))
    assert found, plain(page)[-400:]
    return int(found.group(1))


async def merged_lift_and_rubbish(app, fake) -> None:
    """张阿姨 reports the lift (#1), 李叔 the rubbish (#2); a worker folds #2 into #1."""
    group = fake.group(GROUP, "3栋群")
    fake.say(group, fake.person(1, "张阿姨"), "3栋2单元电梯坏了 门关不上")
    await settle(app, fake)
    fake.say(group, fake.person(2, "李叔"), "5栋门口垃圾堆了三天没人收")
    await settle(app, fake)
    fake.say(group, fake.person(WORKER_ID, "网格员小王"), "/merge 1 2")
    await settle(app, fake)


async def log_in(app, fake, web: httpx.AsyncClient) -> None:
    await web.get(await ask_link(app, fake, fake.person(ADMIN_ID, "社区办老李")))


# -- 1. a group brought in from a ledger ------------------------------------------------------
async def import_old_ledger(tmp_path, storage) -> None:
    """The community's old ledger: one ticket of a group new to the bot, which is given a
    synthetic chat id (-4503599627370497: 16 digits)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(HEADERS))
    sheet.append([None, IMPORTED, "电梯", "5栋", "5栋电梯坏了", 1, "2026-11-01 09:00"])
    old = tmp_path / "旧台账.xlsx"
    workbook.save(old)
    toml = tmp_path / "office.toml"
    toml.write_text(storage_toml(storage), encoding="utf-8")
    loaded = await cli("import", "--config", str(toml), str(old))
    assert loaded.returncode == 0, loaded.stderr


async def test_the_group_filter_works_for_a_group_brought_in_from_a_ledger(
    fake, run_bot, tmp_path, storage
):
    """Its 16-digit chat id was dropped (the desk read 15 at most): the list, the API and the
    download of that group showed every group's tickets."""
    await import_old_ledger(tmp_path, storage)
    config, base = desk_config(tmp_path, fake, storage)
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        fake.say(fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨"), "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        await log_in(app, fake, web)
        listing = (await web.get("/tickets")).text
        chosen = re.search(rf'<option value="(-?\d+)"\s*>{IMPORTED}</option>', listing)
        assert chosen, "the imported group is in the 群 filter"
        group = {"group": chosen.group(1)}
        filtered = (await web.get("/tickets", params=group)).text
        api = (await web.get("/api/tickets", params=group)).json()
        book = await web.get("/tickets.xlsx", params=group)
        # beyond what the storage holds: ignored, like any unreadable filter (not an error)
        too_long = await web.get("/tickets", params={"group": "-99999999999999999999"})
        far_page = await web.get("/api/tickets", params={"page": "9223372036854775807"})
        largest = {"level": "9223372036854775807", "worker": "-9223372036854775808"}
        nobody = await web.get("/tickets", params=largest)
        no_ticket = await web.get("/tickets/9223372036854775807")
    assert len(chosen.group(1).lstrip("-")) > 15
    assert shown_total(filtered) == 1 and "5栋电梯坏了" in filtered
    assert [t["reports"][0]["text"] for t in api["tickets"]] == ["5栋电梯坏了"]
    rows = list(load_workbook(io.BytesIO(book.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2 and "5栋电梯坏了" in rows[1], rows
    assert too_long.status_code == 200 and shown_total(too_long.text) == 2
    assert far_page.status_code == 200 and far_page.json()["tickets"] == []
    assert nobody.status_code == 200 and shown_total(nobody.text) == 0
    assert no_ticket.status_code == 404


# -- 2, 3. a merged ticket --------------------------------------------------------------------
async def test_a_merged_ticket_points_to_the_ticket_that_holds_it(fake, run_bot, tmp_path, storage):
    """#2, raised by 李叔 and merged into #1, has no households of its own: its page said
    网格员登记 (a worker's own /new) and 反映（0 条）. It says, as /ticket does, that its
    households are counted in #1 (计入 #1), and links there; the ledger's row says so too."""
    config, base = desk_config(tmp_path, fake, storage)
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        await merged_lift_and_rubbish(app, fake)
        await log_in(app, fake, web)
        merged = (await web.get("/tickets/2")).text
        holder = plain((await web.get("/tickets/1")).text)
        ledger = (await web.get("/tickets")).text
    words = plain(merged)
    assert "已合并到 #1" in words and "反映户数 计入 #1" in words, words[:600]
    assert "网格员登记" not in words and "0 条" not in words, words[:600]
    assert 'href="/tickets/1"' in merged
    assert "反映户数 2" in holder and "反映（2 条）" in holder
    row = re.search(r'<tr[^>]*>\s*<td><a href="/tickets/2">.*?</tr>', ledger, re.DOTALL)
    assert row and "计入 #1" in row.group(0) and "网格员登记" not in row.group(0)


async def test_a_merged_ticket_offers_no_category_correction_and_says_where_to_act(
    fake, run_bot, tmp_path, storage
):
    """The page of merged #2 said 类别仍可更正 and showed the 更正类别 form, which is always
    refused (已合并到 #1，请对 #1 操作). It offers nothing it refuses, and sends the worker to
    #1."""
    config, base = desk_config(tmp_path, fake, storage)
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        await merged_lift_and_rubbish(app, fake)
        await log_in(app, fake, web)
        page = (await web.get("/tickets/2")).text
        by_hand = {"csrf": _csrf(page), "nonce": "by-hand", "category": "facilities"}
        refused = await web.post("/tickets/2/category", data=by_hand)
        holder = (await web.get("/tickets/1")).text
    assert "/tickets/2/" not in page, "no form acts on a merged ticket"
    assert "更正类别" in plain(page) and "类别仍可更正" not in plain(page)
    assert "请到 #1 操作" in plain(page) and 'href="/tickets/1"' in page
    assert refused.status_code == 400 and "请对 #1 操作" in plain(refused.text)
    assert "/tickets/1/category" in holder  # where it is done


# -- 4. the overview's cards and the ledger ---------------------------------------------------
CARD = re.compile(
    r'<div class="card"><span class="muted">([^<]+)</span><b[^>]*>(\d+)</b><a href="([^"]+)">'
)


async def test_each_overview_card_leads_to_the_tickets_it_counts(fake, run_bot, tmp_path, storage):
    """One complaint nobody has taken, one taken. The first card said 办理中 2 (with links
    待接单 · 已接单), while the ledger's 办理中 is the taken one only. Each card's number is
    what its link finds in the ledger, and a card of a status bears that status's name."""
    config, base = desk_config(tmp_path, fake, storage)
    group = fake.group(GROUP, "3栋群")
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        fake.say(group, fake.person(1, "张阿姨"), "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        fake.say(group, fake.person(2, "李叔"), "5栋门口垃圾堆了三天没人收")
        await settle(app, fake)
        await log_in(app, fake, web)
        page = (await web.get("/tickets/2")).text
        taken = await web.post(
            "/tickets/2/assign", data={"csrf": _csrf(page), "nonce": _nonce(page), "to": ""}
        )
        assert taken.status_code == 303
        overview = (await web.get("/")).text
        cards = [(name, int(n), html.unescape(href)) for name, n, href in CARD.findall(overview)]
        ledger = (await web.get("/tickets")).text
        found = {
            href: shown_total((await web.get(href)).text)
            for _, _, href in cards
            if href.startswith("/tickets")
        }
    statuses = dict(re.findall(r'<option value="([a-z]+)"\s*>([^<]+)</option>', ledger))
    by_status = {
        href.partition("status=")[2]: (name, n) for name, n, href in cards if "status=" in href
    }
    assert by_status == {"open": (statuses["open"], 1), "assigned": (statuses["assigned"], 1)}
    assert all(found[href] == n for _, n, href in cards if href in found), (cards, found)
    assert "未办结" in plain(ledger)  # the urgent card's filter (urgent=1&active=1) is shown


async def test_todays_rates_count_a_complaint_made_at_the_stroke_of_midnight(
    fake, run_bot, clock, tmp_path, storage
):
    """Filed at 00:00:00 local time and taken at once: 今天's 响应率 is 100 %, not "—" (the
    day ran from the first second after midnight)."""
    config, base = desk_config(tmp_path, fake, storage)
    clock.now = datetime(2026, 11, 23, 16, 0, tzinfo=UTC)  # 00:00:00 on the 24th in Shanghai
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        fake.say(fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨"), "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        fake.say(fake.group(GROUP, "3栋群"), fake.person(WORKER_ID, "网格员小王"), "/assign 1")
        await settle(app, fake)
        clock.advance(minutes=5)
        await log_in(app, fake, web)
        overview = plain((await web.get("/")).text)
    today = re.search(r"今天 (\S+) ", overview)
    assert today and today.group(1) == "100.0%（1/1）", overview


# -- 5. the desk's CSP: style-src 'self' ------------------------------------------------------
INLINE = re.compile(r"<[^>]+\sstyle\s*=|<style\b|<script\b", re.IGNORECASE)


def test_no_template_styles_or_scripts_inline():
    """The CSP (no 'unsafe-inline') makes a browser drop inline styles and scripts: the
    spacing of the 研判 queue's cards was `style="margin-bottom:.75rem"`. It is in desk.css."""
    folder = resources.files("bot.desk") / "templates"
    templates = [t for t in folder.iterdir() if t.name.endswith(".html")]
    assert len(templates) >= 6
    for template in templates:
        found = INLINE.findall(template.read_text("utf-8"))
        assert not found, (template.name, found)


async def test_every_desk_page_keeps_to_its_security_policy(fake, run_bot, tmp_path, storage):
    """Every page the desk draws — the 研判 queue with a message waiting, a merged ticket, a
    refusal — is sent with its CSP and holds nothing inline that the CSP would block."""
    config, base = desk_config(tmp_path, fake, storage)
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        fake.say(fake.private(wang), wang, "/start")
        await settle(app, fake)
        await merged_lift_and_rubbish(app, fake)
        fake.say(fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨"), "我家菜地里头全是水")
        await settle(app, fake)
        pages = [await web.get("/howto"), await web.get("/login/spent")]
        await log_in(app, fake, web)
        for path in ("/", "/tickets", "/tickets/1", "/tickets/2", "/triage"):
            pages.append(await web.get(path))
        ticket = pages[-3].text
        form = {"csrf": _csrf(ticket), "nonce": _nonce(ticket), "category": "<i>x</i>"}
        pages.append(await web.post("/tickets/1/category", data=form))  # refused: 400
        css = await web.get("/static/desk.css")
    assert "我家菜地里头全是水" in pages[-2].text  # the queue has a card
    assert [p.status_code for p in pages] == [200, 403, 200, 200, 200, 200, 200, 400]
    for page in pages:
        policy = page.headers["content-security-policy"]
        assert "style-src 'self'" in policy and "unsafe-inline" not in policy
        assert not INLINE.findall(page.text), (page.url, INLINE.findall(page.text))
    assert ".queued" in css.text
