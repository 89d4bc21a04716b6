"""The desk's ticket list on both engines: the search box's words (in the reports, the summary,
the place, the number; `%` and `_` as typed) with the other filters, and each order, page by
page."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from storage.desk import DeskStore, SearchTerm, TicketFilter, TicketOrder
from storage.sql import Door
from storage.tickets import TicketStore
from tests.factories import T0
from tests.factories import new_report as report

HOUR = timedelta(hours=1)
# (text, place): one ticket each, in a group of its own, an hour apart (#1 the oldest)
FILED = [
    ("3栋2单元电梯坏了 门关不上", "3栋2单元"),  # 1
    ("这个月水费涨了50%？", None),  # 2
    ("楼道灯 a_b 型号的灯泡坏了", None),  # 3
    ("门禁卡 axb 刷不开 500元押金", None),  # 4
    ("垃圾桶满了没人收", "12栋"),  # 5
    ("ABC物业 下水道堵了", None),  # 6
    ("路径 C:\\物业\\报修 打不开", None),  # 7
]


async def filed(db: Door) -> DeskStore:
    tickets = TicketStore(db)
    for n, (text, place) in enumerate(FILED, start=1):
        await tickets.file_report(
            report(n, text, chat_id=-n, at=T0 + n * HOUR, location=place, category="facilities")
        )
    return DeskStore(db)


async def ids(desk: DeskStore, *terms: SearchTerm, **filters: Any) -> list[int]:
    found, total = await desk.search(
        TicketFilter(words=terms, **filters), T0 + 10 * HOUR, limit=100
    )
    assert total == len(found)
    return sorted(t.id for t in found)


def words(text: str) -> SearchTerm:
    return SearchTerm(text=text)


async def test_a_word_is_found_in_the_reports_the_summary_or_the_place(db: Door):
    desk = await filed(db)
    assert await ids(desk, words("电梯")) == [1]
    assert await ids(desk, words("12栋")) == [5]  # the place only: not in her words
    assert await ids(desk, words("物业")) == [6, 7]
    assert await ids(desk, words("abc")) == [6]  # ASCII case folded alike on both engines
    assert await ids(desk, words("电梯"), words("3栋")) == [1]  # every word must be found
    assert await ids(desk, words("电梯"), words("12栋")) == []
    assert await ids(desk) == [1, 2, 3, 4, 5, 6, 7]


async def test_a_report_joined_later_or_edited_is_searched_too(db: Door):
    desk = await filed(db)
    await TicketStore(db).file_report(
        report(50, "我家也是，电梯里还有股焦糊味", chat_id=-1, at=T0 + 2 * HOUR), into=1
    )
    await db.write(
        lambda conn: conn.execute(
            "UPDATE reports SET edited_text = ? WHERE message_id = ?", ("补充：已经反水了", 5)
        )
    )
    assert await ids(desk, words("焦糊")) == [1]
    assert await ids(desk, words("反水")) == [5]


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("50%", [2]),  # not 500元 (% as a wildcard would find it)
        ("%", [2]),
        ("a_b", [3]),  # not axb
        ("_", [3]),
        ("C:\\物业", [7]),  # a backslash as written
        ("\\", [7]),
        ("'; DROP TABLE tickets; --", []),
    ],
)
async def test_wildcards_typed_match_themselves(db: Door, typed: str, found: list[int]):
    desk = await filed(db)
    assert await ids(desk, words(typed)) == found
    assert await ids(desk) == [1, 2, 3, 4, 5, 6, 7]  # the table is still there


async def test_a_number_finds_its_ticket_and_bare_digits_the_words_too(db: Door):
    desk = await filed(db)
    assert await ids(desk, SearchTerm(number=5)) == [5]  # #5
    assert await ids(desk, SearchTerm(text="3", number=3)) == [1, 3]  # #3, and 3栋
    assert await ids(desk, SearchTerm(text="12", number=12)) == [5]  # no #12; 12栋
    assert await ids(desk, SearchTerm(number=99)) == []


async def test_search_works_with_the_other_filters(db: Door):
    desk = await filed(db)
    await db.write(lambda conn: conn.execute("UPDATE tickets SET status = 'done' WHERE id = 7"))
    assert await ids(desk, words("物业"), active=True) == [6]
    assert await ids(desk, words("物业"), chat_id=-7) == [7]
    assert await ids(desk, words("物业"), since=T0 + 7 * HOUR) == [7]
    assert await ids(desk, SearchTerm(text="3", number=3), status="open") == [1, 3]


async def orders_of(db: Door) -> DeskStore:
    """#1–#7 as filed, then: #2 done, #4 closed; #6 urgent; deadlines #5 past, #3 soon, #1
    later, #7 none; households #3: 4, #6: 4, #1: 2; #7 brought in from a ledger, 受理 the
    earliest of all."""
    desk = await filed(db)
    changes = [
        ("UPDATE tickets SET status = 'done' WHERE id = 2", ()),
        ("UPDATE tickets SET status = 'closed' WHERE id = 4", ()),
        ("UPDATE tickets SET urgent = 1 WHERE id = 6", ()),
        ("UPDATE tickets SET due_at = ? WHERE id = 5", (T0 + 8 * HOUR,)),
        ("UPDATE tickets SET due_at = ? WHERE id = 3", (T0 + 11 * HOUR,)),
        ("UPDATE tickets SET due_at = ? WHERE id = 1", (T0 + 30 * HOUR,)),
        ("UPDATE tickets SET due_at = ? WHERE id = 6", (T0 + 40 * HOUR,)),
        ("UPDATE tickets SET due_at = NULL, created_at = ? WHERE id = 7", (T0 - 48 * HOUR,)),
        ("UPDATE tickets SET households = 4 WHERE id IN (3, 6)", ()),
        ("UPDATE tickets SET households = 2 WHERE id = 1", ()),
    ]

    def change(conn):
        for sql, params in changes:
            conn.execute(sql, tuple(p.isoformat() for p in params))

    await db.write(change)
    return desk


ORDERS = {
    TicketOrder.NEWEST: [6, 5, 4, 3, 2, 1, 7],  # by 受理: #7 came from a ledger, the oldest
    TicketOrder.DUE: [5, 3, 1, 6, 7, 4, 2],  # overdue, due soonest …, no deadline; finished
    TicketOrder.HOUSEHOLDS: [6, 3, 1, 5, 4, 2, 7],  # 4, 4, 2, then 1 each, newest first
    TicketOrder.QUEUE: [6, 7, 1, 3, 5, 4, 2],  # urgent, oldest active …; finished by number
}


@pytest.mark.parametrize("order", list(TicketOrder))
async def test_each_order_page_by_page(db: Door, order: TicketOrder):
    desk = await orders_of(db)
    now = T0 + 10 * HOUR
    whole, total = await desk.search(TicketFilter(), now, order=order, limit=100)
    assert [t.id for t in whole] == ORDERS[order] and total == 7
    for size in (1, 2, 3):  # pages cut anywhere, across the active and the finished too
        paged = []
        for offset in range(0, 7, size):
            page, _ = await desk.search(TicketFilter(), now, order=order, limit=size, offset=offset)
            paged += [t.id for t in page]
        assert paged == ORDERS[order], size
    beyond = await desk.search(TicketFilter(), now, order=order, limit=2, offset=7)
    assert beyond == ([], 7)
    searched, total = await desk.search(
        TicketFilter(words=(words("物业"),)), now, order=order, limit=100
    )
    assert [t.id for t in searched] == [i for i in ORDERS[order] if i in (6, 7)] and total == 2


async def test_newest_first_is_the_default(db: Door):
    desk = await orders_of(db)
    found, _ = await desk.search(TicketFilter(), T0, limit=100)
    assert [t.id for t in found] == ORDERS[TicketOrder.NEWEST]
