"""/digest: a worker posts this group's digest now (a preview; the scheduled one still comes)."""

from __future__ import annotations

from bot import texts
from handlers.common import Asked, command

__all__ = ["digest_now"]


@command(where="group", workers_only=True)
async def digest_now(asked: Asked) -> None:
    services = asked.services
    now = services.clock()
    day = now.astimezone(services.config.schedule.tz).date()
    text = await services.bulletins.digest(asked.message.chat_id, day, now)
    await asked.answer(text or texts.NOTHING_TO_REPORT)
