"""A neighbour's "+1" under a message waiting for 研判, through the real bot: nothing is said in
the group while it waits, the workers' notices count it, and it joins the ticket the message
becomes — by a worker's 登记, by the clock, by /new — so the ticket counts every household.
Dismissed, it is filed nowhere; the resident's own "+1" and a replayed one count once."""

from __future__ import annotations

from bot.core.tickets import Person
from bot.core.triage import Decision
from bot.devtools.runner import settle
from bot.runtime.hearing import GroupMessage, hear
from bot.runtime.schedule import supervise
from bot.runtime.services import SERVICES_KEY
from tests.e2e.test_triage import UNSURE_CHAT, UNSURE_FLOOD, notice_of, workers_started
from tests.engines import rows
from tests.factories import WORKER_ID

GROUP = -7601


async def test_a_plus_one_under_a_waiting_message_joins_the_ticket_a_worker_files(
    fake, run_bot, config
):
    group = fake.group(GROUP, "3栋群")
    zhang, li, zhao = fake.person(1, "张阿姨"), fake.person(2, "李叔"), fake.person(3, "赵姐")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        await workers_started(app, fake, wang)
        said = fake.say(group, zhang, UNSURE_FLOOD)
        await settle(app, fake)
        notice = notice_of(fake, WORKER_ID)
        assert "附议" not in notice.text
        fake.say(group, li, "+1", reply_to=said)
        fake.say(group, zhang, "+1", reply_to=said)  # her own: no second household
        await settle(app, fake)
        assert fake.bot_messages(GROUP) == []  # still nothing in public
        assert "另有 1 户邻居附议" in notice.text, notice.text
        assert notice.reply_markup is not None  # still to be judged
        fake.say(group, zhao, "同上")  # bare, not a reply: just after it
        await settle(app, fake)
        assert "另有 2 户邻居附议" in notice.text, notice.text
        fake.say(fake.private(wang), wang, "/todo")
        await settle(app, fake)
        assert "（+2 户附议）" in fake.bot_messages(WORKER_ID)[-1].text

        fake.press(notice, wang, notice.reply_markup["inline_keyboard"][0][0]["callback_data"])
        await settle(app, fake)
        public = fake.bot_messages(GROUP)
        shown = [(m.text, m.reply_to) for m in public]
        assert public[0].text.startswith("已受理 #1"), shown
        assert public[0].reply_to == said["message_id"], shown
        # the neighbours' "+1" after hers: together, or one by one as they joined (the poster
        # may go between them), the last counting all three households
        later = [m.text for m in public[1:]]
        assert later and all("#1【供水排水】" in text for text in later), shown
        assert "已有 3 户反映" in later[-1], shown
    assert rows(config, "SELECT count(*) FROM reports WHERE ack_state = 'sent'") == [(3,)]
    assert rows(config, "SELECT count(*) FROM tickets") == [(1,)]
    assert rows(config, "SELECT count(DISTINCT user_id) FROM reports WHERE ticket_id = 1") == [(3,)]
    assert rows(config, "SELECT count(*) FROM triage_seconds WHERE joined = 1") == [(2,)]


