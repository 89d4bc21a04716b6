"""The storage API the bot uses: one store per aggregate over one database, opened together.

Everything above storage speaks to these stores only, in domain types (`bot.core`): no SQL,
no connection, no row escapes them. A second engine implements the same stores.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.core.loop import LoopPolicy
from bot.core.redact import is_postgres_url
from bot.core.tickets import DeadlinePolicy
from storage.bursts import BurstStore
from storage.chats import ChatStore
from storage.db import Database, is_database_file
from storage.desk import DeskStore
from storage.inbox import InboxStore
from storage.ledger import LedgerStore
from storage.lessons import LessonStore
from storage.outbox import OutboxStore
from storage.photos import PhotoStore
from storage.schedule import ScheduleStore
from storage.sql import Door
from storage.stats import StatsStore
from storage.ticket_actions import TicketActions
from storage.tickets import TicketStore
from storage.triage import TriageStore
from storage.triage_seconds import TriageSecondsStore

__all__ = ["Stores", "is_url", "open_database"]


def is_url(target: Path | str) -> bool:
    """Does the storage target name a PostgreSQL server (rather than a SQLite file)?"""
    return isinstance(target, str) and is_postgres_url(target)


async def open_database(target: Path | str) -> Door:
    """The database a path (SQLite) or a postgresql:// URL names, opened and migrated."""
    if is_url(target):
        from storage.pg_database import PgDatabase

        return await PgDatabase.open(str(target))
    return await Database.open(Path(target))


@dataclass(frozen=True)
class Stores:
    db: Door
    tickets: TicketStore
    actions: TicketActions
    chats: ChatStore
    bursts: BurstStore
    inbox: InboxStore
    outbox: OutboxStore
    schedule: ScheduleStore
    stats: StatsStore
    ledger: LedgerStore
    triage: TriageStore
    seconds: TriageSecondsStore  # neighbours' "+1" under waiting 研判 items
    lessons: LessonStore
    desk: DeskStore
    photos: PhotoStore

    @classmethod
    async def open(
        cls,
        target: Path | str,
        *,
        policy: DeadlinePolicy | None = None,
        loop: LoopPolicy | None = None,
    ) -> Stores:
        """Open (creating and migrating if need be) the database — a SQLite file's path or a
        postgresql:// URL — and every store on it."""
        db = await open_database(target)
        policy = policy or DeadlinePolicy.shipped()
        loop = loop or LoopPolicy()
        return cls(
            db=db,
            tickets=TicketStore(db, policy, merge_window=loop.merge_window),
            actions=TicketActions(db, policy, loop),
            chats=ChatStore(db),
            bursts=BurstStore(db),
            inbox=InboxStore(db),
            outbox=OutboxStore(db),
            schedule=ScheduleStore(db),
            stats=StatsStore(db),
            ledger=LedgerStore(db),
            triage=TriageStore(db),
            seconds=TriageSecondsStore(db),
            lessons=LessonStore(db),
            desk=DeskStore(db.aside() if isinstance(db, Database) else db),  # reads aside
            photos=PhotoStore(db),
        )

    async def backup(self, target: Path) -> str:
        """A consistent copy of the database at `target`, made while the bot may be running,
        and its integrity check: "ok", or what is wrong with the copy (SQLite only: a
        PostgreSQL database is copied with pg_dump)."""
        if not isinstance(self.db, Database):
            raise NotImplementedError("a PostgreSQL database is backed up with pg_dump")
        partial = target.with_name(target.name + ".partial")
        if is_database_file(target, self.db.path) or is_database_file(partial, self.db.path):
            raise ValueError(f"{target} is the live database or one of its files")
        if target.is_symlink() or (target.exists() and not target.is_file()):
            raise ValueError(f"{target} is not a regular file: the copy would replace it")
        try:
            await self.db.backup_to(partial)
            verdict = await self.db.integrity(partial)
            if verdict != "ok":  # the last good copy at `target` stays
                partial.unlink(missing_ok=True)
                return verdict
            partial.replace(target)
        except BaseException:
            partial.unlink(missing_ok=True)  # no half copy left behind
            raise
        return verdict

    async def close(self) -> None:
        """Write what is still held in memory (people seen), then close the database, even
        when that write fails (its connections' threads would keep the process alive)."""
        try:
            await self.chats.save_members()
        finally:
            await self.db.close()
