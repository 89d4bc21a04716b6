"""Running the Application inside an existing event loop (the demo, the tests, benchmarks).

`Application.run_polling` owns the event loop and the signals; this does the same steps, in the
same order, as an async context manager.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.runtime.services import SERVICES_KEY

__all__ = ["loopback_direct", "running", "settle"]


@asynccontextmanager
async def running(
    application: Application,  # type: ignore[type-arg]
    poll_timeout: float = 10.0,
) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """initialize → post_init → start polling → start … stop → post_stop → shutdown."""
    await application.initialize()
    try:
        if application.post_init is not None:
            await application.post_init(application)
        updater: Any = application.updater
        await updater.start_polling(
            timeout=poll_timeout, allowed_updates=Update.ALL_TYPES, drop_pending_updates=False
        )
        await application.start()
        try:
            yield application
        finally:
            if updater.running:
                await updater.stop()
            await application.stop()
            if application.post_stop is not None:
                await application.post_stop(application)
    finally:
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)


async def settle(
    application: Application,  # type: ignore[type-arg]
    fake: Any,
    timeout: float = 20.0,
) -> None:
    """Wait until the bot fetched every update from `fake`, handled it and sent what it owed."""
    services = application.bot_data[SERVICES_KEY]
    deadline = time.monotonic() + timeout
    calm = 0
    while calm < 3:
        if time.monotonic() > deadline:
            raise TimeoutError("the bot did not settle")
        intake = getattr(application.update_processor, "intake", None)
        busy = (
            fake.delivered_up_to < fake.last_update_id
            # delivered, but the bot has not asked past it yet: the answer may still be on its
            # way in (read, parsed, not yet handed to the intake) on a busy machine
            or (fake.last_update_id > 0 and fake.confirmed_offset <= fake.last_update_id)
            or (intake is not None and intake.receiving > 0)  # fetched, not yet kept and queued
            or not application.update_queue.empty()
            or application.update_processor.current_concurrent_updates
            or not services.posts.idle
        )
        calm = 0 if busy else calm + 1
        await asyncio.sleep(0.02)


def loopback_direct() -> None:
    """The fake Bot API and the desk on 127.0.0.1 are reached directly, never through the
    http(s)_proxy a machine in China often sets to reach Telegram (this process and the bot
    processes it starts)."""
    for name in ("NO_PROXY", "no_proxy"):
        hosts = [h for h in os.environ.get(name, "").split(",") if h.strip()]
        for host in ("127.0.0.1", "localhost"):
            if host not in hosts:
                hosts.append(host)
        os.environ[name] = ",".join(hosts)
