"""A busy compound's month through the real bot: what people see stays within what Telegram
takes (4,096 characters a message, 1,024 a caption) when a ticket has hundreds of households,
a group hundreds of open tickets, a complaint thousands of characters."""

from __future__ import annotations

from bot.core.tickets import Person
from bot.devtools.runner import settle
from bot.runtime.schedule import remind_overdue, supervise
from bot.runtime.services import SERVICES_KEY
from bot.texts import TELEGRAM_LIMIT, utf16_units
from tests.factories import WORKER_ID, new_report

GROUP = -7901
HOUSEHOLDS = 200


def flat_name(n: int) -> str:
    """A resident's name as a building group knows it: flat first, then who."""
    return f"幸福里{n % 9 + 1}栋{n % 4 + 1}单元{1000 + n}室-王秀英阿姨"


async def water_cut_of_many(app, fake, clock, households: int = HOUSEHOLDS) -> None:
    """One water cut (#1) that `households` households of the group reported."""
    stores = app.bot_data[SERVICES_KEY].stores
    await stores.chats.seen(GROUP, "幸福里小区业主群", "supergroup", clock())
    for n in range(households):
        person = Person(1000 + n, flat_name(n))
        fake.person(person.id, person.name)
        report = new_report(
            n + 1, "3栋停水了 一滴水都没有", chat_id=GROUP, at=clock(),
            category="water", location="3栋", author=person,
        )  # fmt: skip
        await stores.tickets.file_report(report)


async def test_a_water_cut_two_hundred_households_reported_is_done_and_rated(fake, run_bot, clock):
    group = fake.group(GROUP, "幸福里小区业主群")
    wang = fake.person(WORKER_ID, "网格员小王")
    clock.now = clock.now.replace(hour=2)  # 10:00 in Shanghai
    async with run_bot() as app:
        await water_cut_of_many(app, fake, clock)
        await settle(app, fake)
        fake.say(group, wang, "/done 1 已恢复供水")
        await settle(app, fake)
        [done] = [p for p in fake.bot_messages(GROUP) if "已办结。" in p.text]
        first = fake.person(1000, flat_name(0))
        fake.press(done, first, "rate:1:s:1")
        await settle(app, fake)
        fake.say(group, wang, "/ticket 1")
        await settle(app, fake)
        clock.advance(hours=48)  # past half the rating window: the others are asked again
        await supervise(app.bot_data[SERVICES_KEY])
        await settle(app, fake)
    posts = fake.bot_messages(GROUP)
    too_long = [(utf16_units(p.text), p.text[:40]) for p in posts]
    assert all(units <= TELEGRAM_LIMIT for units, _ in too_long), too_long
    assert done.reply_markup, "nobody can rate it"
    assert f"等 {HOUSEHOLDS} 户 请看看问题是否已经解决" in done.text
    [thanks] = [p for p in posts if p.text.startswith("谢谢")]
    assert f"还在等 {flat_name(1)}" in thanks.text and f"等 {HOUSEHOLDS - 1} 户 评价" in thanks.text
    [detail] = [p for p in posts if "记录：" in p.text]
    assert detail.text.startswith("#1【供水排水】3栋 已办结")
    assert f"评价（{HOUSEHOLDS} 户）：满意 1 · 未评价 {HOUSEHOLDS - 1}" in detail.text
    [again] = [p for p in posts if "问题解决了吗" in p.text]
    assert again.text.startswith(flat_name(1)) and again.reply_markup


BACKLOG_GROUP = -7902
BACKLOG = 200


async def backlog_of_one_worker(app, fake, clock, tickets: int) -> None:
    """A month's backlog of one worker in one group: `tickets` lamps, each taken, each
    acknowledged long ago."""
    services = app.bot_data[SERVICES_KEY]
    stores, worker = services.stores, Person(WORKER_ID, "网格员小王")
    await stores.chats.seen(BACKLOG_GROUP, "幸福里小区业主群", "supergroup", clock())
    for n in range(tickets):
        report = new_report(
            n + 1, f"{n + 1}栋楼道灯不亮了 晚上黑漆漆的", chat_id=BACKLOG_GROUP,
            at=clock(), category="lighting", location=f"{n + 1}栋",
            author=Person(2000 + n, f"居民{n}"),
        )  # fmt: skip
        filed = await stores.tickets.file_report(report)
        await stores.actions.assign(filed.ticket.id, BACKLOG_GROUP, worker, worker, clock())
    await services.posts.kick_all()
    await settle(app, fake)


