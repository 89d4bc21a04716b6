"""The community office's commands: /export (the ledger workbook) and /chart (the pictures)."""

from __future__ import annotations

from bot import texts
from bot.core.timeutil import Month
from bot.runtime import usecases
from handlers.common import Asked, command

__all__ = ["chart", "export_ledger"]


@command(workers_only=True)
async def export_ledger(asked: Asked) -> None:
    """The ledger workbook (all, or one month), as a document, in a private chat only."""
    if asked.in_group:
        await asked.answer(texts.EXPORT_IN_PRIVATE)
        return
    month = Month.parse(asked.args[0]) if asked.args else None
    if asked.args and (month is None or len(asked.args) > 1):
        await asked.answer(texts.EXPORT_USAGE)
        return
    workbook = await usecases.ledger_file(asked.services, month)
    await asked.services.messenger.send_file(asked.message.chat_id, workbook)


@command(workers_only=True)
async def chart(asked: Asked) -> None:
    """The last four weeks of this group (in private: the whole community), as pictures."""
    services = asked.services
    for picture in await usecases.chart_pictures(services, asked.scope):
        await services.messenger.send_file(asked.message.chat_id, picture, photo=True)
