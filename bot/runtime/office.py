"""What the office asks the bot for in a chat: the ledger workbook and the pictures, made and
posted in their turn through the outbox."""

from __future__ import annotations

from bot.core.timeutil import Month
from bot.runtime.attachments import charts_request, ledger_request, photos_request
from bot.runtime.delivery import ATTACHMENTS_KIND, LEDGER_KIND, PHOTOS_KIND
from bot.runtime.services import Services

__all__ = ["send_charts", "send_ledger", "send_photos"]


async def send_ledger(
    services: Services, chat_id: int, month: Month | None, origin: str | None = None
) -> None:
    """The ledger workbook (all tickets, or those reported in `month`), made and posted in
    its turn (once per origin)."""
    body = ledger_request(month, services.clock())
    await _post_file(services, chat_id, LEDGER_KIND, body, origin)


async def send_charts(
    services: Services, chat_id: int, scope: int | None, origin: str | None = None
) -> None:
    """The last four weeks by category and status and the three rates' trend, as pictures:
    of one group, or (scope None) of the whole community; drawn when their turn comes."""
    body = charts_request(scope, services.clock())
    await _post_file(services, chat_id, ATTACHMENTS_KIND, body, origin)


async def send_photos(services: Services, chat_id: int, ticket_id: int, origin: str) -> None:
    """A ticket's photos, sent on to a worker by their Telegram ids, in their turn."""
    body = photos_request(ticket_id, services.clock())
    await _post_file(services, chat_id, PHOTOS_KIND, body, origin)


async def _post_file(
    services: Services, chat_id: int, kind: str, body: str, origin: str | None
) -> None:
    await services.stores.outbox.add(chat_id, kind, body, services.clock(), origin=origin)
    services.posts.kick(chat_id)
