"""Residents' photos and the tickets they belong to: the rules, pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

__all__ = ["IMAGE_FILES", "MAX_SHOWN", "PHOTO_WINDOW", "Picture", "span_around", "span_before"]

# A photo its sender posts this soon before or after her complaint shows that complaint: the
# words, then the picture (or the other way round), is how people report from their phones.
PHOTO_WINDOW = timedelta(minutes=5)
MAX_SHOWN = 10  # the photos a worker is sent with a ticket in private (an album's most)
# A picture sent "as a file" (uncompressed, from a computer or a phone's file picker) is kept as
# a photo when a browser shows it as one: not an SVG (a page that runs scripts), not a HEIC.
IMAGE_FILES = frozenset({"image/jpeg", "image/png", "image/webp", "image/gif"})


@dataclass(frozen=True)
class Picture:
    """A photo in a message: Telegram's ids for its largest size, and when it was sent."""

    file_id: str
    file_unique_id: str
    sent_at: datetime
    album: str | None = None  # photos sent together share it (Telegram's media_group_id)
    mime: str | None = None  # a picture sent as a file (one of IMAGE_FILES); None: a photo


def span_before(sent_at: datetime) -> tuple[datetime, datetime]:
    """When her photos posted alone belong to the complaint she sent at `sent_at`."""
    return sent_at - PHOTO_WINDOW, sent_at


def span_around(sent_at: datetime) -> tuple[datetime, datetime]:
    """When her photos posted alone belong to a message filed later (a 研判 item a worker or
    the clock filed): those she sent just before it and those she sent after it, which had no
    ticket to go to yet."""
    return sent_at - PHOTO_WINDOW, sent_at + PHOTO_WINDOW
