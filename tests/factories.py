"""What the tests build again and again: tickets, reports, people, a clock that moves when told."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.app import Tuning
from bot.config import Config, parse_config
from bot.core.tickets import Person, Status, Ticket
from bot.devtools.fakeapi.server import TOKEN
from storage.filing import NewReport
from storage.ticket_actions import TicketActions
from storage.tickets import TicketStore

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai, a Monday
SHANGHAI = ZoneInfo("Asia/Shanghai")

WORKER_ID = 9001
WORKER2_ID = 9002
ADMIN_ID = 9100

# Scheduled jobs never run by themselves in tests: they call run_schedule with their clock.
FAST = Tuning(
    post_burst=1000,
    posts_per_minute=60_000,
    post_gap=0.05,
    post_calm=0.02,
    post_patience=0.2,
    group_per_minute=100_000,  # tests talk a lot in one group; test_faults checks the limits
    poll_timeout=1.0,
    schedule_seconds=3600,
    schedule_first=3600,
    stall_exit=None,  # a debugger's breakpoint must not end the test run (test_watchdog)
)

ZHANG = Person(501, "张阿姨", "zhang")
LI = Person(502, "李叔")
WORKER = Person(WORKER_ID, "小王", "wang")


def ticket(
    number: int = 1,
    *,
    created_at: datetime = T0,
    due_hours: float | None = 24,
    **values: Any,
) -> Ticket:
    """A ticket as storage returns it: 电梯坏了 in 3栋, open, due a day after it was reported
    (`due_hours=None`: no deadline); any field can be given."""
    fields: dict[str, Any] = {
        "id": number,
        "chat_id": -1,
        "category": "lift",
        "status": Status.OPEN,
        "location": "3栋",
        "urgent": False,
        "summary": "电梯坏了",
        "created_at": created_at,
        "updated_at": created_at,
        "due_at": created_at + timedelta(hours=due_hours) if due_hours is not None else None,
    }
    fields.update(values)
    return Ticket(**fields)


def new_report(
    message_id: int,
    text: str = "电梯坏了",
    *,
    author: Person = ZHANG,
    chat_id: int = -1,
    at: datetime = T0,
    category: str = "lift",
    urgent: bool = False,
    location: str | None = "3栋",
) -> NewReport:
    """A group message judged a complaint, ready to file: 张阿姨 about the lift in 3栋."""
    return NewReport(
        chat_id=chat_id,
        message_id=message_id,
        author=author,
        text=text,
        received_at=at,
        category=category,
        urgent=urgent,
        location=location,
    )


class Clock:
    """A controllable clock: starts at a fixed UTC time and moves only when told."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def make_config(tmp_path: Path, base_url: str, **sections: dict[str, Any]) -> Config:
    """A config for the bot under test: a database in `tmp_path`, two workers, an admin."""
    data: dict[str, Any] = {
        "telegram": {"token": TOKEN, "base_url": base_url},
        "storage": {"path": str(tmp_path / "yuanzi.sqlite3")},
        "roles": {"workers": [WORKER_ID, WORKER2_ID], "admins": [ADMIN_ID]},
    }
    data.update(sections)
    return parse_config(data, base_dir=tmp_path, env={})


async def lift_kept_in_the_next_month(
    tickets: TicketStore, actions: TicketActions, group: int, worker: Person, at: datetime
) -> None:
    """A lift reported broken six days before `at` (#1, in the month before) and again at
    `at` (#2); the worker keeps #2, merging #1 into it, and takes it an hour later."""
    first = await tickets.file_report(
        new_report(
            40, "3栋1单元电梯坏了", chat_id=group, at=at - timedelta(days=6),
            author=Person(700, "居民甲"), location="3栋1单元",
        )
    )  # fmt: skip
    again = await tickets.file_report(
        new_report(
            41, "2单元电梯也坏了", chat_id=group, at=at,
            author=Person(701, "居民乙"), location="3栋2单元",
        )
    )  # fmt: skip
    await actions.merge(again.ticket.id, first.ticket.id, group, worker, at)
    await actions.assign(again.ticket.id, group, worker, worker, at + timedelta(hours=1))
