"""The fake Bot API's protocol parts: records, checks Telegram makes, parameters, errors."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from aiohttp import BodyPartReader, web

__all__ = [
    "ApiError",
    "Bucket",
    "Fault",
    "SentMessage",
    "as_int",
    "check_html",
    "entities",
    "error_response",
    "read_params",
    "utf16_len",
]

# Parameters sent as plain strings (everything else is JSON-encoded by python-telegram-bot).
_STRING_FIELDS = frozenset(
    {"text", "caption", "parse_mode", "callback_query_id", "url", "description", "title", "emoji"}
)

_ALLOWED_TAGS = frozenset(
    {
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
        "tg-spoiler", "span", "blockquote", "tg-emoji",
    }
)  # fmt: skip


class ApiError(Exception):
    """A Bot API error answer: HTTP code, description and optional parameters."""

    def __init__(
        self,
        code: int,
        description: str,
        *,
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
    ) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters: dict[str, Any] = {}
        if retry_after is not None:
            self.parameters["retry_after"] = retry_after
        if migrate_to_chat_id is not None:
            self.parameters["migrate_to_chat_id"] = migrate_to_chat_id


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _TelegramHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.plain: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _ALLOWED_TAGS:
            raise ApiError(
                400, f'Bad Request: can\'t parse entities: Unsupported start tag "{tag}"'
            )
        if tag == "a" and not any(name == "href" for name, _ in attrs):
            raise ApiError(400, "Bad Request: can't parse entities: a tag without href")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            raise ApiError(
                400,
                f"Bad Request: can't parse entities: Can't find end tag corresponding to \"{tag}\"",
            )
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.plain.append(data)


def check_html(text: str) -> str:
    """The visible text of a message sent with parse_mode HTML, or the error Telegram gives."""
    if "<" in text:
        # A bare "<" not starting a tag is an error for Telegram ("Unsupported start tag").
        index = 0
        while (index := text.find("<", index)) != -1:
            follower = text[index + 1 : index + 2]
            if not (follower.isalpha() or follower == "/"):
                raise ApiError(
                    400,
                    f'Bad Request: can\'t parse entities: Unexpected "<" at byte offset {index}',
                )
            index += 1
    parser = _TelegramHtml()
    parser.feed(text)
    parser.close()
    if parser.stack:
        raise ApiError(
            400, f'Bad Request: can\'t parse entities: Unclosed start tag "{parser.stack[-1]}"'
        )
    return "".join(parser.plain)


@dataclass
class SentMessage:
    """A message in a chat: sent by the bot or, in the transcript, by a resident."""

    chat_id: int
    message_id: int
    text: str
    from_bot: bool
    sender: str
    reply_to: int | None = None
    reply_markup: dict[str, Any] | None = None
    parse_mode: str | None = None
    document: tuple[str, bytes] | None = None
    edited: bool = False
    author: dict[str, Any] | None = None
    link_preview: bool = True  # Telegram fetches a link in the text to show a preview


@dataclass
class Fault:
    """One injected failure: the next `times` calls of `method` (and `chat_id`) fail."""

    method: str
    error_code: int
    description: str
    times: int = 1
    chat_id: int | None = None
    retry_after: int | None = None
    migrate_to: int | None = None
    delay: float = 0.0
    hold: asyncio.Event | None = None  # the call is answered once the test sets it


@dataclass
class Bucket:
    capacity: float
    per_second: float
    level: float = 0.0
    stamp: float = field(default_factory=time.monotonic)

    def take(self) -> float:
        """0 when a message may pass now, else seconds until it could."""
        now = time.monotonic()
        self.level = max(0.0, self.level - (now - self.stamp) * self.per_second)
        self.stamp = now
        if self.level + 1 > self.capacity:
            return (self.level + 1 - self.capacity) / self.per_second
        self.level += 1
        return 0.0


def entities(text: str) -> list[dict[str, Any]]:
    """bot_command at the start and @mentions anywhere, with UTF-16 offsets as Telegram does."""
    found: list[dict[str, Any]] = []
    if text.startswith("/"):
        command = text.split(maxsplit=1)[0] if text.strip() else text
        found.append({"type": "bot_command", "offset": 0, "length": utf16_len(command)})
    index = 0
    while (start := text.find("@", index)) != -1:
        end = start + 1
        while end < len(text) and (
            text[end].isascii() and (text[end].isalnum() or text[end] == "_")
        ):
            end += 1
        if end - start > 5 and not (found and start < found[0]["length"]):
            found.append(
                {"type": "mention", "offset": utf16_len(text[:start]), "length": end - start}
            )
        index = end
    return found


def as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


async def read_params(request: web.Request) -> dict[str, Any]:
    """Form or multipart fields; JSON-encoded values decoded, uploads as (filename, bytes)."""
    params: dict[str, Any] = {}
    if request.content_type == "application/json":
        body = await request.json()
        return dict(body) if isinstance(body, dict) else {}
    if request.content_type.startswith("multipart/"):
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, BodyPartReader) or part.name is None:
                continue
            if part.filename is not None:
                params[part.name] = (part.filename, bytes(await part.read()))
            else:
                params[part.name] = await part.text()
    else:
        form = await request.post()
        params = {k: v for k, v in form.items() if isinstance(v, str)}
    for key, value in list(params.items()):
        if isinstance(value, str) and key not in _STRING_FIELDS:
            with contextlib.suppress(ValueError):
                params[key] = json.loads(value)
    return params


def error_response(exc: ApiError) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": exc.code, "description": exc.description}
    if exc.parameters:
        body["parameters"] = exc.parameters
    return web.json_response(body, status=exc.code)
