"""The office's commands end to end: /export sends the ledger workbook, /chart the pictures."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from bot import texts
from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from bot.ledger.rows import HEADERS
from bot.texts import EXPORT_IN_PRIVATE, EXPORT_USAGE
from tests.factories import ADMIN_ID, WORKER_ID

PNG = b"\x89PNG\r\n\x1a\n"


async def test_export_and_chart_for_the_office_and_not_for_residents(fake: FakeTelegram, run_bot):
    group = fake.group(-1001, "东苑3栋业主群")
    zhang = fake.person(501, "张阿姨")
    worker = fake.person(WORKER_ID, "网格员小王")
    admin = fake.person(ADMIN_ID, "社区办老李")
    worker_chat, admin_chat, zhang_chat = (
        fake.private(worker),
        fake.private(admin),
        fake.private(zhang),
    )

    def documents(chat_id: int) -> list:
        return [m for m in fake.bot_messages(chat_id) if m.document]

    def answers(chat_id: int) -> list[str]:
        return [m.text for m in fake.bot_messages(chat_id) if not m.document]

    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了，困了好久")
        fake.say(group, zhang, "5号楼门口垃圾堆了三天没人收")
        await settle(app, fake)
        fake.say(worker_chat, worker, "/export 2026-11")
        fake.say(admin_chat, admin, "/export")
        fake.say(admin_chat, admin, "/export ２０２６－１１")  # a phone's full-width keys
        fake.say(worker_chat, worker, "/export 2026-13")
        fake.say(worker_chat, worker, "/export 2026-11-31")
        fake.say(worker_chat, worker, "/export 2099-01")  # still to come: no empty workbook
        fake.say(admin_chat, admin, "/export 本月")  # the clock's month: 2026-11
        fake.say(group, worker, "/export")
        fake.say(zhang_chat, zhang, "/export")
        fake.say(group, zhang, "/chart")
        fake.say(group, worker, "/chart")
        await fake.wait_for(lambda: len(documents(group["id"])) == 2, what="two charts")
        await settle(app, fake)

    [month] = documents(worker["id"])
    name, data = month.document
    assert name == "台账-2026-11.xlsx" and "2026年11月台账，共 2 件" in month.text
    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    assert rows[0] == HEADERS and len(rows) == 3
    assert {r[1] for r in rows[1:]} == {"东苑3栋业主群"}
    assert {r[2] for r in rows[1:]} == {"电梯", "环境卫生"} and {r[13] for r in rows[1:]} == {
        "待接单"
    }
    assert rows[1][4] == "3栋2单元电梯坏了，困了好久"  # the full text, for the office
    everything, *by_month = sorted(documents(admin["id"]), key=lambda m: "全部" not in m.text)
    assert everything.document[0] == "台账-全部-2026-11-23.xlsx"
    assert [m.document[0] for m in by_month] == ["台账-2026-11.xlsx"] * 2  # typed wide, 本月
    assert all(m.text == month.text for m in by_month)
    assert answers(admin["id"]) == []
    assert answers(worker["id"]) == [
        texts.not_a_month("2026-13"),
        texts.not_a_month("2026-11-31"),
        texts.month_to_come("2099-01"),
    ]
    assert EXPORT_USAGE in answers(worker["id"])[0]
    assert answers(zhang["id"]) == [texts.NOT_WORKER]
    group_answers = answers(group["id"])
    assert EXPORT_IN_PRIVATE in group_answers and texts.NOT_WORKER in group_answers
    charts = documents(group["id"])
    assert [c.document[0] for c in charts] == ["分类状态-2026-11-23.png", "三率走势-2026-11-23.png"]
    assert all(c.document[1].startswith(PNG) for c in charts)
    assert "东苑3栋业主群 · 近四周诉求" in charts[0].text and "共 2 件" in charts[0].text
    assert len(fake.calls_of("sendPhoto")) == 2


async def test_a_group_title_written_as_mathtext_is_charted_as_written(fake: FakeTelegram, run_bot):
    group = fake.group(-1002, r"3栋 $\frac{a$ 群_^{}")
    worker = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        fake.say(group, fake.person(501, "张阿姨"), "3栋2单元电梯坏了，困了好久")
        await settle(app, fake)
        fake.say(group, worker, "/chart 2026-11")  # a month: the last four weeks all the same
        await settle(app, fake)
    charts = [m for m in fake.bot_messages(group["id"]) if m.document]
    assert texts.CHART_TAKES_NO_MONTH in [m.text for m in fake.bot_messages(group["id"])]
    assert len(charts) == 2 and all(c.document[1].startswith(PNG) for c in charts)
    assert r"$\frac{a$" in charts[0].text


async def test_export_builds_its_rows_off_the_event_loop(fake: FakeTelegram, run_bot, monkeypatch):
    """/export made every row of 学习记录 (and of 台账) on the event loop: at 35,000 lessons
    every group waited 80 ms for the office's copy, and as long again for the lessons read
    from the database. They are made in a worker thread."""
    import threading

    import storage.lessons
    from bot.ledger import monthly

    made_in: dict[str, list[int]] = {}

    def watch(module: object, name: str) -> None:
        build = getattr(module, name)

        def wrapper(*args, **kwargs):
            made_in.setdefault(name, []).append(threading.get_ident())
            return build(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)

    watch(monthly, "lesson_row")
    watch(monthly, "ledger_line")
    watch(storage.lessons, "_lesson")
    group, worker = fake.group(-1003, "东苑3栋业主群"), fake.person(WORKER_ID, "网格员小王")
    admin = fake.person(ADMIN_ID, "社区办老李")
    async with run_bot() as app:
        fake.say(group, fake.person(501, "张阿姨"), "3栋2单元电梯坏了，困了好久")
        await settle(app, fake)
        fake.say(group, worker, "/done 1 门机板已更换")  # a lesson: 办结, 电梯
        await settle(app, fake)
        fake.say(fake.private(admin), admin, "/export")
        await settle(app, fake)
    [sent] = [m for m in fake.bot_messages(admin["id"]) if m.document]
    book = load_workbook(io.BytesIO(sent.document[1]))
    assert book.sheetnames == ["台账", "学习记录"] and book["学习记录"].max_row == 2
    assert sorted(made_in) == ["_lesson", "ledger_line", "lesson_row"]
    loop = threading.get_ident()  # this test runs on the bot's event loop
    assert {name: loop in made for name, made in made_in.items()} == dict.fromkeys(made_in, False)
