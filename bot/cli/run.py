"""`python -m bot run`: the bot, long polling, until SIGTERM or Ctrl-C.

One process per database (`storage.lock`). Whatever stops the bot is said in one line on
standard error, with the token blanked out, and the exit status is not 0: 2 for what the
operator must fix before starting (the config, the token, a damaged or busy database), 1 for
anything else. Without `--verbose`, python-telegram-bot's errors are logged in one line each;
`--verbose` adds the tracebacks, the token blanked there too.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any

from bot.cli.common import database_problem, fail, load_or_exit, storage_path_problem
from bot.config import Config, readable_by_others
from bot.core.timeutil import as_seconds
from bot.logs import RedactSecrets

__all__ = ["run"]

log = logging.getLogger("yuanzi")

# Telegram unreachable or answering 5xx / 429 at start (getMe, deleteWebhook): tried again this
# often, waiting longer each time (2 s growing to 30 s: about four minutes in all), then said.
START_RETRIES = 12


def run(args: argparse.Namespace) -> int:
    from telegram import Update
    from telegram.error import InvalidToken, NetworkError

    from bot.app import build_application
    from bot.desk.server import DeskCannotListen
    from bot.logs import setup_logging
    from storage.db import DatabaseDamaged
    from storage.lock import DatabaseInUse
    from storage.pg_database import PostgresMissing

    config = load_or_exit(args.config)
    secrets = (config.telegram.token, *config.storage.secrets)
    setup_logging(config.telegram.token, logging.DEBUG if args.verbose else logging.INFO, *secrets)
    if not args.verbose:
        for handler in logging.getLogger().handlers:
            handler.addFilter(_LibraryInBrief())
    threading.excepthook = _thread_failed  # through the log, which blanks the token
    if config.source is not None and readable_by_others(config.source):
        log.warning(
            "%s can be read by other users of this machine and may hold the bot token; "
            "run: chmod 600 %s",
            config.source,
            config.source,
        )
    database = config.storage.path
    if database is not None and database.exists() and readable_by_others(database):
        log.warning(
            "%s (made by an older version) can be read by other users of this machine and "
            "holds residents' messages; run: chmod 600 %s*",
            database,
            database,
        )

    stop = _Stop()

    def poll() -> None:
        if stop.asked.is_set():
            return
        stop.app = build_application(config)
        try:
            stop.app.run_polling(
                allowed_updates=Update.ALL_TYPES,
                drop_pending_updates=False,
                close_loop=False,
                stop_signals=None,  # `_Stop`'s: a second Ctrl-C must not cut the shutdown short
            )
        finally:
            stop.app = None

    turn = _Turn(config, stop.within)
    try:
        with stop, turn:
            if turn.active:
                log.info("starting; database %s", config.storage.name)
                _patiently(poll, RedactSecrets(*secrets), stop.within)
    except DatabaseInUse as exc:
        return fail(f"not started: {exc}")
    except DatabaseDamaged as exc:
        return _leave(fail(f"database refused: {exc}"))
    except PostgresMissing as exc:
        return fail(f"config error: [storage] url: {exc}")
    except DeskCannotListen as exc:
        return _leave(fail(f"config error: {exc}"))
    except InvalidToken:  # its message repeats the token: never print it
        return _leave(
            fail(
                "config error: [telegram] token: Telegram rejected the token; copy it again "
                "from @BotFather (or check TELEGRAM_BOT_TOKEN and [telegram] base_url)"
            )
        )
    except Exception as exc:
        if isinstance(exc, OSError) and database is not None:
            line = storage_path_problem(exc, database)
            if line is not None:
                return _leave(fail(line))
        line = database_problem(exc, config.storage.name, secrets)
        if line is not None:  # unreachable, refused, newer than this program, not writable
            return _leave(fail(line))
        log.debug("the bot stopped on an error", exc_info=True)  # redacted by the log filter
        what = " ".join(f"{type(exc).__name__}: {exc}".split())
        line = RedactSecrets(*secrets).redact(what)[:300]
        if isinstance(exc, NetworkError):
            hint = "; check the network and [telegram] base_url"
        else:
            hint = "" if args.verbose else " (run with --verbose for the details)"
        return _leave(fail(f"the bot stopped: {line}{hint}", 1))
    if turn.lost:
        return _leave(fail("stopped: lost the database lease; another process may be active", 1))
    return 0


class _Turn:
    """This process's turn to be the bot: SQLite allows one process per file (a lock file);
    on PostgreSQL, the process waits as a standby until it holds the database's lease."""

    def __init__(self, config: Config, stopped_within: Callable[[float], bool]) -> None:
        self.config = config
        self._stopped_within = stopped_within  # a standby's wait ends on Ctrl-C or SIGTERM
        self.active = False
        self.lost = False
        self._held: Any = None

    def __enter__(self) -> _Turn:
        from storage.leader import Leadership
        from storage.lock import only_process
        from storage.pg_database import require_driver

        storage = self.config.storage
        if storage.url is None:
            assert storage.path is not None
            self._held = only_process(storage.path)
            self._held.__enter__()
            self.active = True
            return self
        require_driver()
        leadership = Leadership(storage.url)
        self._held = leadership
        self.active = leadership.wait(self._stopped_within)
        if self.active:
            leadership.watch(self._lose)
        return self

    def _lose(self) -> None:
        self.lost = True
        os.kill(os.getpid(), signal.SIGTERM)  # run_polling stops as on any SIGTERM

    def __exit__(self, *exc: object) -> None:
        if isinstance(self._held, contextlib.AbstractContextManager):
            self._held.__exit__(None, None, None)
        elif self._held is not None:
            self._held.release()


