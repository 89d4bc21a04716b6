"""Wiring: the Application, its resources (post_init / post_stop / post_shutdown) and its
handlers, in one ordered list. Built only on python-telegram-bot's public API."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
from dataclasses import dataclass
from functools import partial
from typing import Any

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    Update,
)
from telegram.error import InvalidToken, TelegramError
from telegram.ext import (
    AIORateLimiter,
    ApplicationBuilder,
    BaseHandler,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    Defaults,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot import texts
from bot.classify import Classifier
from bot.config import Config
from bot.core.timeutil import utc_now
from bot.desk.server import DeskServer
from bot.runtime import alerts, usecases
from bot.runtime.context import CONTEXT_TYPES, BotContext, YuanziApp
from bot.runtime.delivery import NO_PREVIEW
from bot.runtime.pace import Pace
from bot.runtime.polling import DurableProcessor, InboxRequest, Intake
from bot.runtime.replay import replay_inbox
from bot.runtime.schedule import install_jobs
from bot.runtime.services import SERVICES_KEY, Clock, Services, open_services
from bot.runtime.setup_checks import (
    calendar_warnings,
    desk_warnings,
    staff_chats_with_tickets,
    unreachable_chats,
    warn_unreachable_workers,
)
from bot.runtime.triage_notices import retire_former_copies
from bot.runtime.watchdog import Watchdog
from handlers import callbacks, commands, intake, loop, membership, notices, office, private
from handlers.captions import CAPTION_COMMAND, caption_commands
from handlers.common import Handler, thread_of
from storage.acted import message_origin
from storage.leader import LEASE_LOST

__all__ = ["DESK_KEY", "WATCHDOG_KEY", "Tuning", "build_application", "handlers"]

DESK_KEY = "desk"  # bot_data: the office desk's web server, when [web] listen is set
WATCHDOG_KEY = "watchdog"  # bot_data: the stalled-loop watchdog (Tuning.stall_exit)
CHATS_CHECK_KEY = "chats_check"  # bot_data: the start's check of the configured chats (a task)
WORKERS_CHECK_KEY = "workers_check"  # bot_data: the check of the workers' private chats (a task)
CHATS_CHECK_WAIT = 10.0  # seconds a stop gives that check to finish its log lines

log = logging.getLogger(__name__)

# What a person sends a bot in private, words or not (not the service messages Telegram adds).
_SENT_BY_HAND = (
    filters.TEXT
    | filters.CAPTION
    | filters.VOICE
    | filters.AUDIO
    | filters.PHOTO
    | filters.VIDEO
    | filters.VIDEO_NOTE
    | filters.Sticker.ALL
    | filters.ANIMATION
    | filters.Document.ALL
    | filters.LOCATION
    | filters.CONTACT
)

# python-telegram-bot 22 reports time periods (RetryAfter.retry_after …) as timedelta when asked;
# the code here handles both, and asking silences its deprecation warnings.
os.environ.setdefault("PTB_TIMEDELTA", "1")

PRIVACY_WARNING = (
    "Privacy mode is ON for @%s: Telegram shows it only commands and replies in groups, so "
    "ordinary complaints will never reach it. Fix: in @BotFather send /setprivacy, choose the "
    "bot, choose Disable, then remove and re-add the bot to each group (or make it a group admin)."
)


RELEASED_WARNING = (
    "tickets %s were held by someone no longer in [roles] workers or admins: they are "
    "open again, for any worker to take (their history says why)"
)
NOBODY_WARNING = (
    "[roles] workers and admins are both empty: tickets will be filed that nobody may take or "
    "close, and urgent complaints will reach nobody. Fix: list the grid workers' numeric user "
    "ids, e.g. workers = [123456789] (each can learn theirs from @userinfobot)."
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
    # seconds after start before saying which workers never started a private chat: a /start
    # sent while the bot was off is read first
    workers_check_after: float = 30.0
    read_timeout: float = 15.0
    # python-telegram-bot's AIORateLimiter, the safety net under everything the bot sends
    overall_per_second: float = 25.0
    group_per_minute: float = 18.0
    # a loop silent this long stops the process for a fresh start (None: never; tests)
    stall_exit: float | None = 120.0

    def pace(self) -> Pace:
        return Pace(
            self.post_burst,
            self.posts_per_minute,
            self.post_gap,
            self.post_calm,
            self.post_patience,
        )


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """Every handler, in the order they are tried (the first that matches runs)."""
    groups, private_chat = filters.ChatType.GROUPS, filters.ChatType.PRIVATE
    new_message = filters.UpdateType.MESSAGE
    said_here = new_message & ~filters.FORWARDED  # a forwarded "/done 1" is shown, not given
    words = filters.TEXT | filters.CAPTION
    commands_by_name: dict[str, Handler] = {
        "help": commands.help_command,
        "start": commands.help_command,
        "new": commands.new,
        "list": commands.list_tickets,
        "ticket": commands.show_ticket,
        "assign": commands.assign,
        "done": commands.done,
        "reopen": loop.reopen,
        "cancel": loop.cancel,
        "category": loop.change_category,
        "note": loop.note,
        "merge": loop.merge,
        "mine": private.mine,
        "todo": private.todo,
        "desk": private.desk,
        "export": office.export_ledger,
        "chart": office.chart,
        "digest": notices.digest_now,
    }
    ours = re.compile(rf"^/({'|'.join(commands_by_name)})(@\w+)?(\s|$)", re.IGNORECASE)
    return [
        MessageHandler(filters.StatusUpdate.MIGRATE, membership.on_migration),
        ChatMemberHandler(membership.on_membership, ChatMemberHandler.MY_CHAT_MEMBER),
        *(
            CommandHandler(name, handler, filters=said_here)
            for name, handler in commands_by_name.items()
        ),
        MessageHandler(
            filters.CAPTION & filters.CaptionRegex(CAPTION_COMMAND) & said_here,
            caption_commands(commands_by_name),
        ),
        CallbackQueryHandler(callbacks.on_button),
        MessageHandler(  # a command edited, in a text or in a photo's caption
            filters.UpdateType.EDITED_MESSAGE & (filters.Regex(ours) | filters.CaptionRegex(ours)),
            intake.on_edited_command,
        ),
        MessageHandler(
            groups & words & filters.UpdateType.EDITED_MESSAGE & ~filters.COMMAND,
            intake.on_group_edit,
        ),
        MessageHandler(groups & words & new_message & ~filters.COMMAND, intake.on_group_message),
        MessageHandler(groups & new_message, intake.on_group_message),
        MessageHandler(private_chat & _SENT_BY_HAND & new_message, private.anything_else),
    ]


async def on_error(update: object, context: BotContext) -> None:
    """Log the failure, keep the update for a retry on the next start, apologise politely."""
    error = context.error
    polling = update is None and context.job is None
    if polling and isinstance(error, TelegramError) and not isinstance(error, InvalidToken):
        # Polling trouble (409 while an old process still polls, 5xx, timeouts): the library
        # tries again, waiting longer each time; one line is enough.
        log.warning("polling for updates: Telegram answered %s; trying again", error)
        return
    log.error("handling an update failed", exc_info=error)
    if not isinstance(update, Update):
        return
    processor = context.application.update_processor
    if isinstance(processor, DurableProcessor):
        processor.intake.failed(update.update_id)
    message = update.effective_message
    services = context.application.bot_data.get(SERVICES_KEY)
    is_command = message is not None and (message.text or "").startswith("/")
    if message is not None and is_command and isinstance(services, Services):
        origin = f"{message_origin(message.chat_id, message.message_id)}:sorry"
        await usecases.answer(
            services, message.chat_id, texts.ERROR_SORRY, reply_to=message.message_id,
            origin=origin, thread_id=thread_of(message),
        )  # fmt: skip


async def _warn_unreachable_chats(app: YuanziApp, config: Config) -> None:
    """One log line for each chat the config names that the bot cannot post in."""
    try:
        lines = await unreachable_chats(app.bot, config)
    except Exception:  # a check for the log must never take the bot down
        log.exception("the configured chats could not be checked")
        return
    for line in lines:
        log.warning("%s", line)


async def _end_chats_check(app: YuanziApp) -> None:
    """Let the start's check of the configured chats finish (briefly), or give it up; the
    workers' check, still waiting, is dropped."""
    workers = app.bot_data.pop(WORKERS_CHECK_KEY, None)
    if isinstance(workers, asyncio.Task):
        workers.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await workers
    check = app.bot_data.pop(CHATS_CHECK_KEY, None)
    if isinstance(check, asyncio.Task):
        with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
            await asyncio.wait_for(check, CHATS_CHECK_WAIT)


