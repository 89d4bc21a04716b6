"""Who the bot may write to in private: someone who wrote to it or pressed its button, until
they block it."""

from __future__ import annotations

from bot.core.tickets import Person
from bot.runtime.services import Services

__all__ = ["blocked_in_private", "seen_acting", "seen_in_private"]


def seen_acting(services: Services, person: Person) -> None:
    """Someone pressed a button: they can be found by @username later (/assign 5 @wang)."""
    if person.id is not None:
        services.stores.chats.remember_member(person, services.clock())


async def seen_in_private(services: Services, person: Person) -> None:
    """Someone wrote to the bot in private: it can write to them (an urgent alert) from now."""
    if person.id is not None:
        await services.stores.chats.seen(person.id, None, "private", services.clock())
        services.stores.chats.remember_member(person, services.clock())


async def blocked_in_private(services: Services, person_id: int, blocked: bool = True) -> None:
    """Someone blocked the bot in private (or unblocked it: as /start): it can no longer (or
    can again) write to them — a danger's alert goes to the others, or to them again."""
    if blocked:
        await services.stores.chats.blocked(person_id, services.clock())
    else:
        await services.stores.chats.seen(person_id, None, "private", services.clock())
