"""The community office's commands: /export (the ledger workbook) and /chart (the pictures)."""

from __future__ import annotations

from telegram import InputFile, Update
from telegram.ext import ContextTypes

from bot.charts import recent_charts
from bot.ledger import CategoryTable
from bot.monthly import Month, ledger_filename, ledger_workbook
from bot.services import Services
from handlers.common import is_group, reply, require_worker
from storage.ledger import LedgerStore

__all__ = ["EXPORT_IN_PRIVATE", "EXPORT_USAGE", "chart", "export_ledger"]

EXPORT_IN_PRIVATE = "台账里有居民的完整反映内容，请私聊机器人发送 /export 获取。"
EXPORT_USAGE = "用法：/export [年-月]，例如 /export 2026-11；不写月份则导出全部台账"


async def export_ledger(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The ledger workbook (all, or one month), as a document, in a private chat only."""
    services, message = Services.of(context), update.effective_message
    if message is None or not await require_worker(services, update):
        return
    if is_group(update):
        await reply(services, message, EXPORT_IN_PRIVATE)
        return
    month = Month.parse(context.args[0]) if context.args else None
    if context.args and (month is None or len(context.args) > 1):
        await reply(services, message, EXPORT_USAGE)
        return
    now, tz = services.clock(), services.texts.tz
    categories = CategoryTable(services.texts.category_names)
    data, count = await ledger_workbook(LedgerStore(services.db), categories, tz, now, month)
    name = ledger_filename(month, now, tz)
    caption = f"{month.title if month else '全部'}台账，共 {count} 件"
    await message.reply_document(InputFile(data, filename=name), caption=caption)


async def chart(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The last four weeks by category and status, and the three rates' trend, as pictures."""
    services, message = Services.of(context), update.effective_message
    if message is None or not await require_worker(services, update):
        return
    scope = message.chat_id if is_group(update) else None
    for picture in await recent_charts(services.bulletins, scope, services.clock()):
        await message.reply_photo(
            InputFile(picture.png, filename=picture.filename),
            caption=picture.caption,
        )
