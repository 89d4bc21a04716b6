"""研判 through the real bot: a message the classifier is unsure of waits silently for a worker,
who is told in private and files it (as a reply to the resident), changes its category, or
dismisses it; nobody's answer files it after the wait; danger is never unsure."""

from __future__ import annotations

from bot.app import build_application
from bot.core.tickets import Person
from bot.devtools.runner import running, settle
from bot.runtime.hearing import GroupMessage, hear
from bot.runtime.schedule import supervise
from bot.runtime.services import SERVICES_KEY
from tests.engines import rows, storage_section
from tests.factories import FAST, WORKER2_ID, WORKER_ID, make_config

GROUP = -7501
UNSURE_FLOOD = "我家菜地里头全是水"  # water, right at the complaint line
UNSURE_CHAT = "快递好慢"  # near the line: chatter to a worker


def notice_of(fake, worker_id):
    """The newest 研判 notice to a worker (not the /start help, which mentions 待研判)."""
    said = reversed(fake.bot_messages(worker_id))
    return next(m for m in said if "研判" in m.text and "/help" not in m.text)


async def workers_started(app, fake, *workers):
    """Each worker opens a private chat with the bot, and the bot knows it before anything else
    happens (updates from different chats are handled concurrently)."""
    for worker in workers:
        fake.say(fake.private(worker), worker, "/start")
    await settle(app, fake)


async def test_a_worker_files_an_unsure_message_and_the_group_hears_it_as_a_reply(
    fake, run_bot, config
):
    group = fake.group(GROUP, "3栋群")
    zhang = fake.person(1, "张阿姨")
    wang, chen = fake.person(WORKER_ID, "网格员小王"), fake.person(WORKER2_ID, "网格员小陈")
    async with run_bot() as app:
        await workers_started(app, fake, wang, chen)
        said = fake.say(group, zhang, UNSURE_FLOOD)
        await settle(app, fake)
        assert fake.bot_messages(GROUP) == []  # nothing said in public while unsure
        notice = notice_of(fake, WORKER_ID)
        assert UNSURE_FLOOD in notice.text and "3栋群" in notice.text and "供水" in notice.text
        buttons = [b["text"] for b in notice.reply_markup["inline_keyboard"][0]]
        assert buttons == ["登记为诉求", "改类别", "不是诉求"]
        fake.say(fake.private(wang), wang, "/todo")
        await settle(app, fake)
        assert "待研判 1 条" in fake.bot_messages(WORKER_ID)[-1].text

        fake.press(notice, wang, notice.reply_markup["inline_keyboard"][0][0]["callback_data"])
        await settle(app, fake)
        ack = fake.bot_messages(GROUP)[-1]
        assert ack.text.startswith("已受理 #1【供水排水】") and ack.reply_to == said["message_id"]
        assert "已登记为 #1" in notice.text and notice.reply_markup is None
        late = notice_of(fake, WORKER2_ID)  # 小陈's copy says so too, without buttons
        assert "已登记为 #1" in late.text and late.reply_markup is None
        fake.press(late, chen, "triage:1:d")  # a press that was already on its way
        await settle(app, fake)
        assert fake.callback_answers[-1]["text"] == "这条已由 网格员小王 研判过了"
        fake.press(notice, wang, "triage:1:f")  # pressed again: still one ticket
        await settle(app, fake)
    assert rows(config, "SELECT count(*) FROM tickets") == [(1,)]
    assert rows(config, "SELECT state, how, ticket_id FROM triage") == [("filed", "worker", 1)]
    assert rows(config, "SELECT is_complaint, category, source FROM lessons") == [
        (1, "water", "triage")
    ]


