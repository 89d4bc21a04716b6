"""The one writer: a thread that owns the write connection and runs every write in order.

Every write is a function of a plain connection handed to `Writer.submit`, run in the
writer's own thread (as datasette's `execute_write_fn` does): the thread owns the connection,
so a change of many statements costs one hand-over, and writes that arrive while one is
running are committed together (group commit), each in its own SAVEPOINT so that one failing
rolls back alone and its error reaches only its caller. The engine supplies the connection and
the statements that open a transaction (SQLite's BEGIN IMMEDIATE; PostgreSQL's BEGIN and its
writers' advisory lock).
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["GROUP_COMMIT", "NotStarted", "Work", "Writer", "run_group"]

log = logging.getLogger(__name__)

Work = Callable[[Any], Any]
GROUP_COMMIT = 200  # at most this many writes share one transaction


class NotStarted(Exception):
    """The transaction could not begin: nothing of the batch ran (its cause is `__cause__`)."""


def run_group(conn: Any, works: Sequence[Work], begin: Sequence[str]) -> list[tuple[bool, Any]]:
    """One transaction, a savepoint per piece of work; what each returned or raised. When the
    transaction itself fails (BEGIN, COMMIT), it is rolled back and nothing of it is stored."""
    outcomes: list[tuple[bool, Any]] = []
    try:
        try:
            for statement in begin:
                conn.execute(statement)
        except Exception as exc:
            raise NotStarted(exc) from exc
        for work in works:
            conn.execute("SAVEPOINT piece")
            try:
                outcomes.append((True, work(conn)))
            except Exception as exc:
                conn.execute("ROLLBACK TO piece")
                outcomes.append((False, exc))
            conn.execute("RELEASE piece")
        conn.execute("COMMIT")
    except BaseException:
        if not getattr(conn, "broken", False) and conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return outcomes


@dataclass(frozen=True)
class _Job:
    work: Work
    future: asyncio.Future[Any]
    grouped: bool  # False: run alone, outside any transaction (migrations, backups)


def _settle(future: asyncio.Future[Any], ok: bool, value: Any) -> None:
    if future.done():  # the caller stopped waiting (cancelled); the work is done all the same
        return
    if ok:
        future.set_result(value)
    else:
        future.set_exception(value)


class Writer:
    """The thread that owns the write connection and runs every write, in arrival order.

    `connect` opens the connection (in the writer's thread); a connection that broke (a
    database server restarted) is opened again before the next write."""

    def __init__(self, connect: Callable[[], Any], begin: Sequence[str]) -> None:
        self._connect = connect
        self._begin = tuple(begin)
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._serve, name="yuanzi-db-writer", daemon=True)
        self._loop = asyncio.get_running_loop()
        self._ready: asyncio.Future[None] = self._loop.create_future()
        self._closing = False

    async def start(self) -> None:
        self._thread.start()
        await self._ready

    async def stop(self) -> None:
        """Finish every write queued so far, then close the connection; later writes fail."""
        self._closing = True
        if self._thread.is_alive():
            self._jobs.put(None)
            await asyncio.to_thread(self._thread.join)

    def submit(self, work: Work, *, grouped: bool = True) -> asyncio.Future[Any]:
        if self._closing or not self._thread.is_alive():
            raise RuntimeError("the database is closed")
        if asyncio.get_running_loop() is not self._loop:
            raise RuntimeError("the database belongs to the event loop that opened it")
        future: asyncio.Future[Any] = self._loop.create_future()
        self._jobs.put(_Job(work, future, grouped))
        return future

    def _reply(self, job: _Job, ok: bool, value: Any) -> None:
        self._loop.call_soon_threadsafe(_settle, job.future, ok, value)

    def _serve(self) -> None:
        try:
            conn = self._connect()
        except BaseException as exc:
            self._loop.call_soon_threadsafe(_settle, self._ready, False, exc)
            return
        self._loop.call_soon_threadsafe(_settle, self._ready, True, None)
        try:
            # a job (or the stop) taken while gathering a group that cannot join it: next
            held: list[_Job | None] = []
            while True:
                job = held.pop() if held else self._jobs.get()
                if job is None:
                    return
                conn = self._sound(conn)
                if not job.grouped:
                    self._run_alone(conn, job)
                    continue
                batch = [job]
                while len(batch) < GROUP_COMMIT:
                    try:
                        more = self._jobs.get_nowait()
                    except queue.Empty:
                        break
                    if more is None or not more.grouped:
                        held.append(more)
                        break
                    batch.append(more)
                conn = self._run_batch(conn, batch)
        finally:
            conn.close()

    def _sound(self, conn: Any) -> Any:
        """The connection, or a new one when it broke (the writes fail until one opens)."""
        if not getattr(conn, "broken", False):
            return conn
        log.warning("the database connection broke; connecting again")
        try:
            fresh = self._connect()
        except Exception as exc:  # still down: this write fails, the next one tries again
            log.warning("cannot reach the database yet: %s", " ".join(str(exc).split()))
            return conn
        conn.close()
        return fresh

    def _run_alone(self, conn: Any, job: _Job) -> None:
        try:
            self._reply(job, True, job.work(conn))
        except BaseException as exc:
            self._reply(job, False, exc)

    def _run_batch(self, conn: Any, batch: Sequence[_Job]) -> Any:
        """Run the batch; the connection to use next. A batch that could not even begin on a
        connection found broken (the server restarted, a standby took over the address) runs
        once more on a new connection: nothing of it ran, so nothing runs twice."""
        works = [job.work for job in batch]
        try:
            try:
                outcomes = run_group(conn, works, self._begin)
            except NotStarted:
                if not getattr(conn, "broken", False):
                    raise
                conn = self._sound(conn)
                outcomes = run_group(conn, works, self._begin)
        except NotStarted as exc:  # nothing of the batch ran: its callers see the cause
            cause = exc.__cause__ if isinstance(exc.__cause__, BaseException) else exc
            outcomes = [(False, cause)] * len(batch)
        except BaseException as exc:  # COMMIT failed: nothing of the batch is stored
            outcomes = [(False, exc)] * len(batch)
        for job, (ok, value) in zip(batch, outcomes, strict=True):
            self._reply(job, ok, value)
        return conn
