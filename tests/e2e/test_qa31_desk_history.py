"""The office desk on a community with years of history (QA round 31)."""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

import httpx
from openpyxl import load_workbook

from bot.core.tickets import Person
from bot.runtime.services import SERVICES_KEY
from tests.e2e.test_desk import GROUP, ask_link, desk_config
from tests.factories import ADMIN_ID, T0, WORKER_ID, new_report

PROBLEMS = [
    ("lift", "电梯坏了"), ("water", "停水了"), ("sanitation", "垃圾没人收"),
    ("lift", "电梯又困人了"), ("lighting", "楼道灯不亮"), ("parking", "车堵了大门"),
]  # fmt: skip


def counting_reads(db: Any) -> Counter[str]:
    """Every read the desk makes from now on, counted by its first words."""
    reads: Counter[str] = Counter()
    for name in ("fetchall", "fetchone"):
        original = getattr(db, name)

        async def counted(sql: str, params: Any = (), original: Any = original) -> Any:
            reads[" ".join(sql.split()[:4])] += 1
            return await original(sql, params)

        setattr(db, name, counted)
    return reads


async def test_a_page_of_the_api_reads_the_reports_once_not_once_per_ticket(
    fake, run_bot, tmp_path, storage
):
    """`GET /api/tickets` read each ticket's reports with a query of its own: 200 reads for a
    full page of a busy community's ledger. The page's reports are one read, however many
    tickets it holds."""
    config, base = desk_config(tmp_path, fake, storage)
    admin = fake.person(ADMIN_ID, "社区办老李")
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        tickets = app.bot_data[SERVICES_KEY].stores.tickets
        for n, (category, text) in enumerate(PROBLEMS, start=1):
            said = {"chat_id": GROUP, "at": T0, "category": category}
            filed = await tickets.file_report(new_report(n * 10, text, location=f"{n}栋", **said))
            await tickets.file_report(  # a neighbour's "+1" with each
                new_report(n * 10 + 1, "+1", location=None, **said), into=filed.ticket.id
            )
        await web.get(await ask_link(app, fake, admin))
        reads = counting_reads(tickets.db)
        few = (await web.get("/api/tickets", params={"category": "lift"})).json()
        reads_for_few = sum(reads.values())
        reads.clear()
        every = (await web.get("/api/tickets")).json()
        reads_for_every = sum(reads.values())
    assert [t["id"] for t in few["tickets"]] == [4, 1]  # newest first, as the list
    assert len(every["tickets"]) == len(PROBLEMS) == every["total"]
    assert reads_for_every == reads_for_few, reads  # not one more read per ticket
    assert reads["SELECT * FROM reports"] == 1
    for record in every["tickets"]:  # each with its own reports, oldest first
        assert [r["text"] for r in record["reports"]] == [PROBLEMS[record["id"] - 1][1], "+1"]


async def test_the_whole_ledger_downloads_a_batch_of_tickets_at_a_time(
    fake, run_bot, tmp_path, storage, monkeypatch
):
    """`/tickets.xlsx` without a filter read every ticket in one go and made each a row in one
    turn of the event loop: 60,000 tickets held every group's intake for a second and more.
    It reads them a batch at a time, and the workbook is the same: every ticket, by number."""
    from bot.desk import data

    monkeypatch.setattr(data, "WORKBOOK_BATCH", 2)
    config, base = desk_config(tmp_path, fake, storage)
    admin = fake.person(ADMIN_ID, "社区办老李")
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        stores = app.bot_data[SERVICES_KEY].stores
        for n, (category, text) in enumerate(PROBLEMS, start=1):
            said = {"chat_id": GROUP, "at": T0, "category": category, "location": f"{n}栋"}
            await stores.tickets.file_report(new_report(n * 10, text, **said))
        worker = Person(WORKER_ID, "网格员小王")  # one done: listed after the active ones
        await stores.actions.assign(3, GROUP, worker, worker, T0)
        await stores.actions.mark_done(3, GROUP, "已清运", worker, T0)
        await web.get(await ask_link(app, fake, admin))
        largest: list[int] = []
        fetchall = stores.desk.db.fetchall

        async def read(sql: str, params: Any = ()) -> Any:
            rows = await fetchall(sql, params)
            if sql.startswith("SELECT id, chat_id"):  # tickets, whole
                largest.append(len(rows))
            return rows

        monkeypatch.setattr(stores.desk.db, "fetchall", read)  # the desk reads aside
        book = await web.get("/tickets.xlsx")
    assert book.status_code == 200 and largest and max(largest) <= 2
    rows = list(load_workbook(io.BytesIO(book.content)).active.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == list(range(1, len(PROBLEMS) + 1))  # by number, all
