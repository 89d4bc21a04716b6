"""The office desk in a real headless Chromium (Debian's package, driven by Playwright): log in
through a link, filter the tickets, assign and close one, search on a phone; screenshots of the
overview, a ticket page and the phone's search are saved (YUANZI_SCREENSHOTS, else the test's
folder) to be looked at."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bot.devtools.runner import settle
from tests.e2e.test_desk import ask_link, free_port
from tests.factories import WORKER_ID, make_config

GROUP = -7801
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Chromium's own background traffic is refused on a closed network: keep it from trying.
FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def _browser_or_skip() -> str:
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        if os.environ.get("YUANZI_REQUIRE_BROWSER"):
            raise
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    if CHROMIUM is None:
        if os.environ.get("YUANZI_REQUIRE_BROWSER"):
            pytest.fail("YUANZI_REQUIRE_BROWSER is set but chromium is missing")
        pytest.skip("no chromium here (.ci/run installs Debian's chromium)")
    return CHROMIUM


def _desk(fake, tmp_path, storage) -> tuple[Path, int, object]:
    """Where screenshots go, the desk's port, and a config whose desk listens there."""
    shots = Path(os.environ.get("YUANZI_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    port = free_port()
    web = {"listen": f"127.0.0.1:{port}"}
    return shots, port, make_config(tmp_path, fake.base_url, storage=storage, web=web)


PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1100, "height": 900}
# Playwright waits 30 s for a page or an element by default; a shared CI machine under load can
# take longer to start Chromium and lay out a page, which is no fault of the desk's
PATIENCE_MS = 120_000


async def _signed_in(driver, chromium: str, link: str, viewport: dict[str, int]):
    """A headless Chromium and its page of `viewport`'s size, signed in by a worker's link."""
    browser = await driver.chromium.launch(executable_path=chromium, args=FLAGS)
    page = await browser.new_page(viewport=viewport)
    page.set_default_timeout(PATIENCE_MS)
    await page.goto(link)
    return browser, page


async def test_a_worker_uses_the_desk_in_a_real_browser(fake, run_bot, tmp_path, storage):
    chromium = _browser_or_skip()
    from playwright.async_api import async_playwright

    shots, port, config = _desk(fake, tmp_path, storage)
    group = fake.group(GROUP, "阳光花园3栋群")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot(config) as app, async_playwright() as driver:
        for n, text in enumerate(
            ["3栋2单元电梯坏了 关不上门", "5栋门口垃圾三天没人收 臭死了", "地下车库的灯全灭了"]
        ):
            fake.say(group, fake.person(n + 1, f"居民{n + 1}"), text)
            await settle(app, fake)
        link = await ask_link(app, fake, wang)
        browser, page = await _signed_in(driver, chromium, link, DESKTOP)
        assert "概览" in await page.title()
        await page.screenshot(path=str(shots / "desk-overview.png"), full_page=True)

        await page.goto(f"http://127.0.0.1:{port}/tickets")
        await page.select_option("select[name=category]", "sanitation")
        await page.click("form.filters button[type=submit]")
        rows = await page.locator("table.tickets tr").all_inner_texts()
        assert len(rows) == 2 and "垃圾" in rows[1]

        await page.click("text=#2")
        await page.click("form[action$='/assign'] button")
        await page.wait_for_load_state()
        assert "网格员小王" in await page.inner_text("main")
        await page.fill("form[action$='/done'] textarea", "已清运，垃圾桶已冲洗")
        await page.click("form[action$='/done'] button")
        await page.wait_for_load_state()
        heading = await page.inner_text("h1")
        assert "已办结" in heading
        await page.screenshot(path=str(shots / "desk-ticket.png"), full_page=True)
        await browser.close()
        await settle(app, fake)
    said = [m.text for m in fake.bot_messages(GROUP)]
    assert any("已由 网格员小王 接单" in t for t in said) and any("已清运" in t for t in said)


async def test_the_search_box_fits_a_phone_and_finds(fake, run_bot, tmp_path, storage):
    """On a phone (360 px) the search box and its button are on the screen, a row of their own
    as wide as it; what is searched, and the order picked, stay in the address and the box."""
    chromium = _browser_or_skip()
    from playwright.async_api import async_playwright

    shots, port, config = _desk(fake, tmp_path, storage)
    group = fake.group(GROUP, "阳光花园3栋群")
    async with run_bot(config) as app, async_playwright() as driver:
        for n, text in enumerate(
            ["3栋2单元电梯坏了 关不上门", "5栋门口垃圾三天没人收 臭死了", "地下车库的灯全灭了"]
        ):
            fake.say(group, fake.person(n + 1, f"居民{n + 1}"), text)
            await settle(app, fake)
        link = await ask_link(app, fake, fake.person(WORKER_ID, "网格员小王"))
        browser, page = await _signed_in(driver, chromium, link, PHONE)
        await page.goto(f"http://127.0.0.1:{port}/tickets")
        box, button = page.locator("input[name=q]"), page.locator("form.filters .search button")
        at, pressed = await box.bounding_box(), await button.bounding_box()
        await box.fill("垃圾")
        await box.press("Enter")  # a phone keyboard's 搜索
        await page.wait_for_load_state()
        rows = await page.locator("table.tickets tr").all_inner_texts()
        await page.click("text=按时限（超时的在前）")
        await page.wait_for_load_state()
        address, kept = page.url, await page.locator("input[name=q]").input_value()
        wide = await page.evaluate("document.documentElement.scrollWidth")
        await page.screenshot(path=str(shots / "desk-search-phone.png"), full_page=True)
        await browser.close()
    assert at is not None and pressed is not None
    assert at["x"] >= 0 and pressed["x"] + pressed["width"] <= 360, (at, pressed)
    assert at["width"] >= 200 and abs(at["y"] - pressed["y"]) < 8, (at, pressed)  # one row
    assert len(rows) == 2 and "垃圾" in rows[1], rows
    assert "q=%E5%9E%83%E5%9C%BE" in address and "sort=due" in address and kept == "垃圾"
    assert wide <= 360


async def test_a_residents_photo_shows_on_the_ticket_page(fake, run_bot, tmp_path, storage):
    chromium = _browser_or_skip()
    from playwright.async_api import async_playwright

    shots, port, config = _desk(fake, tmp_path, storage)
    group = fake.group(GROUP, "阳光花园3栋群")
    zhang, wang = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "网格员小王")
    async with run_bot(config) as app, async_playwright() as driver:
        fake.say(group, zhang, "5栋门口垃圾三天没人收 臭死了")
        await settle(app, fake)
        fake.photo(group, zhang, picture=PICTURE)  # the picture, right after her words
        await settle(app, fake)
        link = await ask_link(app, fake, wang)
        browser, page = await _signed_in(driver, chromium, link, DESKTOP)
        await page.goto(f"http://127.0.0.1:{port}/tickets/1")
        assert "照片（1 张）" in await page.inner_text("main")
        image = page.locator("img.photo")
        await image.wait_for()
        await page.wait_for_function("document.querySelector('img.photo').complete")
        assert await image.evaluate("i => [i.naturalWidth, i.naturalHeight]") == [40, 30]
        await page.screenshot(path=str(shots / "desk-photos.png"), full_page=True)
        await browser.close()


