"""What the desk's pages share: the app keys, the templates, `render`, the request's services
and the tickets its query string asks for."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from importlib import resources
from typing import Any
from urllib.parse import urlencode

import jinja2
from aiohttp import web

from bot.core.tickets import Ticket
from bot.desk.query import filters_of, order_of
from bot.runtime.services import Services
from storage.desk import DeskSession, TicketFilter

__all__ = [
    "COOKIE",
    "SERVICES",
    "SESSION_KEY",
    "TEMPLATES",
    "Handler",
    "chosen_filters",
    "environment",
    "listed",
    "render",
    "services_of",
    "session_of",
    "staff_session",
]

# The request's session (set by the server's guard).
SESSION_KEY: web.RequestKey[DeskSession] = web.RequestKey("desk_session", DeskSession)
SERVICES: web.AppKey[Services] = web.AppKey("services", Services)
TEMPLATES: web.AppKey[jinja2.Environment] = web.AppKey("templates", jinja2.Environment)
COOKIE = "yuanzi_desk"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]  # what a middleware wraps


def environment() -> jinja2.Environment:
    folder = resources.files("bot.desk") / "templates"
    loader = jinja2.FunctionLoader(lambda name: (folder / name).read_text("utf-8"))
    env = jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters["urlencode_page"] = lambda query, page: urlencode({**query, "page": page})
    # another order of the same list, from its first page
    env.filters["urlencode_sort"] = lambda query, sort: urlencode(
        {**{k: v for k, v in query.items() if k != "page"}, "sort": sort}
    )
    return env


def session_of(request: web.Request) -> DeskSession:
    try:
        return request[SESSION_KEY]
    except KeyError:
        raise web.HTTPSeeOther("/howto") from None


def render(
    request: web.Request, template: str, context: dict[str, Any], status: int = 200
) -> web.Response:
    """A page from its template; every value is escaped by Jinja2's autoescape."""
    session = request.get(SESSION_KEY)
    page = (
        request.app[TEMPLATES]
        .get_template(template)
        .render(
            user=session.person if isinstance(session, DeskSession) else None,
            csrf=session.csrf if isinstance(session, DeskSession) else "",
            nonce=secrets.token_urlsafe(12),
            **context,
        )
    )
    return web.Response(text=page, content_type="text/html", status=status)


async def staff_session(request: web.Request) -> DeskSession | None:
    """The session the request's cookie names, if it is current and a worker's or an admin's
    (the roles are read again: one removed from the config has none)."""
    services = request.app[SERVICES]
    secret = request.cookies.get(COOKIE, "")
    found = await services.stores.desk.session(secret, services.clock()) if secret else None
    staff = found is not None and services.config.roles.is_worker(found.person.id)
    return found if staff else None


def services_of(request: web.Request) -> Services:
    """The bot's services, as the desk's app holds them."""
    return request.app[SERVICES]


def chosen_filters(request: web.Request) -> TicketFilter:
    """The ticket list's filters in the query string (dates in the deployment's time zone)."""
    return filters_of(request.query, services_of(request).config.schedule.tz)


async def listed(request: web.Request, limit: int, page: int = 1) -> tuple[list[Ticket], int]:
    """The tickets the query string asks for (its search, filters and order): a page of them,
    and how many there are in all."""
    services = services_of(request)
    return await services.stores.desk.search(
        chosen_filters(request),
        services.clock(),
        order=order_of(request.query),
        limit=limit,
        offset=(page - 1) * limit,
    )
