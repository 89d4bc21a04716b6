"""What the desk's pages share: the app keys, the templates, `render`."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from importlib import resources
from typing import Any
from urllib.parse import urlencode

import jinja2
from aiohttp import web

from bot.runtime.services import Services
from storage.desk import DeskSession

__all__ = [
    "SERVICES",
    "SESSION_KEY",
    "TEMPLATES",
    "Handler",
    "environment",
    "render",
    "session_of",
]

# The request's session (set by the server's guard).
SESSION_KEY: web.RequestKey[DeskSession] = web.RequestKey("desk_session", DeskSession)
SERVICES: web.AppKey[Services] = web.AppKey("services", Services)
TEMPLATES: web.AppKey[jinja2.Environment] = web.AppKey("templates", jinja2.Environment)
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
