"""Logging set-up: readable lines, quiet libraries, and the bot token never written out."""

from __future__ import annotations

import logging
import re
import sys

__all__ = ["RedactSecrets", "setup_logging"]

_ANY_TOKEN = re.compile(r"\d{6,}:[A-Za-z0-9_-]{30,}")


class RedactSecrets(logging.Filter):
    """Replaces the bot token (and anything shaped like a token) in every log record."""

    def __init__(self, *secrets: str) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = self.redact(message)
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = self.redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        return True

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "<token>")
        return _ANY_TOKEN.sub("<token>", text)


def setup_logging(token: str = "", level: int = logging.INFO) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets(token))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("httpx", "httpcore", "apscheduler", "aiohttp.access", "jieba"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
