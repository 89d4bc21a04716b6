"""The scripted world around the fake Bot API: groups, residents and what they do."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from bot.devtools.fakeapi.protocol import SentMessage, entities

__all__ = ["TINY_JPEG", "World"]

# A real 1×1 JPEG: what a resident's photo holds unless a test gives it other bytes.
TINY_JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b"
    "0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e3334"
    "32ffc0000b080001000101011100ffc4001f0000010501010101010100000000000000000102030405060708"
    "090a0bffc400b5100002010303020403050504040000017d01020300041105122131410613516107227114"
    "328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748"
    "494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798999aa2"
    "a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9"
    "eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00fbd3ffd9"
)


class World:
    """Chats, people and updates; `say`, `edit`, `press` … queue updates for getUpdates."""

    def __init__(self, bot_user: dict[str, Any]) -> None:
        self.bot_user = bot_user
        self.pending: deque[dict[str, Any]] = deque()
        self.transcript: list[SentMessage] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.chats: dict[int, dict[str, Any]] = {}
        self.files: dict[str, bytes] = {}  # what residents' photos hold, by file id
        self.documents: set[str] = set()  # the file ids of pictures sent as files, not photos
        self.sizes: dict[str, int] = {}  # a file's size as Telegram knows it, where not its bytes
        # people's messages as Telegram holds them now (by chat and number): what a reply to
        # one by its number carries — a photo with its caption, not the transcript's "[图片]"
        self._said: dict[tuple[int, int], dict[str, Any]] = {}
        self.deleted: set[tuple[int, int]] = set()  # people's messages deleted since (`delete`)
        self._next_update_id = 1
        self._queries = 0  # callback query ids: unique whatever the updates' numbers
        self._next_message_id: dict[int, int] = {}
        self._arrived = asyncio.Event()
        self._changed = asyncio.Event()

    # -- groups and people ---------------------------------------------------------
    def group(self, chat_id: int, title: str, kind: str = "supergroup") -> dict[str, Any]:
        chat = {"id": chat_id, "type": kind, "title": title}
        self.chats[chat_id] = chat
        return chat

    def private(self, user: dict[str, Any]) -> dict[str, Any]:
        chat = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
        if user.get("username"):
            chat["username"] = user["username"]
        self.chats[user["id"]] = chat
        return chat

    @staticmethod
    def person(user_id: int, first_name: str, username: str | None = None) -> dict[str, Any]:
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if username:
            user["username"] = username
        return user

    # -- what residents do --------------------------------------------------------------------
    def delete(self, message: dict[str, Any]) -> None:
        """Its sender deletes a message. Telegram tells the bot nothing; a reply to it is sent
        as no reply (`allow_sending_without_reply`: in General, in a group with topics)."""
        key = (message["chat"]["id"], message["message_id"])
        self._said.pop(key, None)
        self.deleted.add(key)

    def say(
        self,
        chat: dict[str, Any],
        user: dict[str, Any] | None,
        text: str,
        *,
        reply_to: dict[str, Any] | int | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """A text message in a chat; commands and @mentions get their entities."""
        message = self._message(chat, user, extra)
        message["text"] = text
        found = entities(text)
        if found:
            message["entities"] = found
        if reply_to is not None:
            message["reply_to_message"] = self._replied(chat, reply_to)
        self._log_user_message(message, text)
        return self.push({"message": message})

    def photo(
        self,
        chat: dict[str, Any],
        user: dict[str, Any],
        caption: str | None = None,
        *,
        reply_to: dict[str, Any] | int | None = None,
        picture: bytes = TINY_JPEG,
        album: str | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """A photo, with a caption (its commands get their entities, as Telegram gives them);
        its file (`picture`) can be fetched with getFile. `album`: sent with others at once;
        `extra`: more of the message (its topic: `message_thread_id`, `is_topic_message`)."""
        message = self._message(chat, user, extra)
        number = len(self.files) + 1
        file_id = f"photo-{number}"
        self.files[file_id] = picture
        message["photo"] = [  # a thumbnail, then the full size, as Telegram lists them
            {"file_id": f"thumb-{number}", "file_unique_id": f"t{number}", "width": 9,
             "height": 9},
            {"file_id": file_id, "file_unique_id": f"p{number}", "width": 90, "height": 90},
        ]  # fmt: skip
        return self._send_media(message, chat, "[图片]", caption, reply_to, album)

    def picture_file(
        self,
        chat: dict[str, Any],
        user: dict[str, Any],
        caption: str | None = None,
        *,
        mime: str = "image/png",
        reply_to: dict[str, Any] | int | None = None,
        album: str | None = None,
        size: int | None = None,
    ) -> dict[str, Any]:
        """A picture sent "as a file" (a document of type `mime`), as a photo is otherwise;
        Telegram sends it on as a document only, never as a photo. `size`: how big Telegram
        says it is (over 20 MB, getFile refuses it)."""
        message = self._message(chat, user, {})
        number = len(self.files) + 1
        file_id = f"document-{number}"
        self.files[file_id] = TINY_JPEG
        self.documents.add(file_id)
        if size is not None:
            self.sizes[file_id] = size
        message["document"] = {
            "file_id": file_id, "file_unique_id": f"d{number}", "file_name": f"IMG_{number}",
            "mime_type": mime, "file_size": size or len(TINY_JPEG),
        }  # fmt: skip
        return self._send_media(message, chat, "[文件]", caption, reply_to, album)

    def _send_media(
        self,
        message: dict[str, Any],
        chat: dict[str, Any],
        shown: str,
        caption: str | None,
        reply_to: dict[str, Any] | int | None,
        album: str | None,
    ) -> dict[str, Any]:
        """A photo's or file's message, with what may go with it, queued (`shown`: how the
        transcript shows it)."""
        if album is not None:
            message["media_group_id"] = album
        if caption is not None:
            message["caption"] = caption
            found = entities(caption)
            if found:
                message["caption_entities"] = found
        if reply_to is not None:
            message["reply_to_message"] = self._replied(chat, reply_to)
        self._log_user_message(message, f"{shown} {caption or ''}".strip())
        return self.push({"message": message})

    def sticker(self, chat: dict[str, Any], user: dict[str, Any]) -> dict[str, Any]:
        message = self._message(chat, user, {})
        message["sticker"] = {
            "file_id": "sticker-1",
            "file_unique_id": "s1",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
        self._log_user_message(message, "[表情]")
        return self.push({"message": message})

    def voice(
        self,
        chat: dict[str, Any],
        user: dict[str, Any],
        seconds: int = 7,
        *,
        reply_to: dict[str, Any] | int | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """A voice message (no words the bot can read), maybe a reply; `extra`: more of the
        message (its topic)."""
        message = self._message(chat, user, extra)
        message["voice"] = {"file_id": "voice-1", "file_unique_id": "v1", "duration": seconds}
        if reply_to is not None:
            message["reply_to_message"] = self._replied(chat, reply_to)
        self._log_user_message(message, f"[语音 {seconds}秒]")
        return self.push({"message": message})

    def edit(self, message: dict[str, Any], text: str) -> dict[str, Any]:
        edited = dict(message)
        edited["text"] = text
        edited["edit_date"] = int(time.time())
        found = entities(text)
        edited.pop("entities", None)
        if found:
            edited["entities"] = found
        self._log_user_message(edited, f"(已编辑) {text}")
        return self.push({"edited_message": edited})

    def join(self, chat: dict[str, Any], user: dict[str, Any]) -> dict[str, Any]:
        message = self._message(chat, user, {})
        message["new_chat_members"] = [user]
        return self.push({"message": message})

    def bot_membership(self, chat: dict[str, Any], old: str, new: str) -> dict[str, Any]:
        """The bot was added to (`member`) or removed from (`kicked`, `left`) a group."""
        bot = {k: self.bot_user[k] for k in ("id", "is_bot", "first_name", "username")}
        admin = self.person(1, "群主")
        return self.push(
            {
                "my_chat_member": {
                    "chat": chat,
                    "from": admin,
                    "date": int(time.time()),
                    "old_chat_member": _member(old, bot),
                    "new_chat_member": _member(new, bot),
                }
            }
        )

    def press(self, bot_message: SentMessage, user: dict[str, Any], data: str) -> dict[str, Any]:
        """A tap on an inline button under a message the bot sent."""
        chat = self.chats.get(bot_message.chat_id, {"id": bot_message.chat_id, "type": "group"})
        message = {
            "message_id": bot_message.message_id,
            "date": int(time.time()),
            "chat": chat,
            "from": {k: self.bot_user[k] for k in ("id", "is_bot", "first_name", "username")},
            "text": bot_message.text,
        }
        label = data
        if bot_message.reply_markup:
            message["reply_markup"] = bot_message.reply_markup
            for row in bot_message.reply_markup.get("inline_keyboard", []):
                for button in row:
                    if button.get("callback_data") == data:
                        label = button.get("text", data)
        self.transcript.append(
            SentMessage(chat["id"], 0, f"[点了「{label}」]", False, user["first_name"], author=user)
        )
        self._queries += 1
        query_id = f"cq{self._queries}"
        return self.push(
            {
                "callback_query": {
                    "id": query_id,
                    "from": user,
                    "chat_instance": str(chat["id"]),
                    "message": message,
                    "data": data,
                }
            }
        )

    @property
    def last_update_id(self) -> int:
        return self._next_update_id - 1

    def push(self, body: dict[str, Any]) -> dict[str, Any]:
        """Queue any update (the body without update_id); returns the message or the body."""
        update = {"update_id": self._next_update_id, **body}
        self._next_update_id += 1
        self.pending.append(update)
        self._arrived.set()
        for key in ("message", "edited_message", "channel_post"):
            if isinstance(body.get(key), dict):
                found: dict[str, Any] = body[key]
                return found
        return body

    def _message(
        self, chat: dict[str, Any], user: dict[str, Any] | None, extra: dict[str, Any]
    ) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": self._new_message_id(chat["id"]),
            "date": int(time.time()),
            "chat": chat,
        }
        if user is not None:
            message["from"] = user
        message.update(extra)
        return message

    def _replied(self, chat: dict[str, Any], reply_to: dict[str, Any] | int) -> dict[str, Any]:
        """The message replied to, as Telegram sends it along: as it is (a photo has its
        `photo` and maybe a `caption`, no text), without the message it replied to in turn."""
        if isinstance(reply_to, dict):
            return {k: v for k, v in reply_to.items() if k != "reply_to_message"}
        said = self._said.get((chat["id"], reply_to))
        if said is not None:
            return {k: v for k, v in said.items() if k != "reply_to_message"}
        for sent in self.transcript:
            if sent.chat_id == chat["id"] and sent.message_id == reply_to:
                author = self.bot_user if sent.from_bot else sent.author
                replied = {
                    "message_id": reply_to,
                    "date": int(time.time()),
                    "chat": chat,
                    "text": sent.text,
                }
                if author is not None:
                    replied["from"] = {
                        k: author[k]
                        for k in ("id", "is_bot", "first_name", "username")
                        if k in author
                    }
                return replied
        return {"message_id": reply_to, "date": int(time.time()), "chat": chat}

    def _new_message_id(self, chat_id: int) -> int:
        number = self._next_message_id.get(chat_id, 1)
        self._next_message_id[chat_id] = number + 1
        return number

    def _log_user_message(self, message: dict[str, Any], text: str) -> None:
        self._said[(message["chat"]["id"], message["message_id"])] = message
        author = message.get("from")
        sender = (author or {}).get("first_name", "?")
        reply = message.get("reply_to_message", {}).get("message_id")
        self.transcript.append(
            SentMessage(
                message["chat"]["id"],
                message["message_id"],
                text,
                False,
                sender,
                reply,
                author=author,
            )
        )

    # -- what the bot did ---------------------------------------------------------------------
    def bot_messages(self, chat_id: int | None = None) -> list[SentMessage]:
        return [
            m for m in self.transcript if m.from_bot and (chat_id is None or m.chat_id == chat_id)
        ]

    def calls_of(self, method: str) -> list[dict[str, Any]]:
        return [params for name, params in self.calls if name == method]

    async def wait_for(
        self, predicate: Callable[[], Any], timeout: float = 15.0, what: str = "condition"
    ) -> Any:
        """Wait until `predicate()` is truthy (re-checked whenever the bot calls the API)."""
        deadline = time.monotonic() + timeout
        while True:
            result = predicate()
            if result:
                return result
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"timed out waiting for {what}")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), min(remaining, 0.2))

    async def wait_idle(self, quiet: float = 0.5, timeout: float = 30.0) -> None:
        """Wait until every update was fetched and the bot made no call for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), quiet)
            except TimeoutError:
                if not self.pending:
                    return
        raise TimeoutError("the bot did not go quiet")


def _member(status: str, user: dict[str, Any]) -> dict[str, Any]:
    member: dict[str, Any] = {"status": status, "user": user}
    if status == "kicked":
        member["until_date"] = 0
    if status == "administrator":  # the rights Telegram always lists for an admin
        rights = (
            "can_manage_chat", "can_delete_messages", "can_manage_video_chats",
            "can_restrict_members", "can_promote_members", "can_change_info",
            "can_invite_users", "can_post_stories", "can_edit_stories", "can_delete_stories",
        )  # fmt: skip
        member.update({"can_be_edited": False, "is_anonymous": False})
        member.update({right: right != "can_promote_members" for right in rights})
    return member
