"""Logging set-up: readable lines, quiet libraries, the bot token never written out, and no
resident's phone or ID number in the log (at DEBUG the libraries log whole updates)."""

from __future__ import annotations

import logging
import re
import sys

from bot.core.privacy import mask_personal

__all__ = ["DEBUG_LIMIT", "QuietStartRetries", "RedactSecrets", "setup_logging"]

_ANY_TOKEN = re.compile(r"\d{6,}:[A-Za-z0-9_-]{30,}")
# A DEBUG line is cut here: enough for an update's ids and kind, not a whole batch of messages.
DEBUG_LIMIT = 2000


class RedactSecrets(logging.Filter):
    """Replaces the bot token (and anything shaped like a token) in every log record, masks the
    phone and ID numbers in it (also when written as escapes, as a repr shows `\\u200b`), and
    cuts a DEBUG record, or any of python-telegram-bot's, to DEBUG_LIMIT characters."""

    def __init__(self, *secrets: str) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = self.redact(message)
        wordy = record.levelno < logging.INFO or record.name.startswith("telegram")
        if wordy and len(cleaned) > DEBUG_LIMIT:  # the library logs whole batches it cannot read
            cleaned = f"{cleaned[:DEBUG_LIMIT]}… [{len(cleaned) - DEBUG_LIMIT} more characters]"
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = self.redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        return True

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "<token>")
        return mask_personal(_ANY_TOKEN.sub("<token>", text), escapes=True)


class QuietStartRetries(logging.Filter):
    """Drops python-telegram-bot's "Network Retry Loop (Bootstrap …): Failed run number 0 of 0.
    Aborting." (an ERROR): the bot tries again itself at start and says so in its own line.
    Also its ERROR when the last getUpdates of a stop fails ("… Please adjust timeouts …"): the
    updates it fetched were not confirmed, so Telegram gives them to the next process, and the
    bot said in its own line why (the database could not keep them)."""

    def filter(self, record: logging.LogRecord) -> bool:
        library = record.name.startswith("telegram")
        return not (library and record.getMessage().startswith(_LIBRARY_NOISE))


_LIBRARY_NOISE = (
    "Network Retry Loop (Bootstrap",
    "Error while calling `get_updates` one more time to mark all fetched updates",
)


def setup_logging(token: str = "", level: int = logging.INFO, *secrets: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(QuietStartRetries())
    handler.addFilter(RedactSecrets(token, *secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("httpx", "httpcore", "apscheduler", "aiohttp.access", "jieba"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    logging.captureWarnings(True)  # a library's warning passes the same filters, token masked
