"""What the bot checks of its deployment as it starts, for the operator's log: the chats the
config names (escalation levels, the office, notices) are ones it can post in."""

from __future__ import annotations

import logging

from telegram import Bot
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.config import Config

__all__ = ["configured_chats", "unreachable_chats"]

log = logging.getLogger(__name__)


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
