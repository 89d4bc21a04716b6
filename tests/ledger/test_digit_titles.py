"""A group named only in digits (a building's 2024 group, 3号楼's "3") is a group by its
title: an import read 群 "2024" as the chat id 2024, and its tickets landed in a group of
that id instead of the group of that name (a 19-digit name was refused as a chat id too
large). Only a negative number — how Telegram numbers groups, and how the ledger names a
group it never learnt the title of — is a chat id."""

from __future__ import annotations

import io
from datetime import timedelta

from bot.core.imported import SYNTHETIC_CHAT_BASE
from bot.ledger.xlsx import read_workbook
from storage.chats import ChatStore
from storage.db import Database
from storage.ledger import LedgerStore
from storage.tickets import TicketStore
from tests.ledger.test_ledger import (
    CATEGORIES,
    NOW,
    TZ,
    _report,
    cell_values,
    ledger_file,
    row,
    workbook_bytes,
)

NAMED_2024 = -1003001  # the group titled "2024"
UNTITLED = -1001234567890  # a group the bot never learnt the title of


async def test_a_group_named_in_digits_is_that_group_and_a_negative_number_a_chat_id(
    db: Database,
):
    await ChatStore(db).seen(NAMED_2024, "2024", "supergroup", NOW - timedelta(days=30))
    source = ledger_file(
        [
            row(群=2024, 类别="电梯", 反映内容="电梯异响", 受理时间="2025-03-04 10:20"),
            row(群="2024", 类别="电梯", 反映内容="电梯又响", 受理时间="2025-03-05 10:20"),
            row(群="3", 类别="water", 反映内容="停水", 受理时间="2025/3/7"),
            row(群="9" * 19, 类别="water", 反映内容="停电", 受理时间="2025/3/8"),
            row(群=str(UNTITLED), 类别="water", 反映内容="水压低", 受理时间="2025/3/9"),
        ]
    )
    tickets = read_workbook(source, CATEGORIES, TZ)
    outcome = await LedgerStore(db).import_stream([tickets], NOW)
    assert (outcome.tickets, outcome.new_groups) == (5, 3)  # "3", "999…", and UNTITLED
    store = TicketStore(db)
    found = [await store.get(n) for n in range(outcome.first_id, outcome.last_id + 1)]
    groups = [t.chat_id for t in found]
    assert groups[:2] == [NAMED_2024, NAMED_2024] and groups[4] == UNTITLED
    assert all(g < SYNTHETIC_CHAT_BASE for g in groups[2:4]) and groups[2] != groups[3]
    titles = await ChatStore(db).titles()
    assert [titles.get(g) for g in groups] == ["2024", "2024", "3", "9" * 19, None]


async def test_a_group_named_in_digits_comes_back_by_its_name(db: Database, fresh: Database):
    await ChatStore(db).seen(NAMED_2024, "2024", "supergroup", NOW - timedelta(days=30))
    await TicketStore(db).file_report(_report(10, "电梯坏了", NOW, "lift", chat_id=NAMED_2024))
    first = await workbook_bytes(db)
    assert cell_values(first)[1][1] == "2024"
    await LedgerStore(fresh).import_stream([read_workbook(io.BytesIO(first), CATEGORIES, TZ)], NOW)
    assert list((await ChatStore(fresh).titles()).values()) == ["2024"]
    assert cell_values(await workbook_bytes(fresh)) == cell_values(first)


async def test_a_small_negative_number_is_a_title_a_chat_id_has_five_digits_or_more(
    db: Database,
):
    """A group titled "-5" (or "-12", "-2024") is that group: Telegram's group ids have more
    digits (-123456789, -1001234567890); a title like that was read as the chat id -5 and its
    tickets landed in a group of no name."""
    await ChatStore(db).seen(NAMED_2024, "-5", "supergroup", NOW - timedelta(days=30))
    source = ledger_file(
        [
            row(群="-5", 类别="电梯", 反映内容="电梯异响", 受理时间="2025-03-04 10:20"),
            row(群="-12", 类别="water", 反映内容="停水", 受理时间="2025/3/7"),
            row(群="-2024", 类别="water", 反映内容="停电", 受理时间="2025/3/8"),
            row(群="-12345", 类别="water", 反映内容="水压低", 受理时间="2025/3/9"),
        ]
    )
    tickets = read_workbook(source, CATEGORIES, TZ)
    outcome = await LedgerStore(db).import_stream([tickets], NOW)
    store = TicketStore(db)
    found = [await store.get(n) for n in range(outcome.first_id, outcome.last_id + 1)]
    groups = [t.chat_id for t in found]
    assert groups[0] == NAMED_2024 and groups[3] == -12345
    assert all(g < SYNTHETIC_CHAT_BASE for g in groups[1:3])
    titles = await ChatStore(db).titles()
    assert [titles.get(g) for g in groups] == ["-5", "-12", "-2024", None]


async def test_a_group_titled_like_a_chat_id_is_that_group(db: Database, fresh: Database):
    """A group titled "-12345" (or "-1001234567890"): 群 "-12345" was read as the chat id
    -12345, and its tickets landed in a new group of no name beside it. A title the database
    knows is that group, unless a chat of that id is known too; else the number is a chat id
    (a group whose title the ledger never learnt), as before."""
    chats = ChatStore(db)
    await chats.seen(NAMED_2024, "-12345", "supergroup", NOW - timedelta(days=30))
    await chats.seen(-1003002, str(UNTITLED), "supergroup", NOW - timedelta(days=30))
    await chats.seen(-1003003, "-1003004", "supergroup", NOW - timedelta(days=30))
    await chats.seen(-1003004, "4栋群", "supergroup", NOW - timedelta(days=30))
    source = ledger_file(
        [
            row(群="-12345", 类别="电梯", 反映内容="电梯异响", 受理时间="2025-03-04 10:20"),
            row(群=str(UNTITLED), 类别="water", 反映内容="停水", 受理时间="2025/3/7"),
            row(群="-1003004", 类别="water", 反映内容="停电", 受理时间="2025/3/8"),
            row(群="-1009999", 类别="water", 反映内容="水压低", 受理时间="2025/3/9"),
        ]
    )
    outcome = await LedgerStore(db).import_stream([read_workbook(source, CATEGORIES, TZ)], NOW)
    store = TicketStore(db)
    found = [await store.get(n) for n in range(outcome.first_id, outcome.last_id + 1)]
    # by title, by title, the known chat of that id (not the group titled so), a chat id
    assert [t.chat_id for t in found] == [NAMED_2024, -1003002, -1003004, -1009999]
    assert outcome.new_groups == 1  # -1009999, unknown: a group whose title was never learnt
    # into a database that knows no title, the number is a chat id, and comes back as it was
    first = await workbook_bytes(db)
    await LedgerStore(fresh).import_stream([read_workbook(io.BytesIO(first), CATEGORIES, TZ)], NOW)
    assert cell_values(await workbook_bytes(fresh)) == cell_values(first)
