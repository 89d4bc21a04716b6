"""The handler context: python-telegram-bot's CallbackContext with the bot's services typed."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, JobQueue

from bot.runtime.services import SERVICES_KEY, Services

__all__ = ["CONTEXT_TYPES", "BotContext", "YuanziApp"]


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """What every handler and job receives; `context.services` is the running bot."""

    @property
    def services(self) -> Services:
        services = self.application.bot_data.get(SERVICES_KEY)
        if not isinstance(services, Services):
            raise RuntimeError("the bot's services are not open (post_init has not run)")
        return services


CONTEXT_TYPES = ContextTypes(context=BotContext)
# The running Application, as typed for the hooks and the tests (the bot's rate limiter and
# the job queue's context are the library's own business).
YuanziApp = Application[
    ExtBot[Any],
    BotContext,
    dict[Any, Any],
    dict[Any, Any],
    dict[Any, Any],
    JobQueue[Any],
]
