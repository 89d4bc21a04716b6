"""Pictures and files posted as notices: the notice says what to make, and it is made when its
turn to be sent comes (charts and workbooks are not kept in the database)."""

from __future__ import annotations

import asyncio
import importlib
import json
from datetime import datetime
from typing import Any

from bot import texts as words
from bot.core.photos import MAX_SHOWN
from bot.core.timeutil import Month
from bot.ledger.charts import recent_charts
from bot.ledger.rows import CategoryTable
from bot.runtime.bulletins import Bulletins
from bot.runtime.delivery import LEDGER_KIND, PHOTOS_KIND, Attachment, AttachmentSource
from bot.texts import Texts
from storage.outbox import Notice
from storage.stores import Stores

__all__ = ["attachment_source", "charts_request", "ledger_request", "photos_request"]


def charts_request(scope: int | None, at: datetime) -> str:
    """A notice's body asking for the charts of one group (None: the whole community)."""
    return json.dumps({"scope": scope, "at": at.isoformat()})


def ledger_request(month: Month | None, at: datetime) -> str:
    """A notice's body asking for the ledger workbook (all tickets, or one month's)."""
    return json.dumps({"month": month.label if month else None, "at": at.isoformat()})


def photos_request(ticket_id: int, at: datetime) -> str:
    """A notice's body asking for a ticket's photos (as they are when it is sent)."""
    return json.dumps({"ticket": ticket_id, "at": at.isoformat()})


def attachment_source(bulletins: Bulletins, stores: Stores, texts: Texts) -> AttachmentSource:
    """What a notice of a file kind (charts, a look back's, the ledger, photos) posts, made now."""

    async def made(notice: Notice) -> list[Attachment]:
        request: dict[str, Any] = json.loads(notice.body)
        at = datetime.fromisoformat(request["at"])
        if notice.kind == LEDGER_KIND:
            month = Month.parse(request["month"]) if request.get("month") else None
            return [await _ledger(stores, texts, at, month)]
        if notice.kind == PHOTOS_KIND:
            return await _photos(stores, int(request["ticket"]))
        drawn = await recent_charts(bulletins, request["scope"], at)
        return [Attachment(c.filename, c.png, c.caption, photo=True) for c in drawn]

    return made


async def _photos(stores: Stores, ticket_id: int) -> list[Attachment]:
    photos = await stores.photos.of_ticket(ticket_id)
    total = len(photos)  # "1/15": the worker knows there are more than the ten sent
    return [
        Attachment(
            f"{ticket_id}-{n}.jpg",
            b"",
            words.photo_caption(ticket_id, n, total),
            photo=photo.mime is None,  # a picture sent as a file goes on as one
            file_id=photo.file_id,
        )
        for n, photo in enumerate(photos[:MAX_SHOWN], 1)
    ]


async def _ledger(stores: Stores, texts: Texts, at: datetime, month: Month | None) -> Attachment:
    # openpyxl: loaded when first used, in a thread (on the loop: a second without any intake)
    await asyncio.to_thread(importlib.import_module, "bot.ledger.monthly")
    from bot.ledger.monthly import ledger_workbook

    titles = await stores.chats.titles()
    categories = CategoryTable(texts.category_names)
    lessons = await stores.lessons.all(*(month.bounds(texts.tz) if month else (None, None)))
    data, count = await ledger_workbook(
        stores.ledger, titles, categories, texts.tz, at, month, lessons
    )
    return Attachment(
        words.ledger_filename(month, at, texts.tz), data, words.export_caption(month, count)
    )
