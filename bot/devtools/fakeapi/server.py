"""A fake Telegram Bot API on 127.0.0.1, for `demo` and the tests.

It speaks the real HTTP protocol python-telegram-bot uses (getUpdates with long polling and
offset confirmation, sendMessage, callbacks …), keeps what the bot sent, lets a script play the
residents (`FakeTelegram.say`, `press`, `edit` …), and can misbehave on purpose (429, 5xx, 403,
chat migration, slow answers, Telegram's flood limits).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

from aiohttp import web

from bot.devtools.fakeapi.protocol import (
    ApiError,
    Bucket,
    Fault,
    SentMessage,
    as_int,
    check_html,
    error_response,
    read_params,
    utf16_len,
)
from bot.devtools.fakeapi.world import World

__all__ = ["ApiError", "FakeTelegram", "Fault", "SentMessage"]

TOKEN = "123456789:FAKE-token-for-local-tests-only-000"
BOT_ID = 123456789

_SEND_METHODS = frozenset(
    {"sendMessage", "sendDocument", "sendPhoto", "sendMediaGroup", "editMessageText"}
)


class FakeTelegram(World):
    """The fake server and the scripted world around it (groups, residents, the bot)."""

    def __init__(
        self,
        *,
        token: str = TOKEN,
        bot_username: str = "yuanzi_test_bot",
        can_read_all_group_messages: bool = True,
        enforce_limits: bool = False,
    ) -> None:
        self.token = token
        bot_user = {
            "id": int(token.split(":")[0]),
            "is_bot": True,
            "first_name": "院子",
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": can_read_all_group_messages,
            "supports_inline_queries": False,
        }
        super().__init__(bot_user)
        self.enforce_limits = enforce_limits
        self.callback_answers: list[dict[str, Any]] = []
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.faults: list[Fault] = []
        self.blocked: set[int] = set()
        self.migrations: dict[int, int] = {}
        self.limit_hits = 0
        self.confirmed_offset = 0
        self.delivered_up_to = 0
        self._group_buckets: dict[int, Bucket] = {}
        self._global_bucket = Bucket(capacity=30, per_second=30)
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    # -- server life --------------------------------------------------------------------------
    async def start(self, port: int = 0) -> str:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        host, bound_port = self._runner.addresses[0][:2]
        self.base_url = f"http://{host}:{bound_port}/bot"
        return self.base_url

    async def stop(self) -> None:
        self._arrived.set()  # let long polls in flight answer now rather than at their timeout
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeTelegram:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # -- HTTP -----------------------------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return error_response(ApiError(401, "Unauthorized"))
        method = request.match_info["method"]
        params = await read_params(request)
        self.calls.append((method, params))
        self._changed.set()
        try:
            await self._apply_fault(method, params)
            result = await self._dispatch(method, params)
        except ApiError as exc:
            return error_response(exc)
        finally:
            self._changed.set()
        return web.json_response({"ok": True, "result": result})

    async def _download(self, request: web.Request) -> web.Response:
        """A file getFile named (a resident's photo), as Telegram's file server gives it."""
        if request.match_info["token"] != self.token:
            return web.Response(status=401, text="Unauthorized")
        self.calls.append(("download", {"path": request.match_info["path"]}))
        name = request.match_info["path"].removeprefix("photos/").removesuffix(".jpg")
        if name not in self.files:
            return web.Response(status=404, text="Not Found")
        return web.Response(body=self.files[name], content_type="image/jpeg")

    async def _apply_fault(self, method: str, params: dict[str, Any]) -> None:
        chat_id = as_int(params.get("chat_id"))
        if method in _SEND_METHODS and chat_id in self.blocked:
            raise ApiError(403, "Forbidden: bot was kicked from the supergroup chat")
        if method in _SEND_METHODS and chat_id in self.migrations:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                migrate_to_chat_id=self.migrations[chat_id],
            )
        for fault in self.faults:
            if fault.method == method and fault.chat_id in (None, chat_id) and fault.times > 0:
                fault.times -= 1
                if fault.delay:
                    await asyncio.sleep(fault.delay)
                if fault.hold is not None:
                    await fault.hold.wait()
                if fault.error_code:
                    raise ApiError(
                        fault.error_code,
                        fault.description,
                        retry_after=fault.retry_after,
                        migrate_to_chat_id=fault.migrate_to,
                    )
                return
        if self.enforce_limits and method in _SEND_METHODS - {"editMessageText"}:
            wait = self._global_bucket.take()
            if chat_id is not None and chat_id < 0:
                bucket = self._group_buckets.setdefault(chat_id, Bucket(20, 20 / 60))
                wait = max(wait, bucket.take())
            if wait:
                self.limit_hits += 1
                raise ApiError(429, "Too Many Requests: retry later", retry_after=int(wait) + 1)

    async def _dispatch(self, method: str, params: dict[str, Any]) -> Any:
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            raise ApiError(404, "Not Found: method not found")
        return await handler(params)

    async def _api_getMe(self, params: dict[str, Any]) -> Any:
        return self.bot_user

    async def _api_deleteWebhook(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_getWebhookInfo(self, params: dict[str, Any]) -> Any:
        return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}

    def renumber(self, first: int) -> None:
        """Number the next updates from `first` on, as Telegram does after a week without
        updates ("chosen randomly instead of sequentially"): lower, or even the same, as
        numbers a bot has seen."""
        assert not self.pending, "Telegram renumbers only when every update was confirmed"
        self._next_update_id = first
        self.delivered_up_to = first - 1
        self.confirmed_offset = first

    async def _api_getUpdates(self, params: dict[str, Any]) -> Any:
        offset = as_int(params.get("offset")) or 0
        if offset > self.last_update_id + 1:  # an offset of before a renumbering: it confirms
            offset = 0  # nothing, the earliest unconfirmed updates come (as Telegram answers)
        limit = min(max(as_int(params.get("limit")) or 100, 1), 100)
        timeout = float(params.get("timeout") or 0)
        if offset > 0:
            self.confirmed_offset = max(self.confirmed_offset, offset)
            while self.pending and self.pending[0]["update_id"] < offset:
                self.pending.popleft()
        if not self.pending and timeout > 0:
            self._arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._arrived.wait(), timeout)
        batch = [u for u in self.pending if u["update_id"] >= offset][:limit]
        if batch:
            self.delivered_up_to = max(self.delivered_up_to, batch[-1]["update_id"])
        return batch

    async def _api_sendMessage(self, params: dict[str, Any]) -> Any:
        text = str(params.get("text", ""))
        plain = check_html(text) if params.get("parse_mode") == "HTML" else text
        if not plain.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if utf16_len(plain) > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        return self._record_bot_message(params, text, plain)

    async def _api_sendDocument(self, params: dict[str, Any]) -> Any:
        return self._record_file(params, "document")

    async def _api_sendPhoto(self, params: dict[str, Any]) -> Any:
        return self._record_file(params, "photo")

    async def _api_sendMediaGroup(self, params: dict[str, Any]) -> Any:
        """An album: 2–10 photos sent on by their file ids, one message each, sent together."""
        media = params.get("media")
        if not isinstance(media, list) or not 2 <= len(media) <= 10:
            raise ApiError(400, "Bad Request: wrong number of media in the album")
        sent = []
        kinds = {item.get("type") if isinstance(item, dict) else None for item in media}
        if len(kinds) != 1:  # photos and documents are never grouped together
            raise ApiError(400, "Bad Request: documents can't be mixed with other media types")
        for item in media:
            file_id = item.get("media") if isinstance(item, dict) else None
            if file_id not in self.files or item.get("type") != self._kind_of(file_id):
                raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
            caption = str(item.get("caption", ""))
            message = self._record_bot_message(params, caption, caption)
            if item.get("type") == "photo":
                message["photo"] = [
                    {"file_id": file_id, "file_unique_id": f"u-{file_id}", "width": 1, "height": 1}
                ]
            else:
                message["document"] = {"file_id": file_id, "file_unique_id": f"u-{file_id}"}
            sent.append(message)
        return sent

    async def _api_getFile(self, params: dict[str, Any]) -> Any:
        file_id = str(params.get("file_id", ""))
        if file_id not in self.files:
            raise ApiError(400, "Bad Request: invalid file_id")
        size = self.sizes.get(file_id, len(self.files[file_id]))
        if size > 20 * 1024 * 1024:  # the most Telegram lets a bot download
            raise ApiError(400, "Bad Request: file is too big")
        return {
            "file_id": file_id,
            "file_unique_id": f"u-{file_id}",
            "file_size": size,
            "file_path": f"photos/{file_id}.jpg",
        }

    def _record_file(self, params: dict[str, Any], kind: str) -> Any:
        upload = params.get(kind)
        if isinstance(upload, str) and upload in self.files:  # sent on by its file id
            if self._kind_of(upload) != kind:  # a document's id as a photo, or the other way
                raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
            upload = (f"{upload}.jpg", self.files[upload])
        if not isinstance(upload, tuple):
            raise ApiError(400, f"Bad Request: there is no {kind} in the request")
        caption = str(params.get("caption", ""))
        plain = check_html(caption) if params.get("parse_mode") == "HTML" else caption
        if utf16_len(plain) > 1024:
            raise ApiError(400, "Bad Request: message caption is too long")
        message = self._record_bot_message(params, caption, plain, document=upload)
        if kind == "photo":
            message["photo"] = [{"file_id": "up", "file_unique_id": "up", "width": 1, "height": 1}]
        else:
            message["document"] = {"file_id": "up", "file_unique_id": "up", "file_name": upload[0]}
        return message

    def _kind_of(self, file_id: str) -> str:
        """What Telegram holds a resident's file as: a photo, or a document."""
        return "document" if file_id in self.documents else "photo"

    def _record_bot_message(
        self,
        params: dict[str, Any],
        text: str,
        plain: str,
        document: tuple[str, bytes] | None = None,
    ) -> dict[str, Any]:
        chat_id = as_int(params.get("chat_id"))
        if chat_id is None:
            raise ApiError(400, "Bad Request: chat_id is empty")
        reply_to = params.get("reply_parameters", {}) or {}
        reply_id = as_int(reply_to.get("message_id")) or as_int(params.get("reply_to_message_id"))
        if (chat_id, reply_id) in self.deleted:
            if not reply_to.get("allow_sending_without_reply"):
                raise ApiError(400, "Bad Request: message to be replied not found")
            reply_id = None
        message_id = self._new_message_id(chat_id)
        markup = params.get("reply_markup") or None
        self.transcript.append(
            SentMessage(
                chat_id,
                message_id,
                plain,
                True,
                self.bot_user["first_name"],
                reply_id,
                markup,
                params.get("parse_mode"),
                document,
                link_preview=not (params.get("link_preview_options") or {}).get("is_disabled"),
            )
        )
        chat = self.chats.get(
            chat_id, {"id": chat_id, "type": "private" if chat_id > 0 else "group"}
        )
        result: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": chat,
            "from": {k: self.bot_user[k] for k in ("id", "is_bot", "first_name", "username")},
            "text": plain,
        }
        if markup:
            result["reply_markup"] = markup
        return result

    async def _api_editMessageText(self, params: dict[str, Any]) -> Any:
        chat_id = as_int(params.get("chat_id"))
        message_id = as_int(params.get("message_id"))
        text = str(params.get("text", ""))
        plain = check_html(text) if params.get("parse_mode") == "HTML" else text
        if utf16_len(plain) > 4096:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        for sent in self.transcript:
            if sent.from_bot and sent.chat_id == chat_id and sent.message_id == message_id:
                if sent.text == plain and sent.reply_markup == (params.get("reply_markup") or None):
                    raise ApiError(400, "Bad Request: message is not modified")
                sent.text = plain
                sent.reply_markup = params.get("reply_markup") or None
                sent.edited = True
                return {
                    "message_id": message_id,
                    "date": int(time.time()),
                    "chat": self.chats.get(chat_id or 0, {"id": chat_id, "type": "group"}),
                    "text": plain,
                }
        raise ApiError(400, "Bad Request: message to edit not found")

    async def _api_editMessageReplyMarkup(self, params: dict[str, Any]) -> Any:
        chat_id = as_int(params.get("chat_id"))
        message_id = as_int(params.get("message_id"))
        for sent in self.transcript:
            if sent.from_bot and sent.chat_id == chat_id and sent.message_id == message_id:
                sent.reply_markup = params.get("reply_markup") or None
                return True
        raise ApiError(400, "Bad Request: message to edit not found")

    async def _api_answerCallbackQuery(self, params: dict[str, Any]) -> Any:
        self.callback_answers.append(params)
        return True

    async def _api_setMyCommands(self, params: dict[str, Any]) -> Any:
        scope = (params.get("scope") or {}).get("type", "default")
        self.commands[scope] = list(params.get("commands") or [])
        return True

    async def _api_getMyCommands(self, params: dict[str, Any]) -> Any:
        return self.commands.get((params.get("scope") or {}).get("type", "default"), [])

    async def _api_deleteMyCommands(self, params: dict[str, Any]) -> Any:
        self.commands.pop((params.get("scope") or {}).get("type", "default"), None)
        return True

    async def _api_sendChatAction(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_getChat(self, params: dict[str, Any]) -> Any:
        chat_id = as_int(params.get("chat_id"))
        if chat_id not in self.chats:
            raise ApiError(400, "Bad Request: chat not found")
        return self.chats[chat_id] | {"accent_color_id": 0, "max_reaction_count": 11}
