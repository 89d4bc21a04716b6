"""What every command of the command line shares: the config, the database, one-line errors.

Exit status 0 when done, 1 when a file is refused, 2 for a wrong command line, a bad config or
a missing database; every problem is said in one line on standard error, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable
from typing import TypeVar

from bot.config import Config, ConfigError, load_config
from storage.stores import Stores

__all__ = ["fail", "load_or_exit", "no_database", "with_stores"]

T = TypeVar("T")


def fail(message: str, status: int = 2) -> int:
    """Say what is wrong in one line; the exit status."""
    print(message, file=sys.stderr)
    return status


def load_or_exit(path: str, *, require_token: bool = True) -> Config:
    """The validated config, or one clear line on stderr and exit status 2."""
    try:
        return load_config(path, require_token=require_token)
    except ConfigError as exc:
        print(f"config error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def no_database(config: Config) -> int:
    return fail(f"no database at {config.storage.path} yet (the bot creates it)")


async def with_stores(config: Config, work: Callable[[Stores], Awaitable[T]]) -> T:
    """Open (creating and migrating if need be) the database, do the work, close it."""
    stores = await Stores.open(
        config.storage.path, policy=config.deadline_policy(), loop=config.loop_policy()
    )
    try:
        return await work(stores)
    finally:
        await stores.close()
