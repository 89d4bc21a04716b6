"""Intake and commands through the real bot: edits, noise, restarts, roles, garbage arguments."""

from __future__ import annotations

import logging

from bot import texts
from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from storage.inbox import InboxStore
from storage.stores import open_database
from tests.engines import peek
from tests.factories import ADMIN_ID, WORKER2_ID, WORKER_ID

GROUP = -100500


def count(config, sql="SELECT count(*) FROM tickets", params=()):
    with peek(config) as conn:
        return conn.execute(sql, params).fetchone()[0]


def texts_to(fake: FakeTelegram, chat_id: int = GROUP) -> list[str]:
    return [m.text for m in fake.bot_messages(chat_id)]


async def test_edit_of_a_report_updates_it_and_never_opens_a_second_ticket(
    fake: FakeTelegram, run_bot, config
):
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    async with run_bot() as app:
        original = fake.say(group, zhang, "电梯坏了")
        await settle(app, fake)
        fake.edit(original, "3栋2单元电梯坏了，门关不上")
        fake.edit(original, "3栋2单元电梯坏了，门关不上！！")
        chatter = fake.say(group, zhang, "早上好")
        await settle(app, fake)
        fake.edit(chatter, "早上好，楼下垃圾堆了三天了没人收")
        await settle(app, fake)
    assert count(config) == 2
    assert count(config, "SELECT count(*) FROM reports") == 2
    assert count(config, "SELECT count(*) FROM tickets WHERE summary LIKE '%门关不上！！'") == 1
    assert len(fake.bot_messages(GROUP)) == 2


async def test_noise_never_crashes_and_never_files(fake: FakeTelegram, run_bot, config, caplog):
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    other_bot = {"id": 777, "is_bot": True, "first_name": "别的机器人", "username": "other_bot"}
    channel = {"id": -100999, "type": "channel", "title": "物业公告"}
    async with run_bot() as app:
        fake.sticker(group, zhang)
        fake.photo(group, zhang)
        fake.join(group, fake.person(2, "新邻居"))
        fake.say(group, zhang, "   ")
        fake.say(group, zhang, "😀" * 4096)
        fake.say(group, zhang, "啊" * 4000)
        fake.say(group, other_bot, "电梯坏了，垃圾没人收")
        fake.say(group, None, "电梯坏了", sender_chat=channel)
        fake.push({"channel_post": {"message_id": 1, "date": 0, "chat": channel, "text": "停水了"}})
        fake.say(
            group,
            zhang,
            "电梯坏了",
            forward_origin={"type": "hidden_user", "date": 0, "sender_user_name": "x"},
        )
        fake.say(group, zhang, "\u200b\u200f\x00\x07<script>'); DROP TABLE tickets;--")
        fake.say(group, zhang, "/nosuchcommand 1 2 3")
        await settle(app, fake)
        assert count(config) == 0
        assert texts_to(fake) == []
        fake.photo(group, zhang, caption="楼道垃圾堆满了 没人收 <b>臭死了</b>")
        await settle(app, fake)
    assert count(config) == 1
    [ack] = texts_to(fake)
    assert ack.startswith("已受理")
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_complaints_sent_while_down_are_handled_on_start(fake: FakeTelegram, run_bot, config):
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    async with run_bot() as app:
        await settle(app, fake)
    first = fake.say(group, zhang, "3栋的电梯坏了")
    fake.say(group, zhang, "垃圾桶满了好几天没人收")
    async with run_bot() as app:
        await settle(app, fake)
    assert count(config) == 2
    acknowledged = "\n".join(m.text for m in fake.bot_messages(GROUP))
    assert "#1【电梯】3栋" in acknowledged and "#2【环境卫生】" in acknowledged
    assert count(config, "SELECT count(*) FROM reports WHERE ack_state = 'sent'") == 2
    assert first["message_id"] == 1


async def test_privacy_mode_is_explained_in_the_log(run_bot, config, caplog, tmp_path):
    async with FakeTelegram(can_read_all_group_messages=False) as private_fake:
        from tests.factories import make_config

        cfg = make_config(tmp_path / "p", private_fake.base_url)
        with caplog.at_level(logging.WARNING):
            async with run_bot(cfg):
                pass
    assert any("/setprivacy" in r.getMessage() for r in caplog.records)


async def test_command_menu_is_registered_for_groups_and_private_chats(fake, run_bot):
    async with run_bot():
        pass
    group_commands = {c["command"] for c in fake.commands["all_group_chats"]}
    assert {"new", "list", "ticket", "assign", "done", "help"} <= group_commands
    assert {c["command"] for c in fake.commands["all_private_chats"]} >= {"help"}