async def test_a_decided_notice_keeps_the_residents_words(fake, run_bot, config, clock):
    """Once judged, the 研判 notice was cut to one line ("已判定不是诉求（网格员小王 研判）…"):
    what had been decided was gone. Every copy — the one pressed, a colleague's, one the clock
    settled — now keeps her words (escaped) under what became of them."""
    group = fake.group(GROUP, "3栋群")
    zhang, li = fake.person(1, "张<阿姨>"), fake.person(2, "李叔")
    wang, chen = fake.person(WORKER_ID, "网格员小王"), fake.person(WORKER2_ID, "网格员小陈")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        await workers_started(app, fake, wang, chen)
        fake.say(group, zhang, UNSURE_CHAT)
        await settle(app, fake)
        pressed, theirs = notice_of(fake, WORKER_ID), notice_of(fake, WORKER2_ID)
        fake.press(pressed, wang, "triage:1:d")  # 不是诉求
        await settle(app, fake)
        fake.say(group, li, "水龙头好像有点问题")  # unsure too; nobody answers
        await settle(app, fake)
        timed_out = notice_of(fake, WORKER_ID)
        clock.advance(minutes=61)
        assert (await supervise(services))["triage_filed"] == 1
        await settle(app, fake)
    dismissed = f"已判定不是诉求（网格员小王 研判），群里不回复。\n张<阿姨>：{UNSURE_CHAT}"
    assert pressed.text == dismissed and theirs.text == dismissed, (pressed.text, theirs.text)
    assert pressed.reply_markup is None is theirs.reply_markup
    first, words = timed_out.text.split("\n")
    assert first.startswith("⏰ 无人研判，已按时自动登记为 #1"), first
    assert words == "李叔：水龙头好像有点问题", words


