"""What the bot checks of its deployment as it starts, for the operator's log: the chats the
config names (escalation levels, the office, notices) are ones it can post in, and the office's
own chats are no building's group named there by mistake; a roster by days of the week has
this year's holidays to follow; the workers can be written to in private."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime

from telegram import Bot
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.config import Config
from bot.runtime.backlog import backlog_read
from bot.runtime.services import Services
from storage.tickets import TicketStore

__all__ = [
    "UNREACHABLE_WARNING",
    "calendar_warnings",
    "configured_chats",
    "desk_warnings",
    "staff_chats_with_tickets",
    "unreachable_chats",
    "warn_unreachable_workers",
]

_EVERY_ADDRESS = frozenset({"0.0.0.0", "::", ""})  # a desk listening on every address

log = logging.getLogger(__name__)

UNREACHABLE_WARNING = (
    "workers %s never started a private chat with the bot (or blocked it): an urgent complaint "
    "cannot reach them in private. Fix: each sends /start to the bot in a private chat."
)


def configured_chats(config: Config) -> list[tuple[str, int]]:
    """Each chat the config names, with the key naming it (`[escalation] level2_chat`)."""
    named = [
        (f"[escalation] level{level}_chat", config.escalation.chat_for(level))
        for level in (1, 2, 3)
    ]
    named.append(("[schedule] office_chat", config.schedule.office_chat))
    named += [(f"[notices #{n}] chat", notice.chat) for n, notice in enumerate(config.notices, 1)]
    return [(key, chat_id) for key, chat_id in named if chat_id is not None]


async def unreachable_chats(bot: Bot, config: Config) -> list[str]:
    """A line for each configured chat Telegram says the bot is not in (a placeholder id left
    in, a typo, a group the bot was never added to). Network trouble proves nothing: no line."""
    lines, checked = [], set()
    for key, chat_id in configured_chats(config):
        if chat_id in checked:
            continue
        try:
            await bot.get_chat(chat_id)
        except (BadRequest, Forbidden) as exc:
            lines.append(
                f"{key} {chat_id}: the bot cannot post there (Telegram: {exc.message}); add the "
                "bot to that group, or correct the id (the log says 'bot added to group ID' "
                "when the bot joins one)"
            )
        except TelegramError as exc:  # a start is not held up by a check
            log.debug("could not check %s %s: %s", key, chat_id, exc)
        checked.add(chat_id)
    return lines


async def staff_chats_with_tickets(config: Config, tickets: TicketStore) -> list[str]:
    """A line for each of the office's own chats (office_chat, an escalation level's) that
    holds open tickets: a building's group named there by mistake, whose residents are no
    longer heard (nothing said in a staff chat is filed)."""
    lines, checked = [], set()
    for key, chat_id in configured_chats(config):
        if chat_id not in config.staff_chats or chat_id in checked:
            continue
        checked.add(chat_id)
        open_ = await tickets.count_active(chat_id)
        if not open_:
            continue
        lines.append(
            f"{key} {chat_id}: {open_} open ticket(s) were filed there, as in a building's "
            "group; nothing said in the office's own chats is filed. If it is a building's "
            "group, take it out of the config"
        )
    return lines


def desk_warnings(config: Config) -> list[str]:
    """A line for a [web] section that will not do what its operator meant: a public_url with
    no listen (the desk is off), or a desk listening on every address with no public_url (its
    login links would name 0.0.0.0, which no phone can open)."""
    web = config.web
    if not web.enabled and web.public_url:
        return [
            "[web] public_url is set but listen is not: the desk is off; add "
            'listen = "127.0.0.1:8080" (the address the bot listens on) to turn it on'
        ]
    if web.enabled and web.host in _EVERY_ADDRESS and not web.public_url:
        return [
            f"[web] listen {web.host or '*'}:{web.port} without public_url: the desk's login "
            f"links will name {web.base}, which no phone can open; set public_url to the "
            'address people visit (e.g. "https://desk.example.org")'
        ]
    return []


def calendar_warnings(config: Config, now: datetime) -> list[str]:
    """A line when the roster tells days of the week apart but [calendar] lists no day of this
    year: the holidays are published yearly, and a year not copied in would call the weekday
    shift on 春节's weekdays (a roster of "daily" shifts alone needs no calendar)."""
    year = now.astimezone(config.schedule.tz).year
    if all(len(shift.days) == 7 for shift in config.duty) or config.calendar.lists_year(year):
        return []
    return [
        f"[[duty]] names days of the week, but [calendar] lists no day of {year}: on a public "
        "holiday the weekday shifts will be called for urgent complaints, on a weekend day "
        "worked instead the weekend's. Copy the year's holidays and make-up working days from "
        "the State Council's notice into [calendar] (see config.example.toml)"
    ]


async def warn_unreachable_workers(
    services: Services, config: Config, after: float, backlog_handled: Callable[[], bool]
) -> None:
    """One log line naming the workers an urgent alert cannot reach in private, `after`
    seconds from the start and once the messages that waited for it (their /start among them)
    have been read: however long that takes (a day's backlog, a busy machine), up to
    `bot.runtime.backlog.BACKLOG_PATIENCE`."""
    await asyncio.sleep(after)
    await backlog_read(backlog_handled)
    try:
        reach = await services.stores.chats.reach(config.roles.alerted())
    except Exception:  # a check for the log must never take the bot down
        log.exception("the workers' private chats could not be checked")
        return
    unreachable = [worker.id for worker, reachable in reach if not reachable]
    if unreachable:
        log.warning(UNREACHABLE_WARNING, unreachable)
