"""The ledger as data on the desk: the filtered tickets as the ledger's workbook, and as JSON
(behind the same session as the pages)."""

from __future__ import annotations

import asyncio
import importlib
import io
from urllib.parse import quote

from aiohttp import web

from bot import texts
from bot.core.tickets import Refusal
from bot.core.timeutil import utc_text
from bot.desk import photos
from bot.desk.common import chosen_filters, listed, services_of
from bot.desk.query import number_of, order_of, page_of
from bot.ledger.export import ticket_record
from storage.desk import TicketFilter

__all__ = ["WORKBOOK_BATCH", "WORKBOOK_ROWS", "routes"]

routes = web.RouteTableDef()
WORKBOOK_ROWS = 100_000  # the desk's download at most; /export writes the whole ledger
WORKBOOK_BATCH = 500  # tickets read and made rows at a time: residents are answered between


@routes.get("/tickets.xlsx")
async def tickets_workbook(request: web.Request) -> web.StreamResponse:
    """The filtered tickets as the ledger workbook (the same columns as /export, in number
    order), read a batch at a time: the whole ledger at once held the event loop, every
    group's intake with it, for a second and more in a community's second year."""
    from bot.ledger.rows import CategoryTable, ledger_line

    # openpyxl, loaded in a thread: its first import held every group's intake for a second
    await asyncio.to_thread(importlib.import_module, "bot.ledger.xlsx")
    from bot.ledger.xlsx import write_workbook

    services = services_of(request)
    now, tz = services.clock(), services.config.schedule.tz
    chosen = chosen_filters(request)
    desk = services.stores.desk
    numbers, total = await desk.numbers(
        chosen, now, order=order_of(request.query), limit=WORKBOOK_ROWS
    )  # cut short: the first in its order, then by number as /export
    titles = await services.stores.chats.titles()
    categories = CategoryTable(services.texts.category_names)
    lines = []
    for start in range(0, len(numbers), WORKBOOK_BATCH):
        batch = await desk.by_numbers(numbers[start : start + WORKBOOK_BATCH])
        lines += [ledger_line(t, titles.get(t.chat_id), categories, tz, now) for t in batch]
    out = io.BytesIO()
    await asyncio.to_thread(write_workbook, lines, out)  # off the event loop
    name = texts.ledger_filename(None, now, tz, filtered=chosen != TicketFilter())
    if total > len(numbers):  # the first WORKBOOK_ROWS only: the name says so (/export has all)
        name = texts.first_rows_filename(name, len(numbers))
    return web.Response(
        body=out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"},
    )


# -- JSON, behind the same session ------------------------------------------------------------
@routes.get("/api/tickets")
async def api_tickets(request: web.Request) -> web.StreamResponse:
    services = services_of(request)
    page = page_of(request.query)
    found, total = await listed(request, 200, page)
    reports = await services.stores.tickets.reports_of([t.id for t in found])
    records = [ticket_record(t, reports[t.id]) for t in found]
    return web.json_response({"tickets": records, "total": total, "page": page})


@routes.get("/api/tickets/{number}")
async def api_ticket(request: web.Request) -> web.StreamResponse:
    services = services_of(request)
    try:
        found = await services.stores.tickets.get(number_of(request.match_info["number"]) or 0)
    except Refusal:
        raise web.HTTPNotFound(
            text='{"error": "no such ticket"}', content_type="application/json"
        ) from None
    record = ticket_record(found, await services.stores.tickets.reports(found.id))
    record["photos"] = [photos.address(n) for n, _ in await photos.shown(services, found.id)]
    record["as_of"] = utc_text(services.clock())
    return web.json_response(record)
