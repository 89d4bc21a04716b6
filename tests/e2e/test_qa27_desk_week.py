"""The office clerk's week on the desk (QA round 27): what a clerk types or follows that the
desk cannot act on is said in Chinese on the desk's own page, never a bare English line."""

from __future__ import annotations

import httpx

from bot import texts
from bot.devtools.runner import settle
from tests.e2e.test_busy_month import BACKLOG_GROUP, backlog_of_one_worker
from tests.e2e.test_desk import GROUP, _csrf, _nonce, ask_link, desk_config
from tests.e2e.test_desk_browser import FLAGS, PATIENCE_MS, _browser_or_skip, _desk
from tests.e2e.test_desk_office import log_in, merged_lift_and_rubbish, plain
from tests.factories import WORKER_ID


async def test_a_merge_number_typed_as_words_and_a_blank_note_are_said_in_chinese(
    fake, run_bot, tmp_path, storage
):
    """合并到本件 with 十五 (or 15号 mistyped as words) answered `merge: give the number to merge
    in`, and a 通报进展 of spaces only `note: nothing to do`: bare English pages, without the
    ticket or the way back. The ticket's page says what to write instead, and nothing is done."""
    config, base = desk_config(tmp_path, fake, storage)
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        await merged_lift_and_rubbish(app, fake)
        await log_in(app, fake, web)
        page = (await web.get("/tickets/1")).text
        merge = {"csrf": _csrf(page), "nonce": _nonce(page), "from": "十五"}
        merged = await web.post("/tickets/1/merge", data=merge)
        note = {"csrf": _csrf(page), "nonce": _nonce(page), "text": "   "}
        noted = await web.post("/tickets/1/note", data=note)
        history = plain((await web.get("/tickets/1")).text)
    for answer, said in ((merged, texts.DESK_MERGE_NUMBER), (noted, texts.DESK_NOTE_EMPTY)):
        assert answer.status_code == 400 and said in plain(answer.text), answer.text[:300]
        assert "#1【电梯】" in plain(answer.text) and 'href="/tickets"' in answer.text
    assert "在办公桌操作" not in history


async def test_a_ticket_address_with_no_ticket_is_said_in_chinese(fake, run_bot, tmp_path, storage):
    """An old link or a mistyped number (/tickets/99999, /tickets/12a) answered `no such
    ticket` on a bare page. The desk says it, in its own page with the way back to the list."""
    config, base = desk_config(tmp_path, fake, storage)
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        await merged_lift_and_rubbish(app, fake)
        await log_in(app, fake, web)
        missing = await web.get("/tickets/99999")
        garbled = await web.get("/tickets/12a<b>")
    assert missing.status_code == 404 and texts.desk_no_ticket("#99999") in plain(missing.text)
    assert garbled.status_code == 404 and "12a&lt;b&gt;" in garbled.text
    for page in (missing, garbled):
        assert 'href="/tickets"' in page.text and "no such" not in page.text


async def test_the_overview_fits_a_phone_screen(fake, run_bot, clock, tmp_path, storage):
    """On a phone (360 px) the 三率 table ran 100 px and more past the screen's edge
    (`100.0%（120/120）` has no place to break), so the whole overview scrolled sideways. The
    count may go under the rate, and the page is as wide as the phone."""
    chromium = _browser_or_skip()
    from playwright.async_api import async_playwright

    _, port, config = _desk(fake, tmp_path, storage)
    group = fake.group(BACKLOG_GROUP, "幸福里小区业主群")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot(config) as app, async_playwright() as driver:
        await backlog_of_one_worker(app, fake, clock, 120)  # each taken: 100.0%（120/120）
        for number, verdict in ((1, "满意"), (2, "不满意")):  # and two done, rated: all 3 rates
            fake.say(group, wang, f"/done {number} 已修好")
            await settle(app, fake)
            done = fake.bot_messages(BACKLOG_GROUP)[-1]
            rows = done.reply_markup["inline_keyboard"]
            data = next(b["callback_data"] for row in rows for b in row if b["text"] == verdict)
            fake.press(done, fake.person(2000 + number - 1, f"居民{number - 1}"), data)
            await settle(app, fake)
        link = await ask_link(app, fake, wang)
        browser = await driver.chromium.launch(executable_path=chromium, args=FLAGS)
        page = await browser.new_page(viewport={"width": 360, "height": 640})
        page.set_default_timeout(PATIENCE_MS)
        await page.goto(link)
        await page.goto(f"http://127.0.0.1:{port}/")
        rates = await page.locator("main table").first.inner_text()
        wide = await page.evaluate("document.documentElement.scrollWidth")
        await browser.close()
    assert "100.0%（120/120）" in rates.replace("\n", "")
    assert wide <= 360, rates


async def test_a_long_result_stops_at_what_the_desk_keeps(fake, run_bot, tmp_path, storage):
    """A 办理结果 or 进展 longer than 1,000 characters was cut at 1,000 without a word: the
    group was told the first 1,000 and the clerk never knew. The box takes no more than that,
    so what is typed is what is sent."""
    chromium = _browser_or_skip()
    from playwright.async_api import async_playwright

    _, port, config = _desk(fake, tmp_path, storage)
    group = fake.group(BACKLOG_GROUP, "幸福里小区业主群")
    wang = fake.person(WORKER_ID, "网格员小王")
    long = "维修师傅说" + "零件要从厂家调货，" * 150 + "结尾在这里"
    async with run_bot(config) as app, async_playwright() as driver:
        fake.say(group, fake.person(1, "张阿姨"), "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        link = await ask_link(app, fake, wang)
        browser = await driver.chromium.launch(executable_path=chromium, args=FLAGS)
        page = await browser.new_page(viewport={"width": 1100, "height": 900})
        page.set_default_timeout(PATIENCE_MS)
        await page.goto(link)
        await page.goto(f"http://127.0.0.1:{port}/tickets/1")
        kept = []
        for action in ("note", "done"):
            box = page.locator(f"form[action$='/{action}'] textarea")
            await box.fill(long)
            kept.append(len(await box.input_value()))
        await browser.close()
    assert len(long) > 1000 and kept == [1000, 1000]


NAMELESS = """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
  .map(e => e.form.getAttribute('action') + ' ' + e.name)"""


async def test_every_box_of_the_desk_has_a_name_a_screen_reader_says(
    fake, run_bot, tmp_path, storage
):
    """The 办结 and 进展 boxes, the 更正类别 and 研判 category lists and the 合并 number had no
    label: a screen reader said "edit text" or "combo box" and nothing of what it was for."""
    chromium = _browser_or_skip()
    from playwright.async_api import async_playwright

    _, port, config = _desk(fake, tmp_path, storage)
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot(config) as app, async_playwright() as driver:
        fake.say(fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨"), "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        fake.say(fake.group(GROUP, "3栋群"), fake.person(2, "李叔"), "我家菜地里头全是水")
        await settle(app, fake)  # waits for 研判
        link = await ask_link(app, fake, wang)
        browser = await driver.chromium.launch(executable_path=chromium, args=FLAGS)
        page = await browser.new_page(viewport={"width": 1100, "height": 900})
        page.set_default_timeout(PATIENCE_MS)
        await page.goto(link)
        nameless = {}
        for path in ("/tickets", "/tickets/1", "/triage"):
            await page.goto(f"http://127.0.0.1:{port}{path}")
            nameless[path] = await page.evaluate(NAMELESS)
        cards = await page.locator(".card.queued").count()
        await browser.close()
    assert cards == 1  # the 研判 page has its list to name
    assert nameless == {"/tickets": [], "/tickets/1": [], "/triage": []}