def _patiently(
    poll: Callable[[], None], redact: RedactSecrets, stopped_within: Callable[[float], bool]
) -> None:
    """Run the bot; when Telegram cannot be reached at start, say so and start again a little
    later (the updates waiting for the bot wait at Telegram meanwhile)."""
    from telegram.error import NetworkError, RetryAfter

    wait = 2.0
    for attempt in range(START_RETRIES + 1):
        try:
            poll()
            return
        except (NetworkError, RetryAfter) as exc:  # NetworkError includes 5xx and timeouts
            if attempt == START_RETRIES:
                raise
            if isinstance(exc, RetryAfter):
                pause = as_seconds(exc.retry_after) + 0.5
            else:
                pause, wait = wait, min(wait * 2, 30.0)
            what = redact.redact(" ".join(str(exc).split()))[:200]
            log.warning("Telegram did not answer at start (%s); again in %.0f s", what, pause)
            if stopped_within(pause):
                return


class _Stop:
    """Ctrl-C and SIGTERM, for the whole run: the first stops the bot and lets it finish what
    it was writing and close the database (python-telegram-bot's own handler would let a
    second signal cut that shutdown short, leaving the process hung with the database lock
    held); a second only says it is still stopping; a third quits at once. Between starts
    (Telegram not reachable, a standby waiting its turn) the first one ends the wait."""

    def __init__(self) -> None:
        self.loop = asyncio.get_event_loop()
        self.asked = asyncio.Event()
        self.app: Any = None  # the application running now, if any
        self._received = 0

    def __enter__(self) -> _Stop:
        for sig in (signal.SIGINT, signal.SIGTERM):
            self.loop.add_signal_handler(sig, self._signal)
        return self

    def __exit__(self, *exc: object) -> None:
        for sig in (signal.SIGINT, signal.SIGTERM):
            self.loop.remove_signal_handler(sig)

    def _signal(self) -> None:
        self._received += 1
        self.asked.set()
        if self._received == 1:
            log.info("stopping: finishing what is being written, then closing the database")
            if self.app is not None:
                self.app.stop_running()
        elif self._received == 2:
            log.warning("still stopping; press Ctrl-C once more to quit at once")
        else:
            os._exit(130)  # the lock goes with the process; SQLite keeps what was committed

    def within(self, seconds: float) -> bool:
        """Wait, unless a stop signal comes first (then True: stop without an error)."""
        if self.asked.is_set():
            return True
        try:
            self.loop.run_until_complete(asyncio.wait_for(self.asked.wait(), seconds))
        except TimeoutError:
            return False
        return True


class _LibraryInBrief(logging.Filter):
    """python-telegram-bot's own errors in one line each, without their tracebacks (which
    --verbose shows): at start they would bury the line saying what is wrong."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == "telegram" or record.name.startswith("telegram."):
            record.exc_info, record.exc_text = None, None
        return True


def _thread_failed(failure: threading.ExceptHookArgs) -> None:
    """A thread's error (a database connection's, say) in one log line, not a traceback."""
    if failure.exc_type is SystemExit:
        return
    name = failure.thread.name if failure.thread is not None else "a thread"
    log.error("%s stopped: %s: %s", name, failure.exc_type.__name__, failure.exc_value)
    if failure.exc_value is not None:
        log.debug("the thread's traceback", exc_info=failure.exc_value)


def _leave(status: int) -> int:
    """A failure while starting can leave a database connection's thread behind (one opened
    before the failure and never closed), which would keep the process from ending: exit now
    rather than hang, everything said already being written out."""
    stragglers = [
        thread
        for thread in threading.enumerate()
        if thread is not threading.main_thread() and not thread.daemon and thread.is_alive()
    ]
    if stragglers:
        log.debug("threads left behind: %s", ", ".join(t.name for t in stragglers))
        sys.stdout.flush()
        sys.stderr.flush()
        logging.shutdown()
        os._exit(status)
    return status