async def test_dismissed_or_recategorised_by_a_worker_or_filed_when_nobody_answers(
    fake, run_bot, config, clock
):
    group = fake.group(GROUP, "3栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        await workers_started(app, fake, wang)
        fake.say(group, zhang, UNSURE_CHAT)
        await settle(app, fake)
        chat_notice = notice_of(fake, WORKER_ID)
        fake.press(chat_notice, wang, "triage:1:d")  # 不是诉求
        await settle(app, fake)
        assert "不是诉求" in chat_notice.text and fake.bot_messages(GROUP) == []

        fake.say(group, li, UNSURE_FLOOD)
        await settle(app, fake)
        flood_notice = notice_of(fake, WORKER_ID)
        fake.press(flood_notice, wang, "triage:2:c")  # 改类别: the categories as buttons
        await settle(app, fake)
        names = [b["text"] for row in flood_notice.reply_markup["inline_keyboard"] for b in row]
        assert "绿化" in names and "供水排水" in names
        fake.press(flood_notice, wang, "tcat:2:greenery")
        await settle(app, fake)
        assert fake.bot_messages(GROUP)[-1].text.startswith("已受理 #1【绿化】")

        fake.say(group, zhang, "水龙头好像有点问题")  # unsure too; nobody answers
        await settle(app, fake)
        tap_notice = notice_of(fake, WORKER_ID)
        clock.advance(minutes=59)
        assert (await supervise(services))["triage_filed"] == 0
        clock.advance(minutes=2)
        assert (await supervise(services))["triage_filed"] == 1
        await settle(app, fake)
        assert fake.bot_messages(GROUP)[-1].text.startswith("已受理 #2")
        # the worker's notice says what became of it, without buttons to press in vain
        assert "无人研判，已按时自动登记为 #2" in tap_notice.text
        assert "如果不是诉求，直接发 /cancel 2 撤销" in tap_notice.text
        assert tap_notice.reply_markup is None
        fake.press(tap_notice, wang, "triage:3:d")  # a press already on its way: too late
        await settle(app, fake)
        assert fake.callback_answers[-1]["text"] == (
            "这条已超时自动登记为 #2；不是诉求请发 /cancel 2"
        )
        assert (await supervise(services))["triage_filed"] == 0
        digest = await services.bulletins.digest(GROUP, clock().date(), clock())
    assert digest is not None and "研判 3 条：登记 2（其中超时自动登记 1） · 不是诉求 1" in digest
    assert rows(config, "SELECT state, how FROM triage ORDER BY id") == [
        ("dismissed", "worker"),
        ("filed", "worker"),
        ("filed", "timeout"),
    ]
    lessons = rows(config, "SELECT is_complaint, category FROM lessons ORDER BY id")
    assert lessons == [(0, None), (1, "greenery")]  # the timeout teaches nothing


async def test_danger_is_never_unsure(fake, run_bot, config):
    group = fake.group(GROUP, "3栋群")
    async with run_bot() as app:
        fake.say(group, fake.person(1, "张阿姨"), "电梯关人了")
        await settle(app, fake)
    assert fake.bot_messages(GROUP)[-1].text.startswith("已受理 🚨#1")
    assert rows(config, "SELECT count(*) FROM triage") == [(0,)]


async def test_a_lower_band_edge_in_the_config_queues_vaguer_messages(
    fake, run_bot, tmp_path, clock
):
    """`unsure_band`'s lower edge reaches below the default: the bot's own classifier (built
    from the config) guesses a category that far down, so the message goes to 研判."""
    vague = "车位好像又少了"  # parking, 2.6 below the line: silent with the default band
    group = fake.group(GROUP, "3栋群")
    zhang, wang = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        await workers_started(app, fake, wang)  # so silence below means something
        fake.say(group, zhang, vague)
        await settle(app, fake)
    assert not any(vague in m.text for m in fake.bot_messages(WORKER_ID))
    wide = make_config(
        tmp_path,
        fake.base_url,
        storage=storage_section(tmp_path / "wide.sqlite3"),
        classify={"unsure_band": [-3.0, 1.0]},
    )
    app = build_application(wide, clock=clock, tuning=FAST)  # the classifier it loads itself
    async with running(app, poll_timeout=FAST.poll_timeout):
        await workers_started(app, fake, wang)
        fake.say(group, zhang, vague)
        await settle(app, fake)
    notice = notice_of(fake, WORKER_ID)
    assert vague in notice.text and "停车" in notice.text
    assert fake.bot_messages(GROUP) == []


async def test_chatter_edited_into_an_unsure_message_goes_to_a_worker(fake, run_bot, config):
    group = fake.group(GROUP, "3栋群")
    zhang, wang = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        await workers_started(app, fake, wang)
        chatter = fake.say(group, zhang, "早上好")
        await settle(app, fake)
        fake.edit(chatter, UNSURE_FLOOD)
        await settle(app, fake)
    assert fake.bot_messages(GROUP) == []  # nothing in public, as for a new message
    assert UNSURE_FLOOD in notice_of(fake, WORKER_ID).text
    assert rows(config, "SELECT text, state FROM triage") == [(UNSURE_FLOOD, "pending")]


async def test_a_waiting_message_edited_is_judged_again(fake, run_bot, config):
    """Edited while it waits: into chatter it is withdrawn, into another unsure message the
    workers see the new words, into a danger it is filed and alerted at once — and every
    worker's copy of the notice says what became of it."""
    group = fake.group(GROUP, "3栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    wang, chen = fake.person(WORKER_ID, "网格员小王"), fake.person(WORKER2_ID, "网格员小陈")
    async with run_bot() as app:
        await workers_started(app, fake, wang, chen)
        mistake = fake.say(group, zhang, UNSURE_FLOOD)
        await settle(app, fake)
        fake.edit(mistake, "没事了 搞错了 是别人家的")
        await settle(app, fake)
        for worker in (WORKER_ID, WORKER2_ID):
            copy = notice_of(fake, worker)
            assert "已撤下" in copy.text and copy.reply_markup is None
        assert rows(config, "SELECT state, how FROM triage") == [("dismissed", None)]
        replayed = GroupMessage(GROUP, mistake["message_id"], Person(1, "张阿姨"), UNSURE_FLOOD)
        await hear(app.bot_data[SERVICES_KEY], replayed)  # handled again after a restart
        await settle(app, fake)
        assert rows(config, "SELECT count(*) FROM triage") == [(1,)]  # not queued again

        vague = fake.say(group, li, UNSURE_CHAT)
        await settle(app, fake)
        fake.edit(vague, UNSURE_FLOOD)
        await settle(app, fake)
        copy = notice_of(fake, WORKER_ID)
        assert UNSURE_FLOOD in copy.text and copy.reply_markup is not None  # still to judge
        waiting = "SELECT text FROM triage WHERE state = 'pending'"
        assert rows(config, waiting) == [(UNSURE_FLOOD,)]

        fake.edit(vague, "3栋电梯关人了 快来人")
        await settle(app, fake)
        assert fake.bot_messages(GROUP)[-1].text.startswith("已受理 🚨#1")
        assert "已登记为 🚨#1" in notice_of(fake, WORKER2_ID).text
        fake.press(notice_of(fake, WORKER_ID), wang, "triage:2:d")  # a stale button
        await settle(app, fake)
    assert rows(config, "SELECT state, how, ticket_id FROM triage ORDER BY id") == [
        ("dismissed", None, None),
        ("filed", None, 1),  # withdrawn once filed as the urgent ticket
    ]
    assert rows(config, "SELECT urgent, status FROM tickets") == [(1, "open")]
    assert rows(config, "SELECT count(*) FROM lessons") == [(0,)]  # nobody judged anything


async def test_after_choosing_categories_a_worker_can_still_dismiss(fake, run_bot, config):
    group = fake.group(GROUP, "3栋群")
    zhang, wang = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        await workers_started(app, fake, wang)
        fake.say(group, zhang, UNSURE_CHAT)
        await settle(app, fake)
        notice = notice_of(fake, WORKER_ID)
        fake.press(notice, wang, "triage:1:c")
        await settle(app, fake)
        last_row = notice.reply_markup["inline_keyboard"][-1]
        assert [b["text"] for b in last_row] == ["不是诉求"]
        fake.press(notice, wang, last_row[0]["callback_data"])
        await settle(app, fake)
    assert rows(config, "SELECT state FROM triage") == [("dismissed",)]
    assert fake.bot_messages(GROUP) == []


async def test_a_message_waiting_when_its_group_becomes_a_supergroup_is_filed_there(
    fake, run_bot, config, clock
):
    old = fake.group(-6002, "7栋群", kind="group")
    zhang, wang = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        await workers_started(app, fake, wang)
        fake.say(old, zhang, UNSURE_FLOOD)
        await settle(app, fake)
        fake.say(old, None, "", migrate_to_chat_id=-1006002)
        fake.migrations[-6002] = -1006002
        await settle(app, fake)
        clock.advance(minutes=61)
        assert (await supervise(services))["triage_filed"] == 1
        await settle(app, fake)
    assert rows(config, "SELECT chat_id FROM tickets") == [(-1006002,)]
    assert fake.bot_messages(-1006002)[-1].text.startswith("已受理 #1")


async def test_a_message_a_worker_filed_follows_its_edit(fake, run_bot, config):
    """Filed on a worker's word (研判), its resident mends it ("我家菜地里头全是水" → "…是楼上的"):
    the ticket reads her mended words, though the bot alone would not call them a complaint.
    Only words the bot filed on its own reading keep theirs beside an edit that reports
    nothing (the reviewer)."""
    group = fake.group(GROUP, "3栋群")
    zhang, wang = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        await workers_started(app, fake, wang)
        said = fake.say(group, zhang, UNSURE_FLOOD)
        await settle(app, fake)
        notice = notice_of(fake, WORKER_ID)
        fake.press(notice, wang, notice.reply_markup["inline_keyboard"][0][0]["callback_data"])
        await settle(app, fake)
        fake.edit(said, "我家菜地里头全是水 是楼上的")
        await settle(app, fake)
    assert rows(config, "SELECT text, edited_text FROM reports") == [
        ("我家菜地里头全是水 是楼上的", None)
    ]
