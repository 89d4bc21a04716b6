"""`python -m bot run`: the bot, long polling, until SIGTERM or Ctrl-C."""

from __future__ import annotations

import argparse
import logging

from bot.cli.common import fail, load_or_exit
from bot.config import readable_by_others

__all__ = ["run"]

log = logging.getLogger("yuanzi")


def run(args: argparse.Namespace) -> int:
    from telegram import Update
    from telegram.error import InvalidToken

    from bot.app import build_application
    from bot.logs import setup_logging

    config = load_or_exit(args.config)
    setup_logging(config.telegram.token, logging.DEBUG if args.verbose else logging.INFO)
    if config.source is not None and readable_by_others(config.source):
        log.warning(
            "%s can be read by other users of this machine and may hold the bot token; "
            "run: chmod 600 %s",
            config.source,
            config.source,
        )
    log.info("starting; database %s", config.storage.path)
    application = build_application(config)
    try:
        application.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)
    except InvalidToken:  # its message repeats the token: never print it
        return fail(
            "config error: [telegram] token: Telegram rejected the token; copy it again from "
            "@BotFather (or check TELEGRAM_BOT_TOKEN)"
        )
    return 0
