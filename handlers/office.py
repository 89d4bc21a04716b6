"""The community office's commands: /export (the ledger workbook) and /chart (the pictures)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot import texts
from bot.ledger.charts import recent_charts
from bot.ledger.rows import CategoryTable
from bot.runtime.delivery import Attachment
from bot.runtime.services import Services
from handlers.common import is_group, reply, require_worker
from storage.ledger import LedgerStore

__all__ = ["chart", "export_ledger"]


async def export_ledger(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The ledger workbook (all, or one month), as a document, in a private chat only."""
    from bot.ledger.monthly import (  # openpyxl: load when used
        Month,
        ledger_filename,
        ledger_workbook,
    )

    services, message = Services.of(context), update.effective_message
    if message is None or not await require_worker(services, update):
        return
    if is_group(update):
        await reply(services, message, texts.EXPORT_IN_PRIVATE)
        return
    month = Month.parse(context.args[0]) if context.args else None
    if context.args and (month is None or len(context.args) > 1):
        await reply(services, message, texts.EXPORT_USAGE)
        return
    now, tz = services.clock(), services.texts.tz
    categories = CategoryTable(services.texts.category_names)
    data, count = await ledger_workbook(LedgerStore(services.db), categories, tz, now, month)
    name = ledger_filename(month, now, tz)
    caption = f"{month.title if month else '全部'}台账，共 {count} 件"
    await services.messenger.send_file(message.chat_id, Attachment(name, data, caption))


async def chart(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The last four weeks by category and status, and the three rates' trend, as pictures."""
    services, message = Services.of(context), update.effective_message
    if message is None or not await require_worker(services, update):
        return
    scope = message.chat_id if is_group(update) else None
    for picture in await recent_charts(services.bulletins, scope, services.clock()):
        attachment = Attachment(picture.filename, picture.png, picture.caption)
        await services.messenger.send_file(message.chat_id, attachment, photo=True)