async def test_a_plus_one_joins_the_ticket_the_clock_files_and_none_a_dismissed_one(
    fake, run_bot, config, clock
):
    group = fake.group(GROUP, "3栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        await workers_started(app, fake, wang)
        chat = fake.say(group, zhang, UNSURE_CHAT)
        await settle(app, fake)
        fake.say(group, li, "+1", reply_to=chat)
        await settle(app, fake)
        fake.press(notice_of(fake, WORKER_ID), wang, "triage:1:d")  # 不是诉求
        await settle(app, fake)
        assert fake.bot_messages(GROUP) == []

        flood = fake.say(group, zhang, UNSURE_FLOOD)
        await settle(app, fake)
        fake.say(group, li, "我家也是", reply_to=flood)
        await settle(app, fake)
        clock.advance(minutes=61)
        assert (await supervise(services))["triage_filed"] == 1
        await settle(app, fake)
        public = fake.bot_messages(GROUP)
        assert public and public[0].reply_to == flood["message_id"], [m.text for m in public]
    assert rows(config, "SELECT ticket_id, count(*) FROM reports GROUP BY ticket_id") == [(1, 2)]
    assert rows(config, "SELECT item_id, joined FROM triage_seconds ORDER BY id") == [
        (1, 0),
        (2, 1),
    ]


async def test_a_plus_one_handled_twice_counts_once_and_a_new_problem_is_no_plus_one(
    fake, run_bot, config
):
    group = fake.group(GROUP, "3栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        await workers_started(app, fake, wang)
        said = fake.say(group, zhang, UNSURE_FLOOD)
        await settle(app, fake)
        plus = fake.say(group, li, "+1", reply_to=said)
        await settle(app, fake)
        again = GroupMessage(
            GROUP, plus["message_id"], Person(2, "李叔"), "+1", reply_to=said["message_id"]
        )
        assert await hear(services, again) is None  # the update handled again after a crash
        notice = notice_of(fake, WORKER_ID)
        assert "另有 1 户邻居附议" in notice.text, notice.text
        # words of another problem under it are their own complaint, not a "+1"
        fake.say(group, fake.person(3, "赵姐"), "+1 另外楼道灯也坏了好几天了", reply_to=said)
        await settle(app, fake)
        fake.press(notice, wang, "triage:1:f")
        await settle(app, fake)
    assert rows(config, "SELECT count(*) FROM triage_seconds") == [(1,)]
    assert rows(config, "SELECT ticket_id, count(*) FROM reports GROUP BY ticket_id ORDER BY 1")[
        -1
    ] == (2, 2)


async def test_her_words_said_again_while_they_wait_stay_one_item(fake, run_bot, config, clock):
    """Nothing was answered in the group, so twenty minutes later she says it again: the
    workers were told twice and two tickets came of it an hour later."""
    group = fake.group(GROUP, "3栋群")
    zhang = fake.person(1, "张阿姨")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        await workers_started(app, fake, fake.person(WORKER_ID, "网格员小王"))
        fake.say(group, zhang, UNSURE_FLOOD)
        await settle(app, fake)
        clock.advance(minutes=20)
        fake.say(group, zhang, UNSURE_FLOOD + "！")
        await settle(app, fake)
        notices = [m for m in fake.bot_messages(WORKER_ID) if "研判：" in m.text]
        assert len(notices) == 1, [m.text for m in notices]
        clock.advance(minutes=61)
        assert (await supervise(services))["triage_filed"] == 1
        await settle(app, fake)
    assert rows(config, "SELECT count(*) FROM triage") == [(1,)]
    assert rows(config, "SELECT count(*) FROM tickets") == [(1,)]


async def test_another_unsure_matter_asking_after_it_is_an_item_of_its_own(
    fake, run_bot, config, clock
):
    """Her flooded garden waits for a worker; twenty minutes later she asks about the parcel
    locker ("门口那个快递柜有人管吗", unsure too). A question naming a matter of its own is no
    chase of the garden: it was dropped as her words said again, and no worker ever saw it."""
    group = fake.group(GROUP, "3栋群")
    zhang = fake.person(1, "张阿姨")
    async with run_bot() as app:
        await workers_started(app, fake, fake.person(WORKER_ID, "网格员小王"))
        fake.say(group, zhang, UNSURE_FLOOD)
        await settle(app, fake)
        clock.advance(minutes=20)
        fake.say(group, zhang, "门口那个快递柜有人管吗")
        await settle(app, fake)
        clock.advance(minutes=5)
        fake.say(group, zhang, "菜地里头全是水 有人管吗")  # her garden chased: still one item
        await settle(app, fake)
        notices = [m.text for m in fake.bot_messages(WORKER_ID) if "研判：" in m.text]
    assert len(notices) == 2 and "快递柜" in notices[-1], notices
    assert rows(config, "SELECT text FROM triage ORDER BY id") == [
        (UNSURE_FLOOD,),
        ("门口那个快递柜有人管吗",),
    ]


async def test_a_plus_one_said_while_a_worker_files_the_item_joins_its_ticket(
    fake, run_bot, config
):
    """A worker pressed 登记: the item is decided, its ticket not filed yet, when a neighbour
    answers her message "+1". Neither waiting nor anyone's report, the "+1" was dropped:
    nothing answered, her household not counted."""
    group = fake.group(GROUP, "3栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        await workers_started(app, fake, wang)
        said = fake.say(group, zhang, UNSURE_FLOOD)
        await settle(app, fake)
        # the press's first write (the judgement), its filing still to come
        await services.stores.triage.decide(
            1, Decision.FILE, None, Person(WORKER_ID, "网格员小王"), services.clock()
        )
        fake.say(group, li, "+1", reply_to=said)
        await settle(app, fake)
        await supervise(services)  # the filing goes on (as the press would, or the sweep)
        await settle(app, fake)
        public = [m.text for m in fake.bot_messages(GROUP)]
        assert public and "已有 2 户反映" in public[-1], public
    assert rows(config, "SELECT count(DISTINCT user_id) FROM reports WHERE ticket_id = 1") == [(2,)]


async def test_a_bare_plus_one_after_a_waiting_message_is_its_though_a_worker_took_an_older_one(
    fake, run_bot, config, clock
):
    """The lift was reported at nine; her flooded garden waits for 研判 since five past; at six
    past a worker takes the lift's ticket; a neighbour says "我家也是" at seven past. The take
    was read as a report of the lift since her message: the "+1" joined the lift's ticket."""
    group = fake.group(GROUP, "3栋群")
    zhao, zhang, li = fake.person(3, "赵姐"), fake.person(1, "张阿姨"), fake.person(2, "李叔")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        await workers_started(app, fake, wang)
        fake.say(group, zhao, "3栋电梯坏了")
        await settle(app, fake)
        [ack] = fake.bot_messages(GROUP)
        clock.advance(minutes=5)
        fake.say(group, zhang, UNSURE_FLOOD)
        await settle(app, fake)
        clock.advance(minutes=1)
        fake.press(ack, wang, "take:1")
        await settle(app, fake)
        clock.advance(minutes=1)
        fake.say(group, li, "我家也是")
        await settle(app, fake)
        assert "另有 1 户邻居附议" in notice_of(fake, WORKER_ID).text
    assert rows(config, "SELECT count(*) FROM reports WHERE ticket_id = 1") == [(1,)]
    assert rows(config, "SELECT count(*) FROM triage_seconds") == [(1,)]


async def test_a_plus_one_under_her_words_said_again_is_kept_with_the_first(
    fake, run_bot, config, clock
):
    """Nothing answered, she says it again twenty minutes later (one item still: the first);
    a neighbour's "+1" under the repeat — the message in sight — was lost, as that message is
    no item. It is kept with the item her words wait as."""
    group = fake.group(GROUP, "3栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        await workers_started(app, fake, wang)
        fake.say(group, zhang, UNSURE_FLOOD)
        await settle(app, fake)
        clock.advance(minutes=20)
        again = fake.say(group, zhang, UNSURE_FLOOD)
        await settle(app, fake)
        assert rows(config, "SELECT count(*) FROM triage") == [(1,)]
        fake.say(group, li, "+1", reply_to=again)
        await settle(app, fake)
        assert fake.bot_messages(GROUP) == []  # nothing in public: it waits for a worker
        assert "另有 1 户邻居附议" in notice_of(fake, WORKER_ID).text
    assert rows(config, "SELECT item_id, user_id FROM triage_seconds") == [(1, 2)]