def build_application(
    config: Config,
    *,
    clock: Clock = utc_now,
    classifier: Classifier | None = None,
    tuning: Tuning = Tuning(),
) -> YuanziApp:
    """The bot, ready for `run_polling` (or for `bot.devtools.runner.running` in tests)."""
    durable = Intake(clock)

    async def post_init(app: YuanziApp) -> None:
        services = await open_services(config, app.bot, clock, classifier, pace=tuning.pace)
        app.bot_data[SERVICES_KEY] = services
        services.posts.on_blocked = partial(alerts.alert_blocked, services)
        services.posts.on_alarm_posted = partial(alerts.alarm_posted, services)
        if isinstance(app.update_processor, DurableProcessor):
            services.messenger.group_turn = app.update_processor.turn
        if not app.bot.bot.can_read_all_group_messages:
            log.warning(PRIVACY_WARNING, app.bot.username)
        durable.open(services.stores.inbox)
        await replay_inbox(app, services.stores.inbox, clock(), durable)
        released = await services.stores.actions.release_from_former(config.roles.roster(), clock())
        if released:
            log.warning(RELEASED_WARNING, released)
            await alerts.alerts_released(services, released)  # a danger is nobody's now
        await retire_former_copies(services)  # 研判 buttons of a worker no longer on the roster
        if not config.roles.roster():
            log.warning(NOBODY_WARNING)
        for line in desk_warnings(config) + calendar_warnings(config, clock()):
            log.warning("%s", line)
        for line in await staff_chats_with_tickets(config, services.stores.tickets):
            log.warning("%s", line)
        app.bot_data[WORKERS_CHECK_KEY] = asyncio.create_task(
            warn_unreachable_workers(
                services, config, tuning.workers_check_after, durable.backlog_handled
            )
        )
        # a Telegram round trip per configured chat, for the log only: the start does not wait
        check = asyncio.create_task(_warn_unreachable_chats(app, config))
        app.bot_data[CHATS_CHECK_KEY] = check
        await _set_commands(app)
        await services.posts.kick_all()
        if app.job_queue is not None:
            every, first = tuning.schedule_seconds, tuning.schedule_first
            install_jobs(app.job_queue, every, first, durable.backlog_handled)
        if config.web.enabled:  # the office desk, in this event loop
            desk = DeskServer(services)
            await desk.start()
            app.bot_data[DESK_KEY] = desk
        if tuning.stall_exit is not None:
            watchdog = Watchdog(tuning.stall_exit)
            watchdog.start()
            app.bot_data[WATCHDOG_KEY] = watchdog

    async def post_stop(app: YuanziApp) -> None:
        await _stop_watchdog(app)
        await _end_chats_check(app)  # while the bot can still ask Telegram
        await durable.close()
        services = app.bot_data.get(SERVICES_KEY)
        if isinstance(services, Services):
            if LEASE_LOST.is_set():  # another process is active: it posts what waits
                await services.posts.stop()
            else:
                await services.posts.drain()

    async def post_shutdown(app: YuanziApp) -> None:
        await _stop_watchdog(app)  # post_stop is skipped when the start failed
        await _end_chats_check(app)
        desk = app.bot_data.pop(DESK_KEY, None)
        if isinstance(desk, DeskServer):
            await desk.stop()
        services = app.bot_data.pop(SERVICES_KEY, None)
        if isinstance(services, Services):
            await services.close()

    polling = HTTPXRequest(read_timeout=tuning.poll_timeout + 10)
    application = (
        ApplicationBuilder()
        .token(config.telegram.token)
        .base_url(config.telegram.base_url)
        .base_file_url(config.telegram.file_url)
        .request(
            HTTPXRequest(
                connection_pool_size=32, read_timeout=tuning.read_timeout, connect_timeout=10
            )
        )
        .get_updates_request(InboxRequest(polling, durable))
        .rate_limiter(
            AIORateLimiter(
                overall_max_rate=tuning.overall_per_second,
                group_max_rate=tuning.group_per_minute,
                # a 429 is waited out by the one chat's poster (Messenger.call), not by a
                # pause of every request the limiter sends: one group told to slow down must
                # not hold up an urgent alert in another
                max_retries=0,
            )
        )
        # no link previews anywhere (a button's edit too): Telegram's servers would open a
        # desk's one-time login link before the worker does
        .defaults(Defaults(tzinfo=config.schedule.tz, link_preview_options=NO_PREVIEW))
        .context_types(CONTEXT_TYPES)
        .concurrent_updates(DurableProcessor(tuning.concurrent_updates, durable))
        .post_init(post_init)
        .post_stop(post_stop)
        .post_shutdown(post_shutdown)
        .build()
    )
    application.add_handlers(handlers())
    application.add_error_handler(on_error)
    return application


async def _stop_watchdog(app: YuanziApp) -> None:
    watchdog = app.bot_data.pop(WATCHDOG_KEY, None)
    if isinstance(watchdog, Watchdog):
        await watchdog.stop()


async def _set_commands(app: YuanziApp) -> None:
    group = [BotCommand(name, about) for name, about in texts.GROUP_MENU]
    private = [BotCommand(name, about) for name, about in texts.PRIVATE_MENU]
    try:
        await app.bot.set_my_commands(group, scope=BotCommandScopeAllGroupChats())
        await app.bot.set_my_commands(private, scope=BotCommandScopeAllPrivateChats())
    except TelegramError as exc:
        log.warning("could not register the command menu: %s", exc)
