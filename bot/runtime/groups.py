"""The groups the bot is in: added (and greeted once), removed, made an admin, moved to a
supergroup."""

from __future__ import annotations

import logging
from typing import overload

from bot import texts
from bot.core.tickets import Person
from bot.runtime.services import Services
from storage.chats import WELCOME_KIND

__all__ = ["as_now", "is_staff_chat", "move_group", "set_membership"]

log = logging.getLogger(__name__)

# The bot's standing in a group, as Telegram names it (ChatMember.status).
PRESENT = frozenset({"member", "administrator", "creator", "restricted"})
ADMIN = frozenset({"administrator", "creator"})


async def set_membership(
    services: Services,
    chat_id: int,
    title: str | None,
    kind: str,
    status: str,
    *,
    before: str = "left",
    forum: bool = False,
    reads_all: bool = True,
    added_by: Person | None = None,
    occasion: int | None = None,
) -> None:
    """The bot's standing in a group changed from `before` to `status`: post there again, or
    stop. A group that adds it is told, once, what residents do — and, when Telegram's privacy
    mode (`reads_all` False) hides the group's words from a bot that is no admin there, that
    the group's owner should make it one; the office hears of the new group in private. Such
    a bot no longer an admin of a group it read tells the workers and the office in private,
    once per `occasion` (the update that said so)."""
    now = services.clock()
    present, was = status in PRESENT, before in PRESENT
    if present:
        await services.stores.chats.seen(chat_id, title, kind, now, forum)
    await services.stores.chats.set_active(chat_id, present, now)
    log.info("bot %s group %s", "added to" if present else "removed from", chat_id)
    if not present:
        return
    blind = not reads_all and status not in ADMIN
    if blind:
        log.warning(
            "group %s (%s) cannot be read: privacy mode is on and the bot is not its admin",
            chat_id,
            title,
        )
    office = await is_staff_chat(services, chat_id)  # the office's own: no building's group
    if not was and not await services.stores.chats.moved_here(chat_id):
        welcome = _staff_welcome(services, chat_id) if office else texts.GROUP_WELCOME
        words = welcome + ("\n\n" + texts.WELCOME_CANNOT_READ if blind and not office else "")
        await services.stores.outbox.add(
            chat_id, WELCOME_KIND, words, now, origin=f"welcome:{chat_id}"
        )
        # Not only when the greeting is queued now: a replay after a crash between the two
        # must still tell the office (each notice is queued once, by its origin).
        if not office:
            await _tell_office(services, chat_id, title, added_by)
    elif was and not reads_all and before not in ADMIN and status in ADMIN:
        await services.stores.outbox.add(
            chat_id, "reply", texts.NOW_READS_GROUP, now, origin=f"reads:{chat_id}"
        )
    elif before in ADMIN and blind and not office:
        await _tell_blind(services, chat_id, title, occasion)
    services.posts.kick(chat_id)


@overload
async def as_now(services: Services, chat_id: int) -> int: ...
@overload
async def as_now(services: Services, chat_id: None) -> None: ...
async def as_now(services: Services, chat_id: int | None) -> int | None:
    """A chat the config names, by the id it has now: the supergroup it became, if it moved
    (the old group is gone, and its notices would wait there for good)."""
    if chat_id is None:
        return None
    return await services.stores.chats.moved_to(chat_id) or chat_id


async def is_staff_chat(services: Services, chat_id: int) -> bool:
    """The office's or an escalation level's own chat (Config.staff_chats), or the supergroup
    one of them became: no building's group. Asked of every group message: no read at all
    where the config names none, and the supergroups they became are remembered by the chat
    store (`moved_to`)."""
    named = services.config.staff_chats
    if chat_id in named or not named:
        return chat_id in named
    for configured in named:
        if await services.stores.chats.moved_to(configured) == chat_id:
            return True
    return False


def _staff_welcome(services: Services, chat_id: int) -> str:
    """What the office's own chat is told it will get from the bot."""
    config = services.config
    levels = [n for n in (1, 2, 3) if config.escalation.chat_for(n) == chat_id]
    return texts.staff_chat_welcome(chat_id == config.schedule.office_chat, levels)


async def _tell_office(
    services: Services, chat_id: int, title: str | None, added_by: Person | None
) -> None:
    """The admins (the workers, without admins) learn of a group the bot was added to."""
    roles = services.config.roles
    said = texts.joined_group(title, chat_id, added_by or Person(None, texts.ANONYMOUS))
    for staff in sorted(roles.admins or roles.workers):
        await services.stores.outbox.add(
            staff, "reply", said, services.clock(), origin=f"joined:{chat_id}:{staff}"
        )
        services.posts.kick(staff)


async def _tell_blind(
    services: Services, chat_id: int, title: str | None, occasion: int | None
) -> None:
    """The workers and the office the bot can write to learn that it cannot read a group."""
    said, now = texts.cannot_read_group(title, chat_id), services.clock()
    roster = services.config.roles.roster()
    for person, reachable in await services.stores.chats.reach(roster):
        if reachable and person.id is not None:
            origin = f"blind:{chat_id}:{occasion}:{person.id}"
            await services.stores.outbox.add(person.id, "reply", said, now, origin=origin)
            services.posts.kick(person.id)


async def move_group(services: Services, old_chat_id: int, new_chat_id: int) -> None:
    """A group became a supergroup: its tickets and records follow it to the new id."""
    moved = await services.stores.chats.move(old_chat_id, new_chat_id, services.clock())
    log.info("group %s is now %s; %d ticket(s) moved", old_chat_id, new_chat_id, moved)
    services.posts.moved(old_chat_id, new_chat_id)  # what waited is posted in the new one
