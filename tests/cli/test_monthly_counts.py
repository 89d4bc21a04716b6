"""The monthly report (月报) for the joint meeting counts what the digest, the weekly look back
and the hotspots count: a complaint once (not the tickets merged into it, nor those found not
to be one), and a category's time to get things done from solved tickets only."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.core.tickets import Person, Rating
from storage.chats import ChatStore
from storage.stores import open_database
from storage.ticket_actions import TicketActions
from storage.tickets import TicketStore
from tests.cli.test_ledger_commands import cli, config_file
from tests.engines import Places
from tests.factories import lift_kept_in_the_next_month, new_report

GROUP = -1001
WORKER = Person(9001, "网格员小王")
T0 = datetime(2026, 11, 3, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai

Build = Callable[[TicketStore, TicketActions], Awaitable[None]]


async def month_summary(tmp_path: Path, places: Places, build: Build) -> str:
    """月报-2026-11.txt of a database `build` filled."""
    db = await open_database(places("a"))
    try:
        await ChatStore(db).seen(GROUP, "3栋群", "supergroup", T0 - timedelta(days=30))
        await build(TicketStore(db), TicketActions(db))
    finally:
        await db.close()
    return await summary_of(tmp_path, places, "2026-11")


async def summary_of(tmp_path: Path, places: Places, month: str) -> str:
    """月报-`month`.txt of the database `month_summary` filled."""
    out = tmp_path / "联席会议"
    made = await cli(
        "report", "--config", str(config_file(tmp_path, "a", places)), "--month", month,
        "--output", str(out),
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    return (out / f"月报-{month}.txt").read_text(encoding="utf-8")


async def test_a_lift_reported_three_times_and_merged_is_one_lift_complaint(
    tmp_path: Path, places: Places
):
    """Three residents report the same broken lift; a worker merges #2 and #3 into #1 (one
    ticket, 3 households). The two merged away (已撤销, 0 households) are not lift complaints
    of their own, nor is a message a worker cancelled as not a complaint."""

    async def build(tickets: TicketStore, actions: TicketActions) -> None:
        numbers = []
        for i, text in enumerate(("3栋电梯坏了", "3栋电梯不动了", "3栋电梯又停了")):
            filed = await tickets.file_report(
                new_report(
                    10 + i, text, chat_id=GROUP, at=T0 + timedelta(minutes=i),
                    author=Person(500 + i, f"居民{i}"), location=f"{i + 1}单元",
                )
            )  # fmt: skip
            numbers.append(filed.ticket.id)
        for other in numbers[1:]:
            await actions.merge(numbers[0], other, GROUP, WORKER, T0 + timedelta(hours=1))
        chatter = await tickets.file_report(
            new_report(20, "电梯广告换了", chat_id=GROUP, at=T0, author=Person(510, "路人"))
        )
        await actions.cancel(
            chatter.ticket.id, GROUP, WORKER, "不是诉求", T0 + timedelta(hours=1),
            actor_is_worker=True,
        )  # fmt: skip

    summary = await month_summary(tmp_path, places, build)
    assert "类别：电梯 1\n" in summary, summary
    assert "各群：3栋群 1\n" in summary, summary
    assert "受理 4 件" in summary and "已撤销 3" in summary, summary  # the ledger's rows


async def test_a_ticket_reopened_as_not_fixed_is_not_the_months_fastest_work(
    tmp_path: Path, places: Places
):
    """Rubbish reported at 09:00, /done at 11:00, and the only household answers 不满意: the
    ticket is reopened (办理中) and still not solved at the end of the month. Its rejected
    /done is no time to get things done: only solved tickets (已办结, 已关闭) count."""

    async def build(tickets: TicketStore, actions: TicketActions) -> None:
        resident = Person(504, "吴姐")
        filed = await tickets.file_report(
            new_report(
                20, "5栋门口垃圾没人收", chat_id=GROUP, at=T0, author=resident,
                category="sanitation", location="5栋",
            )
        )  # fmt: skip
        number = filed.ticket.id
        await actions.assign(number, GROUP, WORKER, WORKER, T0 + timedelta(hours=1))
        await actions.mark_done(number, GROUP, "已清运", WORKER, T0 + timedelta(hours=2))
        await actions.rate(number, resident, Rating.DISSATISFIED, T0 + timedelta(hours=3))

    summary = await month_summary(tmp_path, places, build)
    assert "办理中 1" in summary, summary  # reopened, still being handled
    assert "办得最慢的类别" not in summary, summary


async def test_a_danger_reported_twice_and_merged_is_one_urgent_complaint(
    tmp_path: Path, places: Places
):
    """Two residents report someone trapped in the lift (urgent, #1 and #2); a worker merges #2
    into #1. The month had one urgent incident, not two: the one merged away is counted in the
    one it joined, as the categories and the three rates count it."""

    async def build(tickets: TicketStore, actions: TicketActions) -> None:
        numbers = []
        for i, text in enumerate(("3栋电梯困人了", "电梯里有人被困")):
            filed = await tickets.file_report(
                new_report(
                    30 + i, text, chat_id=GROUP, at=T0 + timedelta(minutes=i),
                    author=Person(600 + i, f"居民{i}"), urgent=True, location=f"{i + 1}单元",
                )
            )  # fmt: skip
            numbers.append(filed.ticket.id)
        await actions.merge(numbers[0], numbers[1], GROUP, WORKER, T0 + timedelta(minutes=5))

    summary = await month_summary(tmp_path, places, build)
    assert "受理 2 件（紧急 1 件）" in summary, summary  # the ledger's 2 rows, 1 danger
    assert "类别：电梯 1\n" in summary, summary


async def test_a_problem_merged_into_a_later_months_ticket_counts_in_the_month_first_reported(
    tmp_path: Path, places: Places
):
    """The lift reported broken on 28 October (#1) is reported again on 3 November (#2), and
    the worker keeps #2, merging #1 into it. October's report lost the lift (#1 merged away,
    #2 a November ticket). A problem counts once, in the month it was first reported, as the
    ticket that holds it now: October has the lift (2 households, being handled), November
    has no complaint of its own (its ledger still lists #2, the row it was filed in)."""

    async def build(tickets: TicketStore, actions: TicketActions) -> None:
        await lift_kept_in_the_next_month(tickets, actions, GROUP, WORKER, T0)

    november = await month_summary(tmp_path, places, build)
    october = await summary_of(tmp_path, places, "2026-10")
    assert "受理 1 件（紧急 0 件），涉及 2 户次：" in october, october  # #1's row; the lift's 2
    assert "已撤销 1" in october and "类别：电梯 1\n" in october, october
    assert "各群：3栋群 1\n" in october and "响应率 100.0%（1/1）" in october, october
    assert "受理 1 件（紧急 0 件），涉及 0 户次：" in november, november  # #2's row
    assert "办理中 1" in november and "类别：无\n" in november, november
