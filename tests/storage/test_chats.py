"""When the bot came to a group: a return moves it, a group it stays in keeps its day. Who the
bot can write to in private: not someone who blocked it, until they start it again."""

from __future__ import annotations

from datetime import timedelta

from storage.chats import ChatStore
from storage.db import Database
from tests.factories import T0


async def test_a_group_the_bot_stays_in_keeps_the_day_it_came(db: Database):
    chats = ChatStore(db)
    await chats.seen(-1, "3栋群", "group", T0)
    await chats.set_active(-1, True, T0 + timedelta(days=1))
    await chats.seen(-1, "3栋业主群", "group", T0 + timedelta(days=2))
    group = await chats.get(-1)
    assert group is not None and group.arrived_at == T0 == group.first_seen_at


async def test_a_group_that_adds_the_bot_again_is_joined_anew(db: Database):
    chats = ChatStore(db)
    await chats.seen(-1, "3栋群", "group", T0)
    await chats.set_active(-1, False, T0 + timedelta(days=1))
    await chats.set_active(-1, True, T0 + timedelta(days=5))
    group = await chats.get(-1)
    assert group is not None and group.first_seen_at == T0
    assert group.arrived_at == T0 + timedelta(days=5)
    # a message seen while the bot is out (it was not told it left) is a return too
    await chats.set_active(-1, False, T0 + timedelta(days=6))
    await chats.seen(-1, "3栋群", "group", T0 + timedelta(days=7))
    assert (await chats.get(-1)).arrived_at == T0 + timedelta(days=7)  # type: ignore[union-attr]


async def test_a_supergroup_keeps_the_day_the_bot_came_to_its_group(db: Database):
    chats = ChatStore(db)
    await chats.seen(-1, "3栋群", "group", T0)
    await chats.seen(-1001, "3栋群", "supergroup", T0 + timedelta(days=3))  # seen first
    await chats.move(-1, -1001, T0 + timedelta(days=3))
    group = await chats.get(-1001)
    assert group is not None and group.arrived_at == T0


async def test_someone_who_blocks_the_bot_is_out_of_reach_until_they_start_it_again(db: Database):
    chats = ChatStore(db)
    await chats.seen(-1, "3栋群", "group", T0)
    await chats.seen(7, None, "private", T0)
    await chats.blocked(7, T0 + timedelta(days=1))
    await chats.blocked(-1, T0 + timedelta(days=1))  # a group is left alone
    assert [ok for _, ok in await chats.reach([7])] == [False]
    assert (await chats.get(-1)).active  # type: ignore[union-attr]
    await chats.seen(7, None, "private", T0 + timedelta(days=2))
    assert [ok for _, ok in await chats.reach([7])] == [True]
