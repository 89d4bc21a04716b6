"""The community office's commands: /export (the ledger workbook) and /chart (the pictures)."""

from __future__ import annotations

from bot import texts
from bot.core.timeutil import Month
from bot.runtime import office
from handlers.common import Asked, command

__all__ = ["chart", "export_ledger"]


@command(workers_only=True)
async def export_ledger(asked: Asked) -> None:
    """The ledger workbook (all, or one month), as a document, in a private chat only."""
    if asked.in_group:
        await asked.answer(texts.EXPORT_IN_PRIVATE)
        return
    args = asked.plain_args  # `/export ２０２６－１１` from a phone's full-width keyboard
    today = asked.services.clock().astimezone(asked.services.config.schedule.tz).date()
    month = Month.spoken(" ".join(args), today) if args else None
    if args and month is None:
        await asked.answer(texts.not_a_month(" ".join(args)))
        return
    if month is not None and (month.year, month.month) > (today.year, today.month):
        await asked.answer(texts.month_to_come(month.label))
        return
    await office.send_ledger(asked.services, asked.chat_id, month, asked.origin)


@command(workers_only=True)
async def chart(asked: Asked) -> None:
    """The last four weeks of this group (in private: the whole community), as pictures."""
    if asked.args:  # `/chart 2026-11`: the pictures are the last four weeks' all the same
        await asked.answer(texts.CHART_TAKES_NO_MONTH)
    await office.send_charts(asked.services, asked.chat_id, asked.scope, asked.origin)
