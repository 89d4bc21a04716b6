"""Every error the desk answers is a page of its own: in Chinese, in the desk's look, with the
way back to the overview and the status the error is (404, 405, 413, 500 …) — never aiohttp's
English "404: Not Found". The JSON API answers JSON instead."""

from __future__ import annotations

import logging
from http import HTTPStatus

from aiohttp import web

from bot import texts
from bot.desk.common import SESSION_KEY, Handler, render, staff_session

__all__ = ["DeskError", "error_pages"]

log = logging.getLogger(__name__)
API = "/api/"
_KEPT_HEADERS = ("Allow",)  # a 405 says which methods the address takes


class DeskError(Exception):
    """An error said in the desk's own words (`texts`), as the page of its status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@web.middleware
async def error_pages(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The outermost middleware: whatever went wrong beneath it (an unknown address, a wrong
    method, a refused form, a failure) is answered by `_page`. Redirects pass through."""
    try:
        return await handler(request)
    except DeskError as exc:
        return _page(request, exc.status, exc.message)
    except web.HTTPException as exc:
        if exc.status < 400 or exc.content_type == "application/json":
            raise  # a redirect, or the API's own answer
        await _signed_in(request)
        headers = {k: exc.headers[k] for k in _KEPT_HEADERS if k in exc.headers}
        return _page(request, exc.status, None, headers)
    except Exception:
        route = request.match_info.route.resource  # "/login/{token}", not the one-time token
        where = route.canonical if route is not None else request.path
        log.exception("desk: %s %s failed", request.method, where)
        return _page(request, 500, None)


async def _signed_in(request: web.Request) -> None:
    """An open address (/static/…, /login/…) the guard let through without reading the
    session: read it now, so the error page shows the desk's menu to her and only to her."""
    if SESSION_KEY in request:
        return
    try:
        found = await staff_session(request)
    except Exception:  # the database failing too: the page as to a visitor, the way to sign in
        log.warning("desk: could not read the session for an error page", exc_info=True)
        return
    if found is not None:
        request[SESSION_KEY] = found


def _page(
    request: web.Request, status: int, message: str | None, headers: dict[str, str] | None = None
) -> web.StreamResponse:
    if request.path.startswith(API):
        return web.json_response({"error": _phrase(status)}, status=status, headers=headers)
    title, what = texts.desk_error(status)
    context = {"title": title, "message": message or what, "status": status}
    response = render(request, "error.html", context, status=status)
    response.headers.update(headers or {})
    return response


def _phrase(status: int) -> str:
    """`not found`, `method not allowed` … for the API (a program reads it, not the office)."""
    try:
        return HTTPStatus(status).phrase.lower()
    except ValueError:
        return "error"
