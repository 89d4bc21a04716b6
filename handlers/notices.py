"""/digest [YYYY-MM-DD]: a worker posts this group's digest now, or a past day's (a preview;
the scheduled one still comes)."""

from __future__ import annotations

from datetime import date

from bot import texts
from handlers.common import Asked, command

__all__ = ["digest_now"]


@command(where="group", workers_only=True)
async def digest_now(asked: Asked) -> None:
    services = asked.services
    now = services.clock()
    today = now.astimezone(services.config.schedule.tz).date()
    args = asked.plain_args  # `/digest ２０２６－１１－２３` as well
    try:
        day = date.fromisoformat(args[0]) if args else today
    except ValueError:
        day = None
    if day is None or len(args) > 1 or not date(2000, 1, 1) <= day <= today:
        await asked.answer(texts.DIGEST_USAGE)
        return
    chat_id, bulletins = asked.chat_id, services.bulletins
    since = await services.stores.schedule.last_told(
        "digest", chat_id, bulletins.digest_instant(day)
    )  # as posted: since the last digest the group was given
    text = await bulletins.digest(chat_id, day, now, since=since)
    nothing = texts.NOTHING_TO_REPORT if day == today else texts.NOTHING_THAT_DAY
    await asked.answer(text or nothing)