async def test_roles_refusals_and_garbage_arguments(fake: FakeTelegram, run_bot, config):
    group = fake.group(GROUP, "3栋群")
    zhang = fake.person(1, "张阿姨", "zhang")
    worker = fake.person(WORKER_ID, "小王", "grid_wang")
    worker2 = fake.person(WORKER2_ID, "小陈", "grid_chen")
    admin = fake.person(ADMIN_ID, "社区主任")

    async def exchange(user, text, **kw) -> str:
        before = len(fake.bot_messages(GROUP))
        fake.say(group, user, text, **kw)
        await settle(app, fake)
        replies = fake.bot_messages(GROUP)[before:]
        assert len(replies) == 1, (text, [m.text for m in replies])
        return replies[0].text

    async with run_bot() as app:
        fake.say(group, worker2, "大家好")  # so that @grid_chen is known
        fake.say(group, zhang, "3栋电梯坏了")
        await settle(app, fake)
        assert (await exchange(zhang, "/done 1")).startswith("抱歉，这个操作只有网格员")
        assert (await exchange(zhang, "/assign 1")).startswith("抱歉，这个操作只有网格员")
        assert count(config, "SELECT count(*) FROM tickets WHERE status = 'open'") == 1
        for garbage in (
            "/assign",
            "/assign abc",
            "/assign -5",
            "/assign 1.5",
            "/assign 99999999999999999999",
        ):
            assert (await exchange(worker, garbage)).startswith("用法：/assign")
        assert (await exchange(worker, "/done")).startswith("用法：/done")
        assert (await exchange(worker, "/ticket xyz")).startswith("用法：/ticket")
        assert "没有找到 #4242" in await exchange(worker, "/assign 4242")
        assert "找不到 @ghost" in await exchange(worker, "/assign 1 @ghost")
        assert "不是网格员" in await exchange(worker, "/assign 1 @zhang")
        assert "已派给 小陈 办理" in await exchange(worker, "/assign 1 @grid_chen")
        resident_message = fake.transcript[1]
        taken = await exchange(worker, "/assign 1", reply_to=resident_message.message_id)
        assert "接单" in taken and "不是网格员" not in taken  # a reply to a resident: I take it
        worker_message = next(m for m in fake.transcript if m.sender == "小陈" and not m.from_bot)
        handed = await exchange(admin, "/assign 1", reply_to=worker_message.message_id)
        assert "已派给 小陈 办理" in handed
        assert "已办结" in await exchange(admin, "/done@yuanzi_test_bot 1 已修复")
        assert "已办结，不用再办结" in await exchange(worker, "/done 1")
        assert "不能接单" in await exchange(worker, "/assign 1")
        detail = await exchange(zhang, "/ticket #1")
        assert "受理" in detail and "派单给 小陈" in detail and "办结：已修复" in detail
        assert (await exchange(zhang, "/new")).startswith("请在 /new 后面写上")
        assert (await exchange(zhang, "/new " + "长" * 1200)).startswith("内容太长")
        assert (await exchange(zhang, "/new 小区门口的共享单车乱停")).startswith("已受理 #2")
        fake.say(group, worker, "/done@some_other_bot 2")
        await settle(app, fake)
        assert count(config, "SELECT count(*) FROM tickets WHERE status = 'open'") == 1
        assert "/assign 编号" in await exchange(zhang, "/help")
    assert count(config) == 2


async def test_private_chat_gets_help_and_group_only_answers(fake: FakeTelegram, run_bot, config):
    zhang, admin = fake.person(1, "张阿姨"), fake.person(ADMIN_ID, "主任")
    worker = fake.person(WORKER_ID, "小王")
    chat = fake.private(zhang)
    async with run_bot() as app:
        fake.say(chat, zhang, "/start")
        fake.say(chat, zhang, "/list")
        fake.say(chat, zhang, "电梯坏了")
        fake.say(fake.private(worker), worker, "/help")
        fake.say(fake.private(admin), admin, "/start")
        await settle(app, fake)
    replies = texts_to(fake, zhang["id"])
    assert len(replies) == 3
    assert replies[0] == texts.HELP_RESIDENT and "楼栋群" in replies[1]  # no setup, no /todo
    assert replies[2] == texts.PRIVATE_WORDS  # words in private are not filed: where to say them
    [for_worker] = texts_to(fake, WORKER_ID)
    assert "/todo" in for_worker and "/setprivacy" not in for_worker
    [for_admin] = texts_to(fake, ADMIN_ID)
    assert "/todo" in for_admin and "/setprivacy" in for_admin  # the admin sets the bot up
    assert count(config) == 0


async def test_html_in_a_complaint_is_shown_as_text(fake: FakeTelegram, run_bot, config):
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "<b>张</b>")
    async with run_bot() as app:
        fake.say(group, zhang, "电梯又坏了 <i>谁来管管</i> & <a href='x'>")
        await settle(app, fake)
        fake.say(group, zhang, "/list")
        await settle(app, fake)
    listing = texts_to(fake)[-1]
    assert "<i>谁来管管</i> & <a href='x'>" in listing
    assert all(m.parse_mode == "HTML" for m in fake.bot_messages(GROUP))


