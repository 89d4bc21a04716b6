"""Commands as a busy worker gives them, through the real bot: nothing is folded into a ticket
already done (its households would be asked about work that never touched the new report), a
merge made in private is confirmed there, /assign as a reply to a resident's report takes that
report's ticket, and /digest with a day posts that day's digest."""

from __future__ import annotations

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from tests.e2e.scenes import water_cut_merged_across_groups
from tests.engines import peek
from tests.factories import WORKER_ID

GROUP, OTHER = -2001, -2002


def one(config, sql, params=()):
    with peek(config) as conn:
        return conn.execute(sql, params).fetchone()


def last_text(fake: FakeTelegram, chat_id: int) -> str:
    return fake.bot_messages(chat_id)[-1].text


async def test_nothing_is_merged_into_a_done_ticket(fake: FakeTelegram, run_bot, config):
    group, other = fake.group(GROUP, "3栋群"), fake.group(OTHER, "5栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    worker = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)  # #1 (two groups at once are numbered in either order)
        fake.say(other, li, "5栋门口垃圾桶满了好几天没人收")
        await settle(app, fake)
        fake.say(group, worker, "/done 1 门机板已更换")
        await settle(app, fake)
        private = fake.private(worker)
        fake.say(private, worker, "/merge 1 2")
        await settle(app, fake)
        refused = last_text(fake, WORKER_ID)
        assert "已办结" in refused and "/reopen 1" in refused
        assert one(config, "SELECT status, merged_into FROM tickets WHERE id = 2") == ("open", None)

        fake.say(other, li, "5栋门口的垃圾还是没人收")  # joins #2
        fake.say(group, zhang, "3栋门口垃圾桶也满了")  # 3
        await settle(app, fake)
        fake.say(private, worker, "/merge 2 3")
        await settle(app, fake)
        assert "合并了 #3 的反映" in last_text(fake, WORKER_ID)  # told where it was asked
        assert "已合并到" in last_text(fake, GROUP)
        fake.say(group, zhang, "/list")
        await settle(app, fake)
        assert "#2【" in last_text(fake, GROUP)  # the ticket holding this group's report
    assert one(config, "SELECT status, merged_into FROM tickets WHERE id = 3") == ("cancelled", 2)


async def test_assign_as_a_reply_to_a_residents_report_takes_it(
    fake: FakeTelegram, run_bot, config
):
    group = fake.group(GROUP, "3栋群")
    zhang, worker = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        report = fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        fake.say(group, worker, "/assign", reply_to=report["message_id"])
        await settle(app, fake)
        assert "小王 接单" in last_text(fake, GROUP), last_text(fake, GROUP)
        fake.say(group, worker, "/assign 1", reply_to=report["message_id"])
        await settle(app, fake)
        assert "不是网格员" not in last_text(fake, GROUP)
        fake.say(group, worker, "/assign", reply_to=fake.say(group, zhang, "今天天气真好"))
        await settle(app, fake)
        assert "用法" in last_text(fake, GROUP)  # a message that is no report: which ticket?
    assert one(config, "SELECT status, assignee_name FROM tickets WHERE id = 1") == (
        "assigned",
        "小王",
    )


async def test_digest_of_a_past_day(fake: FakeTelegram, run_bot, clock, config):
    group = fake.group(GROUP, "3栋群")
    zhang, worker = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    clock.now = clock.now.replace(hour=2)  # 10:00 in Shanghai
    today = clock.now.date()
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        clock.advance(days=2)
        for wrong in ("/digest 明天", "/digest 2999-01-01", "/digest 2026-13-01", "/digest 1 2"):
            fake.say(group, worker, wrong)
            await settle(app, fake)
            assert last_text(fake, GROUP).startswith("用法：/digest"), wrong
        fake.say(group, worker, f"/digest {today.isoformat()}")
        await settle(app, fake)
        assert "#1" in last_text(fake, GROUP) and "电梯" in last_text(fake, GROUP)
        fake.say(group, worker, "/digest ２００１－０１－０１")  # a phone's full-width keys
        await settle(app, fake)
        assert last_text(fake, GROUP).startswith("📋 1月1日")  # that day, quiet


async def test_an_edited_command_and_an_anonymous_admin_are_told_why_not(
    fake: FakeTelegram, run_bot, config
):
    group = fake.group(GROUP, "3栋群")
    zhang, worker = fake.person(1, "张阿姨"), fake.person(WORKER_ID, "小王")
    anonymous = {
        "id": 1087968824,
        "is_bot": True,
        "first_name": "Group",
        "username": "GroupAnonymousBot",
    }
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        typo = fake.say(group, worker, "/done 11 已修好")
        await settle(app, fake)
        fake.edit(typo, "/done 1 已修好")
        await settle(app, fake)
        assert last_text(fake, GROUP) == "命令改过之后不会再执行。请把改好的命令重新发一条。"
        fake.say(group, anonymous, "/done 1 已修好", sender_chat=group)
        await settle(app, fake)
        assert "匿名管理员" in last_text(fake, GROUP)
    assert one(config, "SELECT status FROM tickets WHERE id = 1") == ("open",)


async def test_a_merged_groups_digest_names_the_ticket_holding_its_report(
    fake: FakeTelegram, run_bot, config
):
    async with run_bot() as app:
        cast = await water_cut_merged_across_groups(fake, app, GROUP, OTHER)
        group, other, worker = cast.group, cast.other, cast.worker
        fake.say(group, worker, "/done 1 管道已修复")
        await settle(app, fake)
        fake.say(other, worker, "/digest")
        await settle(app, fake)
        digest = last_text(fake, OTHER)
    assert "已合并到 #1" in digest  # its own #2, folded into #1
    assert "办结 1 件" in digest and "#1【供水排水】" in digest
    assert "3-2-501" not in digest  # the other group's unit number stays there