def _picture() -> bytes:
    """A small orange JPEG, drawn here (Pillow comes with matplotlib)."""
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (40, 30), (230, 120, 40)).save(out, "JPEG")
    return out.getvalue()


PICTURE = _picture()


async def test_a_complaint_with_a_long_code_does_not_widen_the_list_on_a_phone(
    fake, run_bot, tmp_path, storage
):
    """A resident pastes an order number or a link: a run of letters and digits with nowhere
    to break it. On a phone (360 px) the list grew wider than the screen (sideways scrolling,
    the 户数 column cut off); the run now breaks within its column."""
    chromium = _browser_or_skip()
    from playwright.async_api import async_playwright

    shots, port, config = _desk(fake, tmp_path, storage)
    group = fake.group(GROUP, "阳光花园3栋群")
    code = "报修单号WX20261123000123456789ABCDEFGH"
    async with run_bot(config) as app, async_playwright() as driver:
        fake.say(group, fake.person(1, "张阿姨"), f"3栋2单元电梯坏了 门关不上 {code}")
        await settle(app, fake)
        link = await ask_link(app, fake, fake.person(WORKER_ID, "网格员小王"))
        browser, page = await _signed_in(driver, chromium, link, PHONE)
        await page.goto(f"http://127.0.0.1:{port}/tickets")
        rows = await page.locator("table.tickets tr").all_inner_texts()
        wide = await page.evaluate("document.documentElement.scrollWidth")
        await page.screenshot(path=str(shots / "desk-list-phone.png"), full_page=True)
        await browser.close()
    assert len(rows) == 2 and "WX2026" in rows[1], rows
    assert wide <= 360


async def test_a_report_written_on_several_lines_keeps_its_lines(fake, run_bot, tmp_path, storage):
    """A resident lists what is wrong, one thing a line: the ticket page ran the lines into one
    ("…坏了 1. 门关不上 2. 按钮不亮"). It keeps its lines, as a note of the history does."""
    chromium = _browser_or_skip()
    from playwright.async_api import async_playwright

    shots, port, config = _desk(fake, tmp_path, storage)
    group = fake.group(GROUP, "阳光花园3栋群")
    async with run_bot(config) as app, async_playwright() as driver:
        fake.say(group, fake.person(1, "张阿姨"), "8栋电梯坏了\n1. 门关不上\n2. 按钮不亮")
        await settle(app, fake)
        link = await ask_link(app, fake, fake.person(WORKER_ID, "网格员小王"))
        browser, page = await _signed_in(driver, chromium, link, DESKTOP)
        await page.goto(f"http://127.0.0.1:{port}/tickets/1")
        report = await page.locator("ul.plain li").first.inner_text()
        await page.screenshot(path=str(shots / "desk-ticket-lines.png"), full_page=True)
        await browser.close()
    assert "8栋电梯坏了\n1. 门关不上\n2. 按钮不亮" in report, report
