"""What handlers need at run time, built once in `post_init` and kept in `bot_data`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bot.classify import Classifier
from bot.config import Config
from bot.delivery import AckDispatcher, Messenger
from bot.texts import Texts
from storage.chats import ChatStore
from storage.db import Database
from storage.inbox import InboxStore
from storage.tickets import TicketStore

__all__ = ["SERVICES_KEY", "Clock", "Services", "utc_now"]

SERVICES_KEY = "yuanzi.services"
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    """The running bot's resources; `db` is closed in `post_shutdown`."""

    config: Config
    db: Database
    tickets: TicketStore
    chats: ChatStore
    inbox: InboxStore
    classifier: Classifier
    texts: Texts
    clock: Clock
    messenger: Messenger
    acks: AckDispatcher
    bot_username: str = ""

    @classmethod
    def of(cls, context: Any) -> Services:
        """The services of the application a handler runs in."""
        services = context.application.bot_data[SERVICES_KEY]
        assert isinstance(services, Services)
        return services
