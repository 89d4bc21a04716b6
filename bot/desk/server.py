"""The desk's HTTP side: sessions from one-time links, CSRF on every POST, security headers,
HTML pages and a JSON API behind the same session. Runs in the bot's event loop."""

from __future__ import annotations

import errno
import logging
import secrets
from importlib import resources

from aiohttp import web

from bot import texts
from bot.desk import data, pages, photos
from bot.desk.common import (
    COOKIE,
    SERVICES,
    SESSION_KEY,
    TEMPLATES,
    Handler,
    environment,
    render,
    staff_session,
)
from bot.desk.errors import DeskError, error_pages
from bot.desk.links import SESSION_LIFETIME
from bot.runtime.services import Services

__all__ = ["COOKIE", "DeskCannotListen", "DeskServer"]

log = logging.getLogger(__name__)

# The longest address (and header line) the desk reads: a search pasted whole or a link
# forwarded with a long query; aiohttp's default of 8 KB answered longer ones with its English
# "400 Bad Request" before the desk saw them.
LONGEST_LINE = 64 * 1024

_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # a login link is in the address until redirected
    "Cache-Control": "no-store",
}


@web.middleware
async def _guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every page but the login ones needs a session of a worker or an admin; every POST
    carries the session's CSRF token (form field `csrf`)."""
    open_paths = request.path.startswith(("/login", "/static/")) or request.path == "/howto"
    if not open_paths:
        found = await staff_session(request)
        if found is None:
            if request.path.startswith("/api/"):
                raise web.HTTPUnauthorized(text='{"error": "login needed"}',
                                           content_type="application/json")  # fmt: skip
            raise web.HTTPSeeOther("/howto")
        request[SESSION_KEY] = found  # an error page below shows who is signed in, too
        if request.method == "POST":
            form = await request.post()
            # as bytes: compare_digest raises TypeError for a str of 中 or é (a 500, not a 403)
            sent = str(form.get("csrf", "")).encode("utf-8", "surrogatepass")
            if not secrets.compare_digest(sent, found.csrf.encode()):
                raise DeskError(403, texts.DESK_FORM_EXPIRED)
    return await handler(request)


async def _secure_headers(request: web.Request, response: web.StreamResponse) -> None:
    """Every response carries the desk's security headers: pages, and the redirects and errors
    raised on the way (the login's redirect that sets the session cookie among them)."""
    response.headers.update(_HEADERS)


class DeskCannotListen(Exception):
    """The desk's address is taken or not this machine's: an operator's error, one line."""


class DeskServer:
    """Started in the bot's `post_init`, stopped in `post_shutdown`."""

    def __init__(self, services: Services) -> None:
        self.services = services
        app = web.Application(middlewares=[error_pages, _guard], client_max_size=64 * 1024)
        app.on_response_prepare.append(_secure_headers)
        app[SERVICES] = services
        app[TEMPLATES] = environment()
        app.add_routes(pages.routes)
        app.add_routes(data.routes)
        app.add_routes(photos.routes)
        app[photos.PHOTO_CACHE] = photos.PhotoCache()
        # a link checker's HEAD must not use up the one-time link (aiohttp answers HEAD on GET)
        app.router.add_get("/login/{token}", self._login, allow_head=False)
        app.router.add_post("/logout", self._logout)
        app.router.add_get("/static/desk.css", self._css)
        self.app = app
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        web_config = self.services.config.web
        self._runner = web.AppRunner(
            self.app, access_log=None, max_line_size=LONGEST_LINE, max_field_size=LONGEST_LINE
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, web_config.host, web_config.port)
        try:
            await site.start()
        except OSError as exc:
            await self.stop()
            if exc.errno == errno.EADDRINUSE:
                fix = "choose a free port, or stop what uses this one"
            elif exc.errno == errno.EACCES:
                fix = "choose a port from 1024 up (a reverse proxy can serve 80 and 443)"
            else:  # a name that does not resolve, or an address of another machine
                fix = 'give an address of this machine, e.g. "127.0.0.1:8080" behind a proxy'
            raise DeskCannotListen(
                f"[web] listen: cannot listen on {web_config.host}:{web_config.port} "
                f"({exc.strerror or exc}); {fix}"
            ) from None
        log.info("office desk at %s (listening on %s:%d)", web_config.base, web_config.host,
                 web_config.port)  # fmt: skip

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _login(self, request: web.Request) -> web.StreamResponse:
        services = self.services
        now = services.clock()
        secret, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
        person = await services.stores.desk.use_link(
            request.match_info["token"], now, secret, csrf, now + SESSION_LIFETIME
        )
        if person is None or not services.config.roles.is_worker(person.id):
            if await staff_session(request) is not None:  # her link tapped again, signed in
                raise web.HTTPSeeOther("/")
            return render(request, "howto.html", {"expired": True}, status=403)
        response = web.HTTPSeeOther("/")  # raised below, with the session's cookie
        response.set_cookie(
            COOKIE,
            secret,
            max_age=int(SESSION_LIFETIME.total_seconds()),
            httponly=True,
            samesite="Lax",
            secure=services.config.web.secure,
            path="/",
        )
        raise response

    async def _logout(self, request: web.Request) -> web.StreamResponse:
        await self.services.stores.desk.end_session(
            request.cookies.get(COOKIE, ""), self.services.clock()
        )
        response = web.HTTPSeeOther("/howto")
        response.del_cookie(COOKIE, path="/")
        raise response

    async def _css(self, request: web.Request) -> web.StreamResponse:
        css = (resources.files("bot.desk") / "static" / "desk.css").read_text("utf-8")
        return web.Response(text=css, content_type="text/css")
