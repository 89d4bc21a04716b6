"""A command written as a photo's caption (a worker's picture of the repair with "/done 3
门机板已更换"): Telegram's command handlers read only a message's text, so the caption is
routed here to the same command, with its arguments."""

from __future__ import annotations

import re
from collections.abc import Mapping

from telegram import Update

from bot.runtime.context import BotContext
from handlers.common import Handler
from handlers.mistyped import mistyped_command

__all__ = ["CAPTION_COMMAND", "caption_commands"]

# "/done 3 已修好", "/done@yuanzi_bot 3": the command, the bot it names, the arguments
CAPTION_COMMAND = re.compile(r"^/([A-Za-z_]{1,32})(?:@(\w+))?(?:\s+(.*))?$", re.DOTALL)


def caption_commands(commands: Mapping[str, Handler]) -> Handler:
    """The handler for captions that start with a command: the command's own handler runs with
    the caption's arguments; another bot's command, or none of ours, is left alone."""

    async def on_caption(update: Update, context: BotContext) -> None:
        message = update.effective_message
        found = CAPTION_COMMAND.match(message.caption or "") if message is not None else None
        if found is None:
            return
        name, addressed, rest = found.group(1).lower(), found.group(2), found.group(3) or ""
        if addressed is not None and addressed.lower() != (context.bot.username or "").lower():
            return
        handler = commands.get(name)
        if handler is not None:
            context.args = rest.split()
            await handler(update, context)
        elif message is not None and message.chat.type != "private":
            user = message.from_user
            if user is not None and context.services.config.roles.is_worker(user.id):
                await mistyped_command(context.services, message)

    return on_caption
