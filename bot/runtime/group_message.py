"""A resident's words in a group as the use cases take them: hearing, alerts and the verdicts
on the bot's own posts read the same message."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from bot.core.photos import Picture
from bot.core.tickets import Person
from storage.acted import message_origin
from storage.chats import retired_id

__all__ = ["GroupMessage"]


@dataclass(frozen=True)
class GroupMessage:
    """A resident's words in a group, as the use cases need them."""

    chat_id: int
    message_id: int
    author: Person
    text: str
    reply_to: int | None = None  # the message it answers, if any
    reply_to_bot: bool = False  # whether that message was the bot's
    reply_to_author: int | None = None  # who wrote the message it answers, and its words
    reply_to_text: str = ""
    first_origin: str | None = None  # as first heard, in a group that has moved since
    picture: Picture | None = None  # the photo it is the caption of, or is, if any
    sent_at: datetime | None = None  # when Telegram says it was sent
    thread_id: int | None = None  # its topic, in a group with topics

    @property
    def origin(self) -> str:
        """What makes this message act once (the same before and after its group moved)."""
        return self.first_origin or message_origin(self.chat_id, self.message_id)

    def told(self, what: str) -> str:
        """The origin of one of the posts this message leads to."""
        return f"{self.origin}:{what}"

    def in_supergroup(self, chat_id: int) -> GroupMessage:
        """This message of a group that has since become supergroup `chat_id` (handled late):
        kept there, under the numbers the move gave the old group's messages."""
        replied = None if self.reply_to is None else retired_id(self.reply_to)
        return replace(
            self,
            chat_id=chat_id,
            message_id=retired_id(self.message_id),
            reply_to=replied,
            first_origin=self.origin,
        )
