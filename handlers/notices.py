"""/digest: a worker posts this group's digest now (a preview; the scheduled one still comes)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.runtime.services import Services
from handlers.common import reply, require_group, require_worker

__all__ = ["digest_now"]


async def digest_now(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    services, message = Services.of(context), update.effective_message
    if message is None or not await require_group(services, update):
        return
    if not await require_worker(services, update):
        return
    now = services.clock()
    day = now.astimezone(services.config.schedule.tz).date()
    text = await services.bulletins.digest(message.chat_id, day, now)
    await reply(services, message, text or "今天目前没有可以汇报的诉求。")
