"""Storage on both engines: migrations, idempotent filing, edits, scoping, moves."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import pytest

from bot.core.tickets import Person, Status, TransitionError
from storage.acks import folded
from storage.acted import AlreadyActed, once
from storage.chats import ChatStore
from storage.db import Database, Migration, MigrationFailed, load_migrations, split_statements
from storage.dialect import integrity_errors
from storage.inbox import InboxMark, InboxStore
from storage.ticket_actions import TicketActions
from storage.tickets import TicketNotFound, TicketStore
from tests.factories import T0, WORKER
from tests.factories import new_report as report


@pytest.fixture
async def sqlite_db(tmp_path: Path):
    database = await Database.open(tmp_path / "sub" / "t.sqlite3")
    yield database
    await database.close()


async def test_fresh_database_is_at_the_latest_version_in_wal_mode(sqlite_db: Database):
    db = sqlite_db
    assert (await db.fetchone("PRAGMA user_version"))[0] == len(load_migrations())
    mode = await db.fetchone("PRAGMA journal_mode")
    assert mode is not None and mode[0] == "wal"
    tables = {r[0] for r in await db.fetchall("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"tickets", "reports", "events", "inbox", "chats", "members"} <= tables


async def test_old_database_is_upgraded_keeping_its_rows(tmp_path: Path):
    path = tmp_path / "old.sqlite3"
    migrations = load_migrations()
    old = await Database.open(path, migrations=migrations[:1])
    await old.write(  # a ticket as version 1 wrote it
        lambda conn: conn.execute(
            "INSERT INTO tickets (chat_id, category, status, location, urgent, summary, "
            "created_at, updated_at, due_at, team) VALUES (-1, 'lift', 'open', '3栋', 0, "
            "'电梯坏了', ?, ?, ?, '电梯维保单位')",
            ("2026-11-01T00:00:00+00:00", "2026-11-01T00:00:00+00:00", "2026-11-02T00:00:00+00:00"),
        )
    )
    await old.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    upgraded = await Database.open(path)
    try:
        assert (await upgraded.fetchone("PRAGMA user_version"))[0] == len(migrations)
        ticket = await TicketStore(upgraded).get(1)
        assert ticket.summary == "电梯坏了" and ticket.escalation_level == 0
        assert ticket.rating is None and ticket.reopened == 0
    finally:
        await upgraded.close()


async def test_a_failing_migration_leaves_the_database_as_it_was(tmp_path: Path):
    path = tmp_path / "m.sqlite3"
    good = Migration(1, "good", ("CREATE TABLE a (x INTEGER)",))
    bad = Migration(2, "bad", ("CREATE TABLE b (x INTEGER)", "INSERT INTO nowhere VALUES (1)"))
    db = await Database.open(path, migrations=[good])
    await db.close()
    with pytest.raises(MigrationFailed, match="no such table: nowhere") as failed:
        await Database.open(path, migrations=[good, bad])
    assert isinstance(failed.value.__cause__, sqlite3.OperationalError)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "b" not in names


async def test_newer_database_than_program_is_refused(tmp_path: Path):
    path = tmp_path / "n.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(RuntimeError, match="newer than this program"):
        await Database.open(path)


def test_split_statements_keeps_semicolons_inside_strings():
    script = "-- comment\nCREATE TABLE a (x TEXT DEFAULT ';');\n\nINSERT INTO a VALUES ('a;b');\n"
    assert split_statements(script) == (
        "CREATE TABLE a (x TEXT DEFAULT ';');",
        "INSERT INTO a VALUES ('a;b');",
    )
    with pytest.raises(ValueError):
        split_statements("CREATE TABLE a (x")


async def test_filing_the_same_message_twice_gives_one_ticket(db: Database):
    tickets = TicketStore(db)
    first = await tickets.file_report(report(10))
    again = await tickets.file_report(report(10, text="changed"))
    assert first.outcome == "created" and again.outcome == "duplicate"
    assert again.ticket.id == first.ticket.id
    assert (await db.fetchone("SELECT count(*) FROM reports"))[0] == 1
    assert first.ticket.status is Status.OPEN
    assert first.ticket.due_at == T0 + timedelta(hours=24)
    assert first.ticket.team == "电梯维保单位"


async def test_sql_looking_text_is_stored_verbatim(db: Database):
    tickets = TicketStore(db)
    text = "'); DROP TABLE tickets; -- 电梯坏了"
    filing = await tickets.file_report(report(11, text=text))
    assert (await tickets.get(filing.ticket.id)).summary == text


async def test_edit_updates_report_and_summary_without_new_ticket(db: Database):
    tickets = TicketStore(db)
    filing = await tickets.file_report(report(12, text="电梯坏"))
    edited = await tickets.update_report_text(-1, 12, "电梯坏了，3栋", T0 + timedelta(minutes=1))
    assert edited is not None and edited.text == "电梯坏了，3栋"
    assert (await tickets.get(filing.ticket.id)).summary == "电梯坏了，3栋"
    assert await tickets.update_report_text(-1, 999, "x", T0) is None
    assert [e.action for e in await tickets.history(filing.ticket.id)] == ["create", "edit"]


async def test_tickets_are_scoped_to_their_group(db: Database):
    tickets = TicketStore(db)
    mine = await tickets.file_report(report(1, chat_id=-1))
    await tickets.file_report(report(1, chat_id=-2))
    with pytest.raises(TicketNotFound):
        await tickets.get(mine.ticket.id, chat_id=-2)
    with pytest.raises(TicketNotFound):
        await TicketActions(db).assign(mine.ticket.id, -2, WORKER, WORKER, T0)
    assert [t.chat_id for t in await tickets.list_active(-2)] == [-2]


async def test_assign_done_and_illegal_moves(db: Database):
    tickets, actions = TicketStore(db), TicketActions(db)
    ticket = (await tickets.file_report(report(1))).ticket
    assigned = await actions.assign(ticket.id, -1, WORKER, WORKER, T0)
    assert assigned.status is Status.ASSIGNED and assigned.assignee_id == WORKER.id
    assert assigned.assigned_at == T0
    done = await actions.mark_done(ticket.id, -1, "修好了", WORKER, T0 + timedelta(hours=1))
    assert done.status is Status.DONE and done.done_note == "修好了"
    with pytest.raises(TransitionError):
        await actions.mark_done(ticket.id, -1, None, WORKER, T0)
    with pytest.raises(TransitionError):
        await actions.assign(ticket.id, -1, WORKER, WORKER, T0)
    assert await tickets.list_active(-1) == []


async def test_pending_acks_and_marking_them(db: Database):
    tickets = TicketStore(db)
    await tickets.file_report(report(1))
    await tickets.file_report(report(2, chat_id=-2))
    pending = await tickets.pending_acks(-1)
    assert [(p.message_id, p.is_first_report) for p in pending] == [(1, True)]
    assert len(await tickets.pending_acks()) == 2
    await tickets.mark_acked([pending[0].report_id], 77)
    assert await tickets.pending_acks(-1) == []


async def test_chat_migration_moves_tickets_and_reports(db: Database):
    tickets, chats = TicketStore(db), ChatStore(db)
    await chats.seen(-1, "老群", "group", T0)
    filing = await tickets.file_report(report(1, chat_id=-1))
    assert await chats.move(-1, -100, T0) == 1  # tickets, reports and the group, together
    assert (await tickets.get(filing.ticket.id, chat_id=-100)).chat_id == -100
    old, new = await chats.get(-1), await chats.get(-100)
    assert old is not None and not old.active
    assert new is not None and new.active and new.title == "老群"


async def test_members_found_by_username_case_insensitively(db: Database):
    chats = ChatStore(db)
    chats.remember_member(Person(9001, "小王", "Grid_Wang"), T0)
    found = await chats.find_member("@grid_wang")
    assert found == Person(9001, "小王", "Grid_Wang")
    assert await chats.find_member("@nobody") is None


async def test_members_found_by_the_name_the_group_sees_a_worker_first(db: Database):
    chats = ChatStore(db)
    chats.remember_member(Person(9002, "小李"), T0)  # the worker, without a username
    chats.remember_member(Person(501, "小李", "li_resident"), T0 + timedelta(hours=1))
    assert await chats.find_members_named("小李", {9001, 9002}) == [Person(9002, "小李")]
    assert await chats.find_members_named("小李", set()) == [Person(501, "小李", "li_resident")]
    assert await chats.find_members_named("小陈", {9002}) == []
    chats.remember_member(Person(9003, "小李", "li_north"), T0 + timedelta(hours=2))
    assert await chats.find_members_named("小李", {9002, 9003}) == [
        Person(9003, "小李", "li_north"),
        Person(9002, "小李"),
    ]


async def test_inbox_keeps_updates_until_processed(db: Database):
    inbox = InboxStore(db)
    await inbox.save([(5, {"update_id": 5}), (6, {"update_id": 6})], T0)
    await inbox.save([(5, {"update_id": 5, "dup": True})], T0)
    await inbox.mark_processed([5], T0)
    assert [u.update_id for u in await inbox.pending()] == [6]
    newest = await inbox.newest()
    assert newest is not None and newest.update_id == 6
    await inbox.mark_processed([6], T0)
    assert await inbox.prune(T0 + timedelta(days=1)) == 1
    assert (await inbox.newest()).update_id == 6  # type: ignore[union-attr]


async def test_inbox_keeps_updates_telegram_numbered_anew(db: Database):
    """After a week without updates Telegram numbers them anew, from any number: the update
    kept last is the newest (not the highest number), a new update under the number of one
    handled takes its place, and one sent again is known as such."""
    inbox = InboxStore(db)
    await inbox.save([(900, {"update_id": 900, "n": 1}), (901, {"update_id": 901})], T0)
    await inbox.mark_processed([900, 901], T0)
    later = T0 + timedelta(days=8)
    fresh = [(7, {"update_id": 7}), (900, {"update_id": 900, "n": 2})]
    assert await inbox.save(fresh, later) == {}
    assert [u.payload for u in await inbox.pending()] == [
        {"update_id": 7},
        {"update_id": 900, "n": 2},
    ]
    assert (await inbox.newest()).update_id == 900  # type: ignore[union-attr]
    assert await inbox.save([(7, {"update_id": 7})], later) == {7: False}  # sent again
    await inbox.save([(8, {"update_id": 8})], later + timedelta(minutes=1))
    assert (await inbox.newest()) == InboxMark(8, later + timedelta(minutes=1))
    await inbox.save([(3, {"update_id": 3})], later + timedelta(minutes=2))
    assert [u.update_id for u in await inbox.pending()] == [7, 900, 8, 3]  # as they came
    await inbox.mark_processed([3, 7, 8, 900], later)
    assert await inbox.prune(later + timedelta(days=1)) == 4  # 901 too; the last kept stays
    assert (await inbox.newest()).update_id == 3  # type: ignore[union-attr]


async def test_failed_updates_are_set_aside_and_pruned_and_so_is_what_they_did(db: Database):
    inbox = InboxStore(db)
    await inbox.save([(n, {"update_id": n}) for n in (1, 2, 3, 4)], T0)
    assert not await inbox.failed(1, max_tries=2)
    assert await inbox.failed(1, max_tries=2)  # the second failure sets it aside
    await inbox.set_aside([2], "this version cannot read it")
    await inbox.mark_processed([3], T0)
    assert [u.update_id for u in await inbox.pending()] == [4]
    await db.write(once("m:-1:7", T0, lambda conn: None))
    assert await inbox.prune(T0 + timedelta(days=1)) == 3  # set aside or handled: gone
    with pytest.raises(AlreadyActed):  # what was done is kept while update 4 may be replayed
        await db.write(once("m:-1:7", T0, lambda conn: None))
    await inbox.mark_processed([4], T0)
    assert await inbox.prune(T0 + timedelta(days=1)) == 0  # the newest update always stays
    await db.write(once("m:-1:7", T0, lambda conn: None))  # forgotten now


async def test_failed_write_rolls_back(db: Database):
    def work(conn: sqlite3.Connection) -> None:
        conn.execute(
            "INSERT INTO chats (chat_id, kind, first_seen_at, updated_at) VALUES (1, 'g', 'x', 'x')"
        )
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        await db.write(work)
    assert (await db.fetchone("SELECT count(*) FROM chats"))[0] == 0


async def test_backup_is_a_consistent_copy(sqlite_db: Database, tmp_path: Path):
    db = sqlite_db
    await TicketStore(db).file_report(report(1))
    target = tmp_path / "backup" / "copy.sqlite3"
    await db.backup_to(target)
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT count(*) FROM tickets").fetchone()[0] == 1


CHAT_ROW = "INSERT INTO chats (chat_id, kind, first_seen_at, updated_at) VALUES (?, 'g', 'x', 'x')"


async def test_group_commit_isolates_a_failing_write(db: Database):
    """Writes gathered into one transaction: one that fails rolls back alone."""

    def insert(chat_id: int):
        def work(conn: sqlite3.Connection) -> int:
            conn.execute(CHAT_ROW, (chat_id,))
            return chat_id

        return work

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute(CHAT_ROW, (7,))
        raise ValueError("boom")

    results = await asyncio.gather(
        db.write(insert(1)), db.write(broken), db.write(insert(2)), return_exceptions=True
    )
    assert results[0] == 1 and isinstance(results[1], ValueError) and results[2] == 2
    rows = await db.fetchall("SELECT chat_id FROM chats ORDER BY chat_id")
    assert [r[0] for r in rows] == [1, 2]


async def test_the_digests_queries_walk_indexes_not_a_groups_whole_history(
    sqlite_db: Database,
):
    db = sqlite_db
    """Cost must follow the active and recent tickets, not years of history (see the bench)."""
    from storage import stats

    captured: list[str] = []
    original = db.fetchall

    async def capture(sql: str, params=()):  # type: ignore[no-untyped-def]
        captured.append(sql)
        return await original(sql, params)

    db.fetchall = capture  # type: ignore[method-assign]
    await stats.StatsStore(db).in_progress_at(-1, datetime(2026, 11, 1, tzinfo=UTC))
    db.fetchall = original  # type: ignore[method-assign]
    plan = await db.fetchall(f"EXPLAIN QUERY PLAN {captured[0]}", (-1, "x", -1, "x", "x"))
    steps = [str(row[3]) for row in plan]
    assert any("tickets_chat_status" in s for s in steps), steps
    assert any("tickets_chat_done" in s for s in steps), steps
    assert not any("tickets_chat_created" in s or s.startswith("SCAN") for s in steps), steps


async def test_a_write_whose_caller_is_cancelled_leaves_no_transaction_open(db: Database):
    """A shutdown cancels the poller while its write is in the writer's thread: that write is
    done whole (or not at all) there, and every later write still works."""

    def save(update_id: int):  # type: ignore[no-untyped-def]
        return lambda conn: conn.execute(
            "INSERT INTO inbox (update_id, payload, received_at) VALUES (?, '{}', '2026-11-23')",
            (update_id,),
        )

    task = asyncio.create_task(db.write(save(1)))
    await asyncio.sleep(0)  # the task now waits for the writer
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await db.write(save(2))
    rows = await db.fetchall("SELECT update_id FROM inbox")
    assert [r[0] for r in rows] == [1, 2]


async def test_writes_queued_before_close_are_done_and_later_ones_refused(tmp_path: Path):
    database = await Database.open(tmp_path / "c.sqlite3")
    queued = asyncio.ensure_future(database.write(lambda conn: conn.execute(CHAT_ROW, (5,))))
    await asyncio.sleep(0)
    await database.close()
    await queued
    with pytest.raises(RuntimeError, match="closed"):
        await database.write(lambda conn: conn.execute(CHAT_ROW, (6,)))
    with sqlite3.connect(tmp_path / "c.sqlite3") as conn:
        assert conn.execute("SELECT chat_id FROM chats").fetchall() == [(5,)]


async def test_a_transaction_that_fails_to_commit_leaves_the_writer_usable(db: Database):
    """A change refused at COMMIT (a deferred rule) is rolled back whole; the next one works."""

    def deferred_rule(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
        conn.execute(
            "CREATE TABLE child (parent_id INTEGER REFERENCES parent (id) "
            "DEFERRABLE INITIALLY DEFERRED)"
        )

    await db.write(deferred_rule)
    with pytest.raises(integrity_errors()):
        await db.write(lambda conn: conn.execute("INSERT INTO child VALUES (7)"))
    await db.write(lambda conn: conn.execute(CHAT_ROW, (8,)))
    assert [r[0] for r in await db.fetchall("SELECT chat_id FROM chats")] == [8]
    assert (await db.fetchone("SELECT count(*) FROM child"))[0] == 0


async def test_an_older_open_ticket_of_the_category_in_the_group_is_found_in_one_read(db):
    """What the office's notice of a storm asks first (storage.bursts): a second water ticket
    in a group within the hour changes no line of it."""
    from storage.bursts import BurstStore

    tickets, bursts = TicketStore(db), BurstStore(db)
    water = partial(report, category="water")
    first = (await tickets.file_report(water(1, "3栋又停水了"))).ticket
    other = (await tickets.file_report(water(2, "我们这边也停水了", chat_id=-2))).ticket
    later = T0 + timedelta(minutes=10)
    burst_pipe = water(3, "9栋水管爆了 楼下一地水", at=later, location="9栋")
    second = (await tickets.file_report(burst_pipe)).ticket
    assert second.id != first.id  # its own ticket, not merged
    since = T0 - timedelta(hours=1)
    assert not await bursts.opened_earlier_in_group(first, since)
    assert not await bursts.opened_earlier_in_group(other, since)
    assert await bursts.opened_earlier_in_group(second, since)
    assert not await bursts.opened_earlier_in_group(second, T0 + timedelta(minutes=1))


async def test_pending_acknowledgements_put_a_dangers_alarm_first_and_read_a_few(db):
    tickets = TicketStore(db)
    for number in range(1, 5):
        place = f"{number}栋"
        await tickets.file_report(
            report(number, f"{place}楼道灯坏了", category="lighting", location=place)
        )
    await tickets.file_report(report(9, "3栋电梯困人了", urgent=True, location="9栋"))
    pending = await tickets.pending_acks(-1)
    assert [p.message_id for p in pending] == [9, 1, 2, 3, 4]  # the danger first
    assert [p.message_id for p in await tickets.pending_acks(-1, limit=2)] == [9, 1]


async def test_her_own_words_added_to_her_ticket_are_acknowledged_as_hers(db: Database):
    """Her second report in her own ticket is "again": named as hers, not "合并（已有 1 户）"
    — alone (已记入) and folded with others (no merge note) alike; a neighbour's is merged."""
    tickets = TicketStore(db)
    first = await tickets.file_report(report(1, "3栋电梯坏了"))
    await tickets.mark_acked([r.report_id for r in await tickets.pending_acks(-1)], 70)
    await tickets.file_report(report(2, "补充一下 是2单元那部"), into=first.ticket.id)
    neighbour = Person(8, "李叔")
    await tickets.file_report(report(3, "我家也是", author=neighbour), into=first.ticket.id)
    hers, theirs = await tickets.pending_acks(-1)
    assert (hers.again, theirs.again) == (True, False)
    assert hers.folded[1] is True and theirs.folded[1] is False
    # folded with another's in a busy minute: hers only is 已记入, not acknowledged again
    assert folded([hers])[1] == {first.ticket.id} and folded([hers, theirs])[1] == set()
