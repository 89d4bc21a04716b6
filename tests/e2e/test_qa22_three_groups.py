"""One grid worker for three building groups through a busy week (QA round 22): a 研判 item
the clock joined to a neighbour's ticket, commands from a private chat about a group that
removed the bot (posted there when it is added back), commands replying to a message that
waits for 研判."""

from __future__ import annotations

import pytest

from bot import texts
from bot.core.tickets import Person
from bot.devtools.runner import settle
from bot.runtime.schedule import supervise
from bot.runtime.services import SERVICES_KEY
from tests.engines import rows
from tests.factories import WORKER_ID

B, C = -22802, -22803
UNSURE_WATER = "今天水好像有点黄"  # right at the complaint line: it waits for a worker


async def test_an_item_the_clock_joined_to_a_neighbours_ticket_offers_no_cancel(
    fake, run_bot, config, clock
):
    """The timeout files a 研判 item into the open ticket a neighbour raised: the worker is
    not told to /cancel that ticket if it was no complaint, which would withdraw the
    neighbour's complaint with it."""
    five = fake.group(B, "5栋业主群")
    zhao, li = fake.person(604, "赵大爷"), fake.person(602, "李叔")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(fake.private(wang), wang, "/start")
        fake.say(five, zhao, "5栋自来水发黄 有股铁锈味 没法喝")  # #1
        await settle(app, fake)
        fake.say(five, li, UNSURE_WATER)
        await settle(app, fake)
        notice = fake.bot_messages(WORKER_ID)[-1]
        assert "研判" in notice.text and UNSURE_WATER in notice.text
        clock.advance(minutes=61)
        await supervise(services)
        await settle(app, fake)
    said = next(m for m in fake.bot_messages(WORKER_ID) if m.message_id == notice.message_id)
    assert rows(config, "SELECT ticket_id FROM triage") == [(1,)]  # it joined #1
    assert "#1" in said.text, said.text
    assert "/cancel" not in said.text, said.text  # #1 is 赵大爷's complaint too


async def test_a_command_in_private_does_not_claim_a_group_that_removed_the_bot_was_told(
    fake, run_bot
):
    """8栋's group removed the bot mid-week: the worker closing its ticket from a private
    chat is not told the group heard of it ("已在「8栋业主群」通知"), alone or with another
    group's ticket, but that it hears when the bot is added back; the group he can still reach
    is named as told."""
    five, eight = fake.group(B, "5栋业主群"), fake.group(C, "8栋业主群")
    li, wj = fake.person(602, "李叔"), fake.person(603, "王姐")
    wang = fake.person(WORKER_ID, "网格员小王")
    private = fake.private(wang)
    async with run_bot() as app:
        fake.say(eight, wj, "8栋门口垃圾桶满了好几天没人收")  # #1
        await settle(app, fake)
        fake.say(five, li, "5栋2单元电梯又坏了 门关不上")  # #2
        await settle(app, fake)
        fake.bot_membership(eight, "member", "kicked")
        fake.blocked.add(C)
        await settle(app, fake)
        fake.say(private, wang, "/assign 1")
        await settle(app, fake)
        taken = fake.bot_messages(WORKER_ID)[-1].text
        fake.say(private, wang, "/done 1、2 已处理")
        await settle(app, fake)
        closed = fake.bot_messages(WORKER_ID)[-1].text
        fake.blocked.discard(C)
        fake.bot_membership(eight, "left", "member")  # added back: what waited is posted
        await settle(app, fake)
    assert any(m.text.startswith("✅ #1") for m in fake.bot_messages(C))
    assert "#1" in taken and "已在「8栋业主群」通知" not in taken, taken
    assert "机器人已不在" in taken, taken
    assert "已办结 2 件" in closed, closed
    line = next(x for x in closed.splitlines() if "#1" in x)
    assert "机器人已不在" in line, closed
    assert "机器人已不在" not in next(x for x in closed.splitlines() if "#2" in x), closed


async def test_a_command_replying_to_a_message_that_waits_for_judging_says_how_to_file_it(
    fake, run_bot, config
):
    """The worker sees 李叔's words in the group and replies /assign (or /done) to them, not
    knowing they wait for 研判 and are no ticket yet: he is told so, and how to file them
    (/new as a reply), not shown the command's usage; nothing is filed or taken."""
    five = fake.group(B, "5栋业主群")
    li, wang = fake.person(602, "李叔"), fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        unsure = fake.say(five, li, UNSURE_WATER)
        await settle(app, fake)
        answers = []
        for command in ("/assign", "/done 已处理", "/note 师傅下午到"):
            fake.say(five, wang, command, reply_to=unsure)
            await settle(app, fake)
            answers.append(fake.bot_messages(B)[-1].text)
    for answer in answers:
        assert "研判" in answer and "/new" in answer, answer
    assert rows(config, "SELECT state FROM triage") == [("pending",)]
    assert rows(config, "SELECT count(*) FROM tickets") == [(0,)]


async def _closed_meanwhile(app, clock) -> None:
    """The rating window (3 days) ended: closed."""
    clock.advance(days=4)
    await supervise(app.bot_data[SERVICES_KEY])


async def _reopened_meanwhile(app, clock) -> None:
    """王姐 reopened it meanwhile (in a group the bot is in no more: as the store records it)."""
    actions = app.bot_data[SERVICES_KEY].stores.actions
    await actions.reopen(1, None, Person(603, "王姐"), "又满了", clock())


@pytest.mark.parametrize(
    ("meanwhile", "said"),
    [(_closed_meanwhile, texts.RATING_OVER), (_reopened_meanwhile, texts.RATING_REDONE)],
    ids=["closed", "reopened"],
)
async def test_a_done_notice_posted_after_its_rating_ended_has_no_buttons_and_says_why(
    fake, run_bot, clock, meanwhile, said
):
    """8栋's group removed the bot; its ticket was done from a private chat and, while the
    group was gone, closed when the rating window ended (or reopened). Added back, the group
    gets the done notice — without buttons that could only answer 已经归档 (or 办结后再评价),
    and with a line saying the rating is over (or that it is being handled again)."""
    eight, wj = fake.group(C, "8栋业主群"), fake.person(603, "王姐")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        fake.say(eight, wj, "8栋门口垃圾桶满了好几天没人收")  # #1
        await settle(app, fake)
        fake.bot_membership(eight, "member", "kicked")
        fake.blocked.add(C)
        await settle(app, fake)
        fake.say(fake.private(wang), wang, "/done 1 已清运")
        await settle(app, fake)
        await meanwhile(app, clock)
        fake.blocked.discard(C)
        fake.bot_membership(eight, "left", "member")
        await settle(app, fake)
    done = next(m for m in fake.bot_messages(C) if m.text.startswith("✅ #1"))
    assert done.reply_markup is None, done.reply_markup
    assert done.text.endswith(said), done.text
