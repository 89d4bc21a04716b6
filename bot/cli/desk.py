"""`python -m bot desk-link`: an admin prints a one-time login link for the office desk."""

from __future__ import annotations

import argparse
import secrets

from bot import texts
from bot.cli.common import database_missing, fail, load_or_exit, no_database, use_stores
from bot.core.tickets import Person
from bot.core.timeutil import utc_now
from bot.desk.links import LINK_LIFETIME
from storage.stores import Stores

__all__ = ["desk_link"]


def desk_link(args: argparse.Namespace) -> int:
    """A link for worker or admin --user, valid 15 minutes, once; printed on standard output."""
    config = load_or_exit(args.config, require_token=False)
    if not config.web.enabled:
        return fail('[web] listen is not set: the desk is off (add listen = "127.0.0.1:8080")')
    if not config.roles.is_worker(args.user):
        return fail(
            f"--user {args.user} is not in [roles] workers or admins; give a worker's or "
            f"admin's user id, or add {args.user} to [roles] workers in {args.config} first"
        )
    if database_missing(config):  # a link kept where the running bot never looks
        return no_database(config)
    token = secrets.token_urlsafe(32)

    async def add(stores: Stores) -> None:
        # the link carries a name, as /desk's does: what the desk's actions are announced and
        # recorded under (nameless, the group read 已由 邻居 接单 and the history 系统)
        [(known, _)] = await stores.chats.reach([args.user])
        person = known if known.name else Person(args.user, texts.unmet_worker(args.user))
        await stores.desk.add_link(token, person, utc_now() + LINK_LIFETIME)

    use_stores(config, add)
    print(f"{config.web.base}/login/{token}")
    return 0
