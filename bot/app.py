"""Wiring: the Application, its resources (post_init / post_shutdown) and its handlers."""

from __future__ import annotations

import asyncio
import json
import logging
import os
from collections.abc import Awaitable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    InlineKeyboardMarkup,
    Update,
)
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseHandler,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot import texts
from bot.classify import Classifier
from bot.config import Config
from bot.ledger.charts import recent_charts
from bot.runtime.delivery import Attachment
from bot.runtime.keyboards import take_button
from bot.runtime.polling import DurableApplication, DurableBot, replay_inbox
from bot.runtime.posting import Pace
from bot.runtime.schedule import install_jobs
from bot.runtime.services import SERVICES_KEY, Clock, Services, open_services, utc_now
from handlers import callbacks, commands, intake, loop, membership, notices, office, private
from storage.outbox import Notice
from storage.tickets import PendingAck

__all__ = ["Tuning", "build_application", "handlers"]

log = logging.getLogger(__name__)

# python-telegram-bot 22 reports time periods (RetryAfter.retry_after …) as timedelta when asked;
# the code here handles both, and asking silences its deprecation warnings.
os.environ.setdefault("PTB_TIMEDELTA", "1")

GROUP_COMMANDS = (
    BotCommand("new", "手动登记一件诉求"),
    BotCommand("list", "本群待办的诉求"),
    BotCommand("ticket", "查看一件诉求的详情"),
    BotCommand("assign", "网格员接单"),
    BotCommand("done", "网格员办结"),
    BotCommand("note", "网格员通报进展"),
    BotCommand("reopen", "重新打开已办结的诉求"),
    BotCommand("cancel", "撤销诉求"),
    BotCommand("category", "网格员更正类别"),
    BotCommand("merge", "网格员合并同一问题"),
    BotCommand("chart", "网格员：近期统计图"),
    BotCommand("digest", "网格员：现在发本群日报"),
    BotCommand("help", "使用说明"),
)
PRIVATE_COMMANDS = (
    BotCommand("mine", "我反映过的诉求"),
    BotCommand("todo", "网格员：我的待办"),
    BotCommand("export", "网格员：导出台账（Excel）"),
    BotCommand("chart", "网格员：近期统计图"),
    BotCommand("help", "使用说明"),
)

PRIVACY_WARNING = (
    "Privacy mode is ON for @%s: Telegram shows it only commands and replies in groups, so "
    "ordinary complaints will never reach it. Fix: in @BotFather send /setprivacy, choose the "
    "bot, choose Disable, then remove and re-add the bot to each group (or make it a group admin)."
)


@dataclass(frozen=True)
class Tuning:
    """Knobs the tests and benchmarks turn; the defaults are right for production."""

    post_burst: float = 5.0
    posts_per_minute: float = 15.0
    post_gap: float = 0.5
    post_calm: float = 0.3
    post_patience: float = 3.0
    poll_timeout: float = 10.0
    concurrent_updates: int = 64
    schedule_seconds: float = 60.0
    schedule_first: float = 2.0
    read_timeout: float = 15.0
    # python-telegram-bot's AIORateLimiter, the safety net under everything the bot sends
    overall_per_second: float = 25.0
    group_per_minute: float = 18.0

    def pace(self) -> Pace:
        return Pace(
            self.post_burst,
            self.posts_per_minute,
            self.post_gap,
            self.post_calm,
            self.post_patience,
        )


