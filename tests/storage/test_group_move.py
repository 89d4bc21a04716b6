"""A group's move to a supergroup retires its message ids below -MOVED: never onto a ledger's
imported report, which carries -ticket_id (a review of QA round 3)."""

from __future__ import annotations

import io
import json
from dataclasses import replace

from bot.core.imported import ImportedReport
from bot.ledger.jsonl import read_jsonl
from storage.chats import WELCOME_KIND, ChatStore, retired_id
from storage.db import Database
from storage.ledger import LedgerStore
from storage.outbox import OutboxStore
from storage.tickets import TicketStore
from tests.factories import T0
from tests.factories import new_report as report
from tests.ledger.test_ledger import CATEGORIES, NOW


async def test_a_group_holding_an_imported_ticket_moves_to_its_supergroup(db: Database):
    imported = {
        "id": 5, "chat_id": -1, "category": "lift", "status": "done", "location": "3栋",
        "urgent": False, "created_at": "2026-11-01T01:00:00+00:00", "assignee_id": 9001,
        "done_at": "2026-11-01T05:00:00+00:00", "done_note": "已修好", "rating": "satisfied",
        "due_at": None, "escalation_level": 0, "team": None,
        "reports": [{"chat_id": -1, "message_id": 1, "user_id": None, "text": "3栋电梯坏了",
                     "received_at": "2026-11-01T01:00:00+00:00"}],
    }  # fmt: skip
    [ticket] = read_jsonl(io.StringIO(json.dumps(imported, ensure_ascii=False) + "\n"), CATEGORIES)
    # an xlsx ledger row: no message id (bot/ledger/xlsx.py builds ImportedReport(None, None, …))
    row = ImportedReport(None, None, None, "3栋电梯坏了", ticket.reports[0].received_at)
    tickets = [replace(ticket, reports=(row,))]
    await LedgerStore(db).import_stream([tickets], NOW)
    chats, store = ChatStore(db), TicketStore(db)
    await chats.seen(-1, "老群", "group", T0)
    rows = await db.fetchall("SELECT message_id FROM reports WHERE chat_id = -1")
    assert [r[0] for r in rows] == [-5]  # the imported row's synthetic id
    await store.file_report(report(5, chat_id=-1))  # the group's own message 5, a new complaint
    await chats.move(-1, -100, T0)  # must not fail: the group became a supergroup
    left = await db.fetchall("SELECT message_id FROM reports WHERE chat_id = -1")
    assert left == [], "every report follows its group"


async def test_a_ledger_naming_a_group_by_the_id_it_had_before_its_move_lands_in_the_supergroup(
    db: Database,
):
    chats = ChatStore(db)
    await chats.seen(-1, "老群", "group", T0)
    await chats.move(-1, -100, T0)  # the group became a supergroup before the ledger came in
    imported = {
        "id": 7, "chat_id": -1, "category": "lift", "status": "open", "location": "3栋",
        "urgent": True, "created_at": "2026-11-01T01:00:00+00:00", "assignee_id": None,
        "done_at": None, "done_note": None, "rating": None, "due_at": None,
        "escalation_level": 0, "team": None,
        "reports": [
            {"chat_id": -1, "message_id": 3, "user_id": 11, "text": "3栋电梯坏了",
             "received_at": "2026-11-01T01:00:00+00:00"},
            {"chat_id": -100, "message_id": 3, "user_id": 12, "text": "电梯还没修",
             "received_at": "2026-11-02T01:00:00+00:00"},
        ],
    }  # fmt: skip
    [ticket] = read_jsonl(io.StringIO(json.dumps(imported, ensure_ascii=False) + "\n"), CATEGORIES)
    row = ImportedReport(None, None, None, "5栋灯坏了", ticket.reports[0].received_at)
    from_a_ledger = replace(ticket, id=8, urgent=False, reports=(row,))  # an xlsx row: 群 = -1
    await LedgerStore(db).import_stream([[ticket, from_a_ledger]], NOW)
    tickets = await db.fetchall("SELECT id, chat_id FROM tickets ORDER BY id")
    assert [tuple(t) for t in tickets] == [(7, -100), (8, -100)]
    reports = await db.fetchall("SELECT chat_id, message_id FROM reports ORDER BY ticket_id, id")
    # the old group's message 3 as the move keeps it (below -MOVED): not the supergroup's own 3
    assert [tuple(r) for r in reports] == [(-100, retired_id(3)), (-100, 3), (-100, -8)]
    assert (await TicketStore(db).get(7)).chat_id == -100
    assert not await db.fetchall("SELECT 1 FROM chats WHERE chat_id = -1 AND active = 1")


async def test_a_welcome_queued_in_the_supergroup_is_not_posted_when_its_group_had_one(
    db: Database,
):
    """Telegram adds the bot to the supergroup a group became; that update may come before the
    move itself. The group was greeted already: the supergroup's greeting waits unsaid."""
    chats, outbox = ChatStore(db), OutboxStore(db)
    await chats.seen(-1, "老群", "group", T0)
    await outbox.add(-1, WELCOME_KIND, "大家好", T0, origin="welcome:-1")
    await outbox.add(-100, WELCOME_KIND, "大家好", T0, origin="welcome:-100")
    await chats.move(-1, -100, T0)
    assert [n.kind for n in await outbox.due(-100, T0)] == [WELCOME_KIND]  # the group's own
    assert await chats.moved_here(-100) and not await chats.moved_here(-1)


async def test_a_welcome_queued_in_the_supergroup_is_dropped_for_a_group_from_before_welcomes(
    db: Database,
):
    """A group that had the bot before greetings existed moves: its members know the bot, and
    the office knows the group; the supergroup's greeting and the office's notice of it wait
    unsaid all the same."""
    chats, outbox = ChatStore(db), OutboxStore(db)
    await chats.seen(-1, "老群", "group", T0)
    await outbox.add(-100, WELCOME_KIND, "大家好", T0, origin="welcome:-100")
    await outbox.add(9001, "reply", "院子被拉进了「老群」", T0, origin="joined:-100:9001")
    await outbox.add(9001, "reply", "别的群", T0, origin="joined:-200:9001")
    await chats.move(-1, -100, T0)
    assert await outbox.due(-100, T0) == []
    assert [n.body for n in await outbox.due(9001, T0)] == ["别的群"]