async def test_updates_the_library_cannot_read_never_stop_intake(
    fake: FakeTelegram, run_bot, config, caplog
):
    """Telegram's own JSON is kept in the inbox before the library reads it; an update the
    library cannot read (no date, a button press without its chat instance) is handed over as a
    bare update, so the complaints around it are filed and nothing is fetched twice."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋电梯坏了")
        fake.push({"message": {"message_id": 77, "chat": group, "from": zhang, "text": "x"}})
        fake.push({"callback_query": {"id": "q1", "from": zhang, "data": "take:1"}})
        fake.say(group, zhang, "5栋停水了", a_field_of_tomorrow={"x": 1})
        with caplog.at_level(logging.WARNING):
            await settle(app, fake)
    assert count(config) == 2 and len([t for t in texts_to(fake) if "已受理" in t]) >= 1
    assert count(config, "SELECT count(*) FROM inbox") == 4
    assert count(config, "SELECT count(*) FROM inbox WHERE processed_at IS NULL") == 0
    kept = count(config, "SELECT payload FROM inbox WHERE payload LIKE '%a_field_of_tomorrow%'")
    assert "a_field_of_tomorrow" in kept  # Telegram's JSON as it came, unknown fields too
    assert sum("cannot read" in r.getMessage() for r in caplog.records) == 2
    assert len(fake.calls_of("getUpdates")) < 20  # the batch did not come round again and again


async def test_an_unreadable_update_left_in_the_inbox_does_not_stop_the_start(
    fake: FakeTelegram, run_bot, config, clock
):
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    db = await open_database(config.storage.target)
    await InboxStore(db).save(
        [(5, {"update_id": 5, "message": {"message_id": 1, "chat": group}})], clock()
    )
    await db.close()
    async with run_bot() as app:
        fake.say(group, zhang, "3栋电梯坏了")
        await settle(app, fake)
    assert count(config) == 1
    assert count(config, "SELECT count(*) FROM inbox WHERE processed_at IS NULL") == 0


async def test_a_command_sent_while_down_is_acted_on_once(fake: FakeTelegram, run_bot, config):
    """The start confirms what the inbox holds by fetching the next update; that update is then
    handled once, by the updater, not also by the replay."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    worker = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋电梯坏了")
        await settle(app, fake)
    fake.say(group, worker, "/note 1 维保师傅下午到")
    async with run_bot() as app:
        await settle(app, fake)
    assert count(config, "SELECT count(*) FROM events WHERE action = 'note'") == 1
    assert len([t for t in texts_to(fake) if t.startswith("📌 进展")]) == 1


async def test_an_update_whose_handling_never_finishes_is_set_aside_after_three_starts(
    fake: FakeTelegram, run_bot, config, clock, caplog
):
    """An update replayed at a start was being handled when the last process stopped without
    finishing it (the watchdog stops a process whose loop it stalled): each such start counts
    as a try, so an update that stalls every start is set aside at the third, and one that was
    merely left over is handled as usual."""
    group, zhang, li = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨"), fake.person(2, "李叔")

    def complaint(update_id: int, message_id: int, text: str, who: dict) -> dict:
        message = {"message_id": message_id, "chat": group, "from": who, "date": 1, "text": text}
        return {"update_id": update_id, "message": message}

    db = await open_database(config.storage.target)
    inbox = InboxStore(db)
    await inbox.save([(5, complaint(5, 901, "3栋电梯坏了 困了半天", zhang))], clock())
    await inbox.save([(6, complaint(6, 902, "5栋门口垃圾三天没人收了", li))], clock())
    for _ in range(2):  # two starts already replayed it and never finished
        await inbox.failed(5, 99)
    await db.close()
    with caplog.at_level(logging.ERROR):
        async with run_bot() as app:
            await settle(app, fake)
            fake.say(group, zhang, "6栋楼道灯坏了")
            await settle(app, fake)
    assert count(config) == 2  # the left-over update 6 and the new one; never update 5
    assert count(config, "SELECT count(*) FROM reports WHERE message_id = 901") == 0
    assert count(config, "SELECT tries FROM inbox WHERE update_id = 5") == 3
    assert count(config, "SELECT count(*) FROM inbox WHERE set_aside IS NOT NULL") == 1
    assert count(config, "SELECT tries FROM inbox WHERE update_id = 6") == 1
    assert "replayed 3 times without its handling ever finishing" in caplog.text


async def test_a_long_complaint_is_heard_and_filed_on_its_beginning(
    fake: FakeTelegram, run_bot, config
):
    """A resident's long account (4,000 characters) gets its ticket like a short one."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    async with run_bot() as app:
        fake.say(group, zhang, "7栋前面路灯也不亮 " + "真的很黑 " * 800)
        await settle(app, fake)
    assert count(config) == 1
    [ack] = texts_to(fake)
    assert ack.startswith("已受理 #1") and len(ack) < 400
