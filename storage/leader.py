"""One active process per PostgreSQL database; the others wait as standbys.

The active process holds a session-level advisory lock on a connection of its own. PostgreSQL
lets go of it when that connection ends, however the process ends (SIGKILL, a lost machine:
the keepalives in `storage.postgres.connect_options` notice a silent peer within about half
a minute), and a standby asking every few seconds takes it then. The active process checks its
connection as often; if it is lost, the lock may already be another's, so it stops at once
(and its service manager starts it again, as a standby).

Nothing here guards the data itself: every update, command and notice is recorded in the
database before it is acted on and acted on once (the inbox, `acted`, the outbox), so even two
processes overlapping for a moment handle each update once.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable

from storage.postgres import PgConnection, connect

__all__ = ["LEADER_LOCK", "LEASE_LOST", "Leadership"]

log = logging.getLogger(__name__)

LEADER_LOCK = 0x5955414B  # "YUAK": the active process
# Set once this process lost the lease: a standby may already be posting what waits.
LEASE_LOST = threading.Event()


class Leadership:
    """`wait()` until this process is the active one, then `watch()` that it stays so."""

    def __init__(self, url: str, *, check_every: float = 2.0) -> None:
        self.url = url
        self.check_every = check_every
        self._conn: PgConnection | None = None
        self._stop = threading.Event()
        self._watcher: threading.Thread | None = None

    def wait(self, stopped: Callable[[float], bool]) -> bool:
        """Block until the lock is ours (True), or `stopped(seconds)` — which waits that long
        and says whether the process was asked to stop — answers True (False)."""
        said = reached = down = False
        while True:
            try:
                taken = self._try()
                reached = True
                if down:
                    log.info("standby: the database answers again")
                    down = False
                if taken:
                    log.info("active: this process now polls Telegram and runs the schedule")
                    return True
                if not said:
                    log.info(
                        "standby: another process is active on this database; taking over "
                        "when it stops"
                    )
                    said = True
            except Exception as exc:
                self._drop()
                if not reached:  # never reached: the URL or the server is wrong, say so
                    raise
                # it was there a moment ago: down or restarting, keep trying (said once, in
                # one line: libpq's reasons run over two)
                if not down:
                    log.warning(
                        "standby: cannot reach the database (%s); trying again every %.0f s",
                        " ".join(str(exc).split()),
                        self.check_every,
                    )
                    down = True
            if stopped(self.check_every):
                self.release()
                return False

    def _try(self) -> bool:
        if self._conn is None or self._conn.broken:
            self._drop()
            self._conn = connect(self.url, application=f"yuanzi-leader-{os.getpid()}")
        row = self._conn.execute("SELECT pg_try_advisory_lock(?)", (LEADER_LOCK,)).fetchone()
        return bool(row[0])

    def watch(self, on_lost: Callable[[], None]) -> None:
        """Check the lock's connection every few seconds in a thread; call `on_lost` once if
        it is gone (the lock went with it)."""

        def check() -> None:
            while not self._stop.wait(self.check_every):
                try:
                    assert self._conn is not None
                    self._conn.execute("SELECT 1").fetchone()
                except Exception as exc:
                    if self._stop.is_set():
                        return
                    log.error("lost the database lease (%s); stopping this process", exc)
                    LEASE_LOST.set()  # nothing more is posted from here (`Dispatcher.may_post`)
                    on_lost()
                    return

        self._watcher = threading.Thread(target=check, name="yuanzi-leader", daemon=True)
        self._watcher.start()

    def release(self) -> None:
        """Stop watching and let the lock go (a standby takes over at once)."""
        self._stop.set()
        if self._watcher is not None and self._watcher is not threading.current_thread():
            self._watcher.join(timeout=self.check_every + 5)
        self._drop()

    def _drop(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except Exception:  # closing a broken connection: nothing to let go of
                log.debug("closing the lease connection failed", exc_info=True)
            self._conn = None
