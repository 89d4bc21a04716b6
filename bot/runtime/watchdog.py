"""A stalled event loop stops the process, so that a fresh one (or a standby) takes over.

Everything the bot does runs in one asyncio loop. If something blocks that loop (a library
call that never returns, a runaway computation), no update, notice or schedule moves, yet the
process looks alive: it keeps its SQLite lock file, and on PostgreSQL its lease, whose
connection is watched from a thread of its own. So the loop beats every second, and a thread
checks the beat; when it has been silent for `stall_after` seconds, the process logs why and
exits at once (`os._exit`: a blocked loop cannot run a graceful stop). The service manager
starts it again (docs/scaling.md); the lease goes with the process's connections, so a
standby takes over within seconds. Nothing is lost: every update and notice waits in the
database until it has been acted on.
"""

from __future__ import annotations

import asyncio
import contextlib
import faulthandler
import os
import threading
import time
from collections.abc import Callable

__all__ = ["STALL_EXIT_CODE", "Watchdog"]

STALL_EXIT_CODE = 75  # EX_TEMPFAIL: try again (systemd's Restart=always does)


def _say(reason: str) -> None:
    with contextlib.suppress(OSError):
        os.write(2, reason.encode())


def _exit_now() -> None:
    """Say where every thread stood (the loop's stack shows what blocked it), then exit —
    without taking any lock the stalled loop might hold (the logging module's)."""
    backstop = threading.Timer(5.0, os._exit, (STALL_EXIT_CODE,))  # stderr may be blocked too
    backstop.daemon = True
    backstop.start()
    try:
        faulthandler.dump_traceback(all_threads=True)
    finally:
        os._exit(STALL_EXIT_CODE)


class Watchdog:
    """Beats in the event loop; a thread stops the process when the beats stop."""

    def __init__(
        self,
        stall_after: float,
        *,
        beat_every: float = 1.0,
        on_stall: Callable[[], None] = _exit_now,
    ) -> None:
        self.stall_after = stall_after
        self.beat_every = min(beat_every, stall_after / 4)  # a healthy loop beats in time
        self.on_stall = on_stall
        self.stalled = False
        self._last = time.monotonic()
        self._stop = threading.Event()
        self._beating: asyncio.Task[None] | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start beating (in the running loop) and watching (in a thread)."""
        self._last = time.monotonic()
        self._stop.clear()
        self._beating = asyncio.get_running_loop().create_task(self._beat(), name="heartbeat")
        self._thread = threading.Thread(target=self._watch, name="yuanzi-watchdog", daemon=True)
        self._thread.start()

    async def stop(self) -> None:
        """Stop beating and watching (again: nothing)."""
        self._stop.set()
        if self._beating is not None:
            self._beating.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._beating
            self._beating = None
        if self._thread is not None:
            await asyncio.to_thread(self._thread.join, self.beat_every + 1)
            self._thread = None

    async def _beat(self) -> None:
        while True:
            self._last = time.monotonic()
            await asyncio.sleep(self.beat_every)

    def _watch(self) -> None:
        while not self._stop.wait(self.beat_every):
            silent = time.monotonic() - self._last
            if silent >= self.stall_after:
                self.stalled = True
                reason = (
                    f"yuanzi: the event loop has not answered for {silent:.0f} s; stopping so "
                    "that a fresh process takes over (updates and notices wait in the "
                    "database)\n"
                )
                # not through logging (its lock may be held), and never waiting on it: a full
                # stderr pipe must not keep a stalled process alive
                saying = threading.Thread(target=_say, args=(reason,), daemon=True)
                saying.start()
                saying.join(1.0)
                self.on_stall()
                return