class PerChatOrder(BaseUpdateProcessor):
    """Updates of different groups run concurrently; within one group, in arrival order."""

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int | None, asyncio.Lock] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        lock = self._locks.setdefault(chat.id if chat else None, asyncio.Lock())
        async with lock:
            await coroutine

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    """Every handler, in the order they are tried (the first that matches runs)."""
    groups = filters.ChatType.GROUPS
    new_message = filters.UpdateType.MESSAGE
    words = filters.TEXT | filters.CAPTION
    return [
        MessageHandler(filters.StatusUpdate.MIGRATE, membership.on_migration),
        ChatMemberHandler(membership.on_membership, ChatMemberHandler.MY_CHAT_MEMBER),
        CommandHandler(["help", "start"], commands.help_command, filters=new_message),
        CommandHandler("new", commands.new, filters=new_message),
        CommandHandler("list", commands.list_tickets, filters=new_message),
        CommandHandler("ticket", commands.show_ticket, filters=new_message),
        CommandHandler("assign", commands.assign, filters=new_message),
        CommandHandler("done", commands.done, filters=new_message),
        CommandHandler("reopen", loop.reopen, filters=new_message),
        CommandHandler("cancel", loop.cancel, filters=new_message),
        CommandHandler("category", loop.change_category, filters=new_message),
        CommandHandler("note", loop.note, filters=new_message),
        CommandHandler("merge", loop.merge, filters=new_message),
        CommandHandler("mine", private.mine, filters=new_message),
        CommandHandler("todo", private.todo, filters=new_message),
        CommandHandler("export", office.export_ledger, filters=new_message),
        CommandHandler("chart", office.chart, filters=new_message),
        CommandHandler("digest", notices.digest_now, filters=new_message),
        CallbackQueryHandler(callbacks.on_button),
        MessageHandler(
            groups & words & filters.UpdateType.EDITED_MESSAGE & ~filters.COMMAND,
            intake.on_group_edit,
        ),
        MessageHandler(groups & words & new_message & ~filters.COMMAND, intake.on_group_message),
        MessageHandler(groups & new_message, intake.on_group_message),
    ]


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure, keep the update for a retry on the next start, apologise politely."""
    log.error("handling an update failed", exc_info=context.error)
    app = context.application
    if isinstance(update, Update):
        if isinstance(app, DurableApplication):
            app.failed.add(update.update_id)
        message = update.effective_message
        if message is not None and isinstance(context.error, Exception):
            services = app.bot_data.get(SERVICES_KEY)
            if isinstance(services, Services) and message.text and message.text.startswith("/"):
                await services.messenger.send(
                    message.chat_id, texts.ERROR_SORRY, reply_to=message.message_id
                )


def build_application(
    config: Config,
    *,
    clock: Clock = utc_now,
    classifier: Classifier | None = None,
    tuning: Tuning = Tuning(),
) -> Application:  # type: ignore[type-arg]
    """The bot, ready for `run_polling` (or initialize/start in tests)."""
    bot = DurableBot(
        config.telegram.token,
        base_url=config.telegram.base_url,
        request=HTTPXRequest(
            connection_pool_size=32, read_timeout=tuning.read_timeout, connect_timeout=10
        ),
        get_updates_request=HTTPXRequest(read_timeout=tuning.poll_timeout + 10),
        rate_limiter=AIORateLimiter(
            overall_max_rate=tuning.overall_per_second,
            group_max_rate=tuning.group_per_minute,
            max_retries=5,
        ),
        defaults=Defaults(tzinfo=config.schedule.tz),
    )

    async def post_init(app: Application) -> None:  # type: ignore[type-arg]
        services = await open_services(config, app.bot, clock, classifier, pace=tuning.pace)

        async def on_migrate(old: int, new: int) -> None:
            await membership.migrate_chat(services, old, new)

        services.messenger.on_migrate = on_migrate
        services.posts.ack_markup = _take_button_for_new

        async def pictures(notice: Notice) -> list[Attachment]:
            request = json.loads(notice.body)
            at = datetime.fromisoformat(request["at"])
            drawn = await recent_charts(services.bulletins, request["scope"], at)
            return [Attachment(c.filename, c.png, c.caption) for c in drawn]

        services.posts.attachments = pictures
        app.bot_data[SERVICES_KEY] = services
        if not app.bot.bot.can_read_all_group_messages:
            log.warning(PRIVACY_WARNING, app.bot.username)
        assert isinstance(app, DurableApplication) and isinstance(app.bot, DurableBot)
        app.bot.attach_inbox(services.inbox, clock)
        app.inbox, app.clock = services.inbox, clock
        await replay_inbox(app, services.inbox, clock())
        await _set_commands(app)
        await services.posts.kick_all()
        if app.job_queue is not None:
            install_jobs(app.job_queue, tuning.schedule_seconds, tuning.schedule_first)

    async def post_stop(app: Application) -> None:  # type: ignore[type-arg]
        if isinstance(app, DurableApplication):
            await app.flush_marks()
        services = app.bot_data.get(SERVICES_KEY)
        if isinstance(services, Services):
            await services.posts.drain()
            await services.chats.save_members()

    async def post_shutdown(app: Application) -> None:  # type: ignore[type-arg]
        services = app.bot_data.pop(SERVICES_KEY, None)
        if isinstance(services, Services):
            await services.posts.stop()
            await services.db.close()

    application = (
        ApplicationBuilder()
        .application_class(DurableApplication)
        .bot(bot)
        .concurrent_updates(PerChatOrder(tuning.concurrent_updates))
        .post_init(post_init)
        .post_stop(post_stop)
        .post_shutdown(post_shutdown)
        .build()
    )
    for handler in handlers():
        application.add_handler(handler)
    application.add_error_handler(on_error)
    return application


def _take_button_for_new(pending: PendingAck) -> InlineKeyboardMarkup | None:
    """The 接单 button under the acknowledgement of a ticket nobody has taken yet."""
    ticket = pending.ticket
    if pending.is_first_report and ticket.status.value == "open":
        return take_button(ticket.id)
    return None


async def _set_commands(app: Application) -> None:  # type: ignore[type-arg]
    try:
        await app.bot.set_my_commands(GROUP_COMMANDS, scope=BotCommandScopeAllGroupChats())
        await app.bot.set_my_commands(PRIVATE_COMMANDS, scope=BotCommandScopeAllPrivateChats())
    except TelegramError as exc:
        log.warning("could not register the command menu: %s", exc)
