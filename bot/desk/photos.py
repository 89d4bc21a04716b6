"""The residents' photos on the desk: fetched from Telegram by their file id when first shown,
kept a while in memory (a page of photos is seen again while a ticket is handled)."""

from __future__ import annotations

import logging
from collections import OrderedDict

from aiohttp import web
from telegram.error import BadRequest, TelegramError

from bot import texts
from bot.core.photos import IMAGE_FILES
from bot.desk.common import SERVICES
from bot.desk.errors import DeskError
from bot.runtime.services import Services

__all__ = ["PHOTO_CACHE", "PhotoCache", "address", "routes", "shown"]

log = logging.getLogger(__name__)
routes = web.RouteTableDef()

MAX_PHOTO = 20 * 1024 * 1024  # the most the Bot API lets a bot download
CACHE_BYTES = 32 * 1024 * 1024


class PhotoCache:
    """Photos by Telegram's unique file id, the least recently shown forgotten first."""

    def __init__(self, most: int = CACHE_BYTES) -> None:
        self.most = most
        self._held: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0

    def get(self, key: str) -> bytes | None:
        found = self._held.get(key)
        if found is not None:
            self._held.move_to_end(key)
        return found

    def put(self, key: str, data: bytes) -> None:
        if len(data) > self.most or key in self._held:
            return
        self._held[key] = data
        self._size += len(data)
        while self._size > self.most:
            _, dropped = self._held.popitem(last=False)
            self._size -= len(dropped)


PHOTO_CACHE: web.AppKey[PhotoCache] = web.AppKey("photo_cache", PhotoCache)


async def shown(services: Services, ticket_id: int) -> list[tuple[int, bool]]:
    """A ticket's photos as its page shows them: each one's number, and whether it came with a
    worker's /done or /note (a picture of the handling, 办理照片) rather than from a resident."""
    return [(p.id, p.staff) for p in await services.stores.photos.of_ticket(ticket_id)]


def address(number: int) -> str:
    """Where the desk serves photo `number`."""
    return f"/photos/{number}.jpg"


@routes.get("/photos/{number:[0-9]{1,18}}.jpg")
async def photo(request: web.Request) -> web.StreamResponse:
    """One photo of a ticket, or of a message waiting for 研判 (a loose one, about no ticket,
    is not shown)."""
    services = request.app[SERVICES]
    found = await services.stores.photos.get(int(request.match_info["number"]))
    # one of a ticket, or one whose words wait for 研判; one about nothing is nobody's business
    if found is None or (
        found.ticket_id is None
        and await services.stores.triage.waiting(found.chat_id, found.message_id) is None
    ):
        raise DeskError(404, texts.DESK_PHOTO_MISSING)
    cache = request.app[PHOTO_CACHE]
    data = cache.get(found.file_unique_id)
    if data is None:
        try:
            file = await services.messenger.bot.get_file(found.file_id)
            if file.file_size is not None and file.file_size > MAX_PHOTO:
                raise DeskError(404, texts.DESK_PHOTO_TOO_LARGE)
            data = bytes(await file.download_as_bytearray())
        except TelegramError as exc:
            if isinstance(exc, BadRequest) and "too big" in exc.message.lower():
                # over the 20 MB Telegram lets a bot fetch: it stays in the group, not the desk
                raise DeskError(404, texts.DESK_PHOTO_TOO_LARGE) from None
            log.warning("photo %d of ticket #%s not fetched (%s)", found.id, found.ticket_id, exc)
            raise DeskError(502, texts.DESK_PHOTO_UNAVAILABLE) from None
        cache.put(found.file_unique_id, data)
    # a picture sent as a file is what its type says (only types a browser shows as a picture
    # are kept: `IMAGE_FILES`); a photo is a JPEG
    shown_as = found.mime if found.mime in IMAGE_FILES else "image/jpeg"
    return web.Response(body=data, content_type=shown_as)
