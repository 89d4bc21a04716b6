"""One-time login links for the desk, asked for with /desk in a private chat."""

from __future__ import annotations

import secrets
from datetime import timedelta

from bot.core.tickets import Person
from bot.runtime.services import Services

__all__ = ["LINK_LIFETIME", "SESSION_LIFETIME", "login_link"]

LINK_LIFETIME = timedelta(minutes=15)
SESSION_LIFETIME = timedelta(hours=12)


async def login_link(services: Services, person: Person) -> str:
    """A fresh link `{public_url}/login/{token}`: random, single use, 15 minutes."""
    token = secrets.token_urlsafe(32)
    await services.stores.desk.add_link(token, person, services.clock() + LINK_LIFETIME)
    return f"{services.config.web.base}/login/{token}"