async def test_a_worker_behind_on_two_hundred_tickets_is_reminded_once_not_two_hundred_times(
    fake, run_bot, clock
):
    fake.group(BACKLOG_GROUP, "幸福里小区业主群")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        await backlog_of_one_worker(app, fake, clock, BACKLOG)
        before = len(fake.bot_messages(BACKLOG_GROUP))
        clock.advance(days=10)  # 09:00 in Shanghai, long past every deadline
        reminded = await remind_overdue(services)
        await services.posts.kick_all()
        await settle(app, fake)
        again = await remind_overdue(services)  # within the reminder hours: nothing more
        await services.posts.kick_all()
        await settle(app, fake)
    posted = fake.bot_messages(BACKLOG_GROUP)[before:]
    assert (reminded, again) == (BACKLOG, 0)
    assert len(posted) == 1, [p.text[:40] for p in posted]
    [reminder] = posted
    assert utf16_units(reminder.text) <= TELEGRAM_LIMIT
    assert reminder.text.startswith("⏰ 提醒 ") and f"{BACKLOG} 件已超时" in reminder.text
    assert "#1【" in reminder.text and "未列出" in reminder.text


async def test_mine_of_a_resident_who_reported_thirty_problems_says_how_many_more(
    fake, run_bot, clock
):
    fake.group(GROUP, "幸福里小区业主群")
    zhang = fake.person(501, "张阿姨")
    categories = ("lift", "lighting", "sanitation", "parking", "noise", "greenery")
    async with run_bot() as app:
        stores = app.bot_data[SERVICES_KEY].stores
        await stores.chats.seen(GROUP, "幸福里小区业主群", "supergroup", clock())
        for n in range(30):  # a month of her reports, each its own problem
            clock.advance(hours=25)
            report = new_report(
                n + 1, f"{n + 1}栋的问题又来了", chat_id=GROUP, at=clock(),
                category=categories[n % 6], location=f"{n + 1}栋", author=Person(501, "张阿姨"),
            )  # fmt: skip
            await stores.tickets.file_report(report)
        fake.say(fake.private(zhang), zhang, "/mine")
        await settle(app, fake)
    mine = fake.bot_messages(501)[-1].text
    assert mine.startswith("您反映过的诉求 30 件"), mine[:40]
    assert "#30【" in mine and "#1【" not in mine  # the newest first
    assert "另有 10 件未列出" in mine


async def test_a_backlog_past_its_deadlines_escalates_in_one_notice_a_level(fake, run_bot, clock):
    """A hundred tickets of one group pass their deadlines in the same run of the schedule:
    the residents' group reads one 督办升级 notice of level 1 naming them (the rest counted),
    not a hundred; each ticket is still raised one level."""
    fake.group(BACKLOG_GROUP, "幸福里小区业主群")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        stores = services.stores
        await backlog_of_one_worker(app, fake, clock, 100)
        before = len(fake.bot_messages(BACKLOG_GROUP))
        clock.advance(days=10)
        first = await supervise(services)
        await settle(app, fake)
        levels = {(await stores.tickets.get(n)).escalation_level for n in range(1, 101)}
    posted = [m for m in fake.bot_messages(BACKLOG_GROUP)[before:] if "督办升级" in m.text]
    assert first["escalated"] == 100 and levels == {1}  # one level a run
    assert len(posted) == 1, [p.text[:40] for p in posted]
    [notice] = posted
    assert utf16_units(notice.text) <= TELEGRAM_LIMIT
    assert notice.text.startswith("⏫ 督办升级 · 1级") and "100 件" in notice.text
    assert "#1【照明】1栋" in notice.text and "#100【照明】100栋" in notice.text
