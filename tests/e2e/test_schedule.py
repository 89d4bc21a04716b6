"""Scheduled notices with a controllable clock: each at its time, once, across a restart."""

from __future__ import annotations

import asyncio
import logging
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.config import Config
from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from bot.runtime.schedule import run_schedule
from bot.runtime.services import SERVICES_KEY
from tests.engines import storage_toml
from tests.factories import WORKER_ID, make_config

ROOT = Path(__file__).resolve().parents[2]
GROUP, QUIET_GROUP, OFFICE = -4001, -4002, -4999
MORNING = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)  # 08:00 in Shanghai, a Monday


def digests(fake: FakeTelegram, chat_id: int = GROUP) -> list[str]:
    return [m.text for m in fake.bot_messages(chat_id) if "诉求日报" in m.text or "📋" in m.text]


async def tick(app, fake) -> dict[str, int]:
    counts = await run_schedule(app.bot_data[SERVICES_KEY])
    await settle(app, fake)
    return counts


def write_config(tmp_path: Path, fake: FakeTelegram, config: Config, body: str = "") -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f'[telegram]\ntoken = "{fake.token}"\nbase_url = "{fake.base_url}"\n'
        f"{storage_toml(config)}"
        f"[roles]\nworkers = [{WORKER_ID}]\n{body}",
        encoding="utf-8",
    )
    return path


async def test_daily_digest_once_at_its_time_across_a_restart_and_the_cli_agrees(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    clock.now = MORNING
    config = make_config(tmp_path, fake.base_url, storage=storage)
    group, quiet = fake.group(GROUP, "阳光花园3栋群"), fake.group(QUIET_GROUP, "5栋群")
    zhang, li, worker = (
        fake.person(1, "张阿姨"),
        fake.person(2, "李叔"),
        fake.person(WORKER_ID, "小王"),
    )
    async with run_bot(config) as app:
        fake.say(quiet, li, "大家早上好")
        fake.say(group, zhang, "3栋2单元电梯坏了")
        await settle(app, fake)
        fake.say(group, li, "5栋门口垃圾堆了三天没人收")
        fake.say(group, li, "8栋电梯困人了！！快来人")
        await settle(app, fake)
        clock.advance(minutes=30)
        fake.say(group, worker, "/assign 1")
        await settle(app, fake)
        clock.advance(hours=3)
        fake.say(group, worker, "/done 1 已修好")
        await settle(app, fake)
        done = fake.bot_messages(GROUP)[-1]
        fake.press(done, zhang, "rate:1:s")
        await settle(app, fake)
        clock.now = MORNING + timedelta(hours=11, minutes=59)  # 19:59
        assert (await tick(app, fake))["digests"] == 0
        clock.now = MORNING + timedelta(hours=12, minutes=1)  # 20:01
        assert (await tick(app, fake))["digests"] == 2
        assert (await tick(app, fake))["digests"] == 0
    [digest] = digests(fake)
    assert digest.startswith("📋 阳光花园3栋群 · 11月23日 诉求日报（昨日20:00以来）")
    assert "新增 3 件" in digest and "办结 1 件" in digest
    assert "未办结 2 件（待接单 2 件），本期新增 1 件见上，已超时 1 件见下" in digest
    assert "已超时 1 件：\n  ⏰🚨#3【电梯】8栋 超时10小时 · 未接单" in digest
    assert digest.index("🚨#3【电梯】8栋") < digest.index("#2【环境卫生】5栋")  # urgent first
    assert "响应率 50.0%（1/2）" in digest  # the urgent one waited past its 2 h response limit
    assert "满意率 100.0%（1/1）" in digest
    assert digests(fake, QUIET_GROUP) == ["📋 11月23日：昨日20:00以来没有新的诉求，群里没有待办 👍"]

    clock.advance(minutes=30)
    async with run_bot(config) as app:
        assert (await tick(app, fake))["digests"] == 0
    assert len(digests(fake)) == 1

    config_file = write_config(tmp_path, fake, config)
    printed = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "bot", "digest", "--config", str(config_file), "--chat",
         str(GROUP), "--date", "2026-11-23"],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.rstrip("\n") == digest


async def test_a_digest_missed_while_down_is_sent_within_grace_else_skipped(
    fake: FakeTelegram, run_bot, clock, tmp_path, caplog, storage
):
    config = make_config(tmp_path, fake.base_url, storage=storage)
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    clock.now = MORNING
    async with run_bot(config) as app:
        fake.say(group, zhang, "3栋电梯坏了")
        await settle(app, fake)
    clock.now = MORNING + timedelta(hours=13)  # 21:00: an hour after the digest time
    async with run_bot(config) as app:
        assert (await tick(app, fake))["digests"] == 1
    clock.now = MORNING + timedelta(days=1, hours=15)  # 23:00 next day: 3 h late
    with caplog.at_level(logging.WARNING):
        async with run_bot(config) as app:
            assert (await tick(app, fake))["digests"] == 0
    assert len(digests(fake)) == 1
    assert any("skipped" in r.getMessage() for r in caplog.records)


async def test_the_digest_after_a_skipped_one_reaches_back_to_the_last_one_given(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    config = make_config(tmp_path, fake.base_url, storage=storage)
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    worker = fake.person(WORKER_ID, "小王")
    clock.now = MORNING
    async with run_bot(config) as app:
        fake.say(group, zhang, "大家早上好")  # the group is known to the bot
        await settle(app, fake)
        clock.now = MORNING + timedelta(hours=12, minutes=5)  # Monday 20:05: Monday's digest
        assert (await tick(app, fake))["digests"] == 1
        clock.now = MORNING + timedelta(days=1, hours=2)  # Tuesday 10:00
        fake.say(group, zhang, "3栋电梯坏了")
        fake.say(group, zhang, "5栋楼道灯坏了")
        await settle(app, fake)
        fake.say(group, worker, "/done 2 换了灯泡")
        await settle(app, fake)
    clock.now = MORNING + timedelta(days=1, hours=16)  # Tuesday 24:00: down past the grace
    async with run_bot(config) as app:
        assert (await tick(app, fake))["digests"] == 0  # Tuesday's skipped
        clock.now = MORNING + timedelta(days=2, hours=12, minutes=5)  # Wednesday 20:05
        assert (await tick(app, fake))["digests"] == 1
    wednesday = digests(fake)[-1]
    assert "11月23日20:00以来" in wednesday  # since Monday's, the last one given
    assert "新增 2 件" in wednesday and "办结 1 件" in wednesday


async def test_a_digest_moved_earlier_does_not_tell_again_what_the_last_one_told(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    config = make_config(tmp_path, fake.base_url, storage=storage)
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    clock.now = MORNING + timedelta(hours=2)  # Monday 10:00
    async with run_bot(config) as app:
        fake.say(group, zhang, "3栋电梯坏了")
        await settle(app, fake)
        clock.now = MORNING + timedelta(hours=12, minutes=5)  # Monday 20:05: Monday's digest
        assert (await tick(app, fake))["digests"] == 1
        clock.now = MORNING + timedelta(hours=13)  # Monday 21:00
        fake.say(group, zhang, "5栋楼道灯坏了")
        await settle(app, fake)
    assert "新增 1 件" in digests(fake)[-1]
    earlier = make_config(
        tmp_path, fake.base_url, storage=storage, schedule={"digest_time": "08:00"}
    )
    clock.now = MORNING + timedelta(days=1, minutes=5)  # Tuesday 08:05, the new digest time
    async with run_bot(earlier) as app:
        assert (await tick(app, fake))["digests"] == 1
    tuesday = digests(fake)[-1]
    assert "昨日20:00以来" in tuesday and "新增 1 件" in tuesday  # the lamp, not the lift


@pytest.mark.parametrize(
    "change",
    [{"timezone": "Asia/Urumqi"}, {"digest_time": "22:00", "quiet_hours": ""}],
    ids=["a zone two hours west", "a later digest time"],
)
async def test_a_day_given_its_digest_gets_no_second_one_after_the_schedule_changes(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage, change
):
    """The operator set the time zone right (the compound is in Xinjiang) or moved the digest
    later, an evening after that day's digest: every group was sent a second "11月23日"
    digest, "18:00以来没有新的诉求". Each local day gets one; the next day's reaches back to
    the one given."""
    config = make_config(tmp_path, fake.base_url, storage=storage)
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    clock.now = MORNING + timedelta(hours=2)  # Monday 10:00 in Shanghai
    async with run_bot(config) as app:
        fake.say(group, zhang, "3栋电梯坏了")
        await settle(app, fake)
        clock.now = MORNING + timedelta(hours=12, minutes=5)  # Monday 20:05: Monday's digest
        assert (await tick(app, fake))["digests"] == 1
    changed = make_config(tmp_path, fake.base_url, storage=storage, schedule=change)
    clock.now = MORNING + timedelta(hours=13)  # Monday 21:00 in Shanghai
    async with run_bot(changed) as app:
        fake.say(group, zhang, "5栋楼道灯坏了")
        await settle(app, fake)
        clock.now = MORNING + timedelta(hours=14, minutes=5)  # Monday 20:05 Urumqi, 22:05 here
        assert (await tick(app, fake))["digests"] == 0
        clock.now = MORNING + timedelta(days=1, hours=14, minutes=5)  # Tuesday's
        assert (await tick(app, fake))["digests"] == 1
    said = digests(fake)
    assert len(said) == 2 and "11月24日" in said[-1], said
    assert "新增 1 件" in said[-1]  # the lamp: filed after Monday's digest, told on Tuesday


async def test_digests_go_on_after_the_clock_ran_ahead_and_came_back(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    config = make_config(tmp_path, fake.base_url, storage=storage)
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    clock.now = MORNING
    async with run_bot(config) as app:
        fake.say(group, zhang, "3栋电梯坏了")
        await settle(app, fake)
        clock.now = MORNING + timedelta(days=30, hours=12, minutes=5)  # a month ahead, by mistake
        await tick(app, fake)
        counts = []
        for day in range(3):  # the clock is right again: each evening's digest comes
            clock.now = MORNING + timedelta(days=day, hours=12, minutes=5)
            counts.append((await tick(app, fake))["digests"])
    assert counts == [1, 1, 1]


async def test_weekly_look_back_to_groups_and_the_office_with_hotspots(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    config = make_config(tmp_path, fake.base_url, storage=storage, schedule={"office_chat": OFFICE})
    group = fake.group(GROUP, "3栋群")
    residents = [fake.person(i, f"居民{i}") for i in range(1, 5)]
    clock.now = MORNING - timedelta(days=6)  # the Tuesday before
    async with run_bot(config) as app:
        for number, resident in enumerate(residents[:3]):
            fake.say(group, resident, f"3栋门口垃圾又满了 第{number + 1}回了")
            await settle(app, fake)
            fake.say(group, fake.person(WORKER_ID, "小王"), f"/done {number + 1}")
            await settle(app, fake)
            clock.advance(days=1)
        fake.say(group, residents[3], "楼道灯坏了")
        await settle(app, fake)
        clock.now = MORNING + timedelta(hours=1, minutes=1)  # Monday 09:01
        assert (await tick(app, fake))["look_backs"] == 2
        assert (await tick(app, fake))["look_backs"] == 0
    local = next(m.text for m in fake.bot_messages(GROUP) if m.text.startswith("🔍"))
    office = next(m.text for m in fake.bot_messages(OFFICE) if m.text.startswith("🔍"))
    for chat_id in (GROUP, OFFICE):  # the pictures go with the look back
        pictures = [m.document for m in fake.bot_messages(chat_id) if m.document]
        assert len(pictures) == 2 and all(data.startswith(b"\x89PNG") for _, data in pictures)
    assert local.startswith("🔍 3栋群 · 每周回头看") and "环境卫生 3" in local
    assert "3栋【环境卫生】3 件" in local
    assert office.startswith("🔍 全社区 · 每周回头看") and "3栋群 3栋【环境卫生】3 件" in office
    assert "办得最慢的类别：环境卫生" in office


async def test_the_look_backs_chart_counts_the_complaints_the_look_back_counts(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage
):
    """Four tickets, one withdrawn and one merged into another: the look back says 2 件; its
    chart's caption said "共 4 件". It now counts the same two, the grey bars named apart."""
    config = make_config(tmp_path, fake.base_url, storage=storage)
    group, worker = fake.group(GROUP, "3栋群"), fake.person(WORKER_ID, "小王")
    clock.now = MORNING - timedelta(days=3)
    async with run_bot(config) as app:
        for n, words in enumerate(
            ("3栋门口垃圾满了没人收", "5栋电梯坏了 关不上门", "7栋楼道灯坏了", "9栋停水了"), 1
        ):
            fake.say(group, fake.person(n, f"居民{n}"), words)
            await settle(app, fake)
        fake.say(group, fake.person(2, "居民2"), "/cancel 2 修好了")
        fake.say(group, worker, "/merge 1 3")
        await settle(app, fake)
        clock.now = MORNING + timedelta(hours=1, minutes=1)  # Monday 09:01
        assert (await tick(app, fake))["look_backs"] == 1
    look_back = next(m.text for m in fake.bot_messages(GROUP) if m.text.startswith("🔍"))
    bars, _ = [m.text for m in fake.bot_messages(GROUP) if m.document]
    assert "近30天 2 件" in look_back, look_back
    assert bars.endswith("，共 2 件（另有已撤销、合并的 2 件）"), bars


@pytest.mark.parametrize(
    ("change", "after"),
    [({"weekly_day": "wed"}, timedelta(days=2)), ({"weekly_time": "11:00"}, timedelta(hours=2))],
    ids=["a later day", "a later time"],
)
async def test_a_week_given_its_look_back_gets_no_second_one_after_the_schedule_changes(
    fake: FakeTelegram, run_bot, clock, tmp_path, storage, change, after
):
    """The operator moved the look back to Wednesday (or to 11:00) after Monday's: every group
    would read a second "每周回头看" of the same week. Each local week gets one."""
    config = make_config(tmp_path, fake.base_url, storage=storage)
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    clock.now = MORNING - timedelta(days=2)
    async with run_bot(config) as app:
        fake.say(group, zhang, "3栋门口垃圾又满了")
        await settle(app, fake)
        clock.now = MORNING + timedelta(hours=1, minutes=1)  # Monday 09:01
        assert (await tick(app, fake))["look_backs"] == 1
    changed = make_config(tmp_path, fake.base_url, storage=storage, schedule=change)
    async with run_bot(changed) as app:
        clock.now = MORNING + timedelta(hours=1, minutes=1) + after  # the new time, same week
        assert (await tick(app, fake))["look_backs"] == 0
        clock.now += timedelta(days=7)  # the next week's
        assert (await tick(app, fake))["look_backs"] == 1
    said = [m.text for m in fake.bot_messages(GROUP) if m.text.startswith("🔍")]
    assert len(said) == 2, said


async def test_custom_notices_wait_for_the_morning_and_reminders_keep_working_hours(
    fake: FakeTelegram, run_bot, clock, tmp_path
):
    config = make_config(
        tmp_path,
        fake.base_url,
        notices=[
            {
                "cron": "0 9 10,20,30 * *",
                "chat": "all",
                "text": "每月逢十 居民议事日，下午3点社区活动室",
            },
            {"cron": "30 22 * * *", "chat": GROUP, "text": "夜间提醒：关好单元门"},
        ],
        schedule={"reminder_hours": 4},
    )
    group, zhang, worker = (
        fake.group(GROUP, "3栋群"),
        fake.person(1, "张"),
        fake.person(WORKER_ID, "王"),
    )
    clock.now = datetime(2026, 11, 30, 0, 30, tzinfo=UTC)  # 08:30 on the 30th
    async with run_bot(config) as app:
        fake.say(group, zhang, "3栋电梯坏了")
        await settle(app, fake)
        fake.say(group, worker, "/assign 1")
        await settle(app, fake)
        clock.advance(minutes=31)  # 09:01
        assert (await tick(app, fake))["notices"] == 1
        assert fake.bot_messages(GROUP)[-1].text == "📢 每月逢十 居民议事日，下午3点社区活动室"
        clock.now = datetime(2026, 11, 30, 14, 31, tzinfo=UTC)  # 22:31: quiet hours
        assert (await tick(app, fake))["notices"] == 1
        assert "关好单元门" not in fake.bot_messages(GROUP)[-1].text
        clock.now = datetime(2026, 11, 30, 23, 1, tzinfo=UTC)  # 07:01 next morning
        await tick(app, fake)
        assert fake.bot_messages(GROUP)[-1].text == "📢 夜间提醒：关好单元门"

        clock.now = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # 10:00, 25 h after: overdue
        before = len(fake.bot_messages(GROUP))
        counts = await tick(app, fake)
        # one post for the occasion: the escalation (现场立办) tells the group, no reminder too
        assert counts["escalated"] == 1 and counts["reminders"] == 0
        assert len(fake.bot_messages(GROUP)) == before + 1
        assert "#1【电梯】3栋" in fake.bot_messages(GROUP)[-1].text
        clock.advance(hours=3)
        assert (await tick(app, fake))["reminders"] == 0  # not again within 4 h
        clock.now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)  # 20:00: after working hours
        assert (await tick(app, fake))["reminders"] == 0
        clock.now = datetime(2026, 12, 2, 1, 0, tzinfo=UTC)  # 09:00 next day
        assert (await tick(app, fake))["reminders"] == 1
        assert fake.bot_messages(GROUP)[-1].text.startswith("⏰ 提醒 王：#1【电梯】3栋 已超时")


async def test_digest_periods_are_exact_in_local_time_across_the_month_end(
    fake, run_bot, clock, tmp_path, storage
):
    config = make_config(tmp_path, fake.base_url, storage=storage)
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张")
    async with run_bot(config) as app:
        clock.now = datetime(2026, 11, 30, 11, 59, tzinfo=UTC)  # 19:59 on Nov 30, local
        fake.say(group, zhang, "3栋电梯坏了")
        await settle(app, fake)
        clock.now = datetime(2026, 11, 30, 12, 0, 1, tzinfo=UTC)  # just after 20:00: next period
        fake.say(group, zhang, "5栋垃圾没人收")
        await settle(app, fake)
        clock.now = datetime(2026, 11, 30, 16, 1, tzinfo=UTC)  # 00:01 on Dec 1, local
        fake.say(group, zhang, "7栋楼道灯坏了")
        await settle(app, fake)
        bulletins = app.bot_data[SERVICES_KEY].bulletins
        late = datetime(2026, 12, 5, tzinfo=UTC)
        november = await bulletins.digest(GROUP, datetime(2026, 11, 30).date(), late)
        december = await bulletins.digest(GROUP, datetime(2026, 12, 1).date(), late)
    assert "新增 1 件" in november and "#1【电梯】" in november.split("未办结")[0]
    assert december.startswith("📋 3栋群 · 12月1日 诉求日报（昨日20:00以来）")
    new_in_december = december.split("未办结")[0]
    assert "新增 2 件" in december and "#2【环境卫生】" in new_in_december
    assert "#3【照明】" in new_in_december and "#1" not in new_in_december


async def test_an_old_ledger_imported_into_a_live_group_stays_history(
    fake: FakeTelegram, run_bot, config, clock, tmp_path: Path
):
    from openpyxl import Workbook

    from bot.ledger.rows import CategoryTable
    from bot.ledger.xlsx import stream_workbook

    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    book = Workbook()
    sheet = book.active
    sheet.append(["群", "类别", "反映内容", "受理时间", "承办人", "时限"])
    sheet.append(["3栋群", "电梯", "3栋电梯异响", "2026-10-08 09:15", None, "2026-10-09 09:15"])
    sheet.append(["3栋群", "照明", "5栋楼道灯不亮", "2026/10/3", "小王", "2026-10-06 09:00"])
    book.save(tmp_path / "old.xlsx")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(group, zhang, "早上好")
        await settle(app, fake)
        rows = stream_workbook(
            tmp_path / "old.xlsx", CategoryTable.of(config.categories), config.schedule.tz
        )
        assert (await services.stores.ledger.import_stream(rows, clock())).tickets == 2
        fake.say(group, zhang, "8栋电梯坏了 关不上门")  # a live one, overdue in time
        await settle(app, fake)
        recent = [["3栋群", "照明", "9栋楼道灯坏了", clock().strftime("%Y-%m-%d %H:%M"), None]]
        recent[0].append((clock() + timedelta(hours=30)).strftime("%Y-%m-%d %H:%M"))
        book = Workbook()
        book.active.append(["群", "类别", "反映内容", "受理时间", "承办人", "时限"])
        book.active.append(recent[0])
        book.save(tmp_path / "recent.xlsx")
        rows = stream_workbook(
            tmp_path / "recent.xlsx", CategoryTable.of(config.categories), config.schedule.tz
        )
        assert (await services.stores.ledger.import_stream(rows, clock())).tickets == 1
        fake.say(group, fake.person(2, "李叔"), "9栋楼道灯坏了")  # joins the ledger's row #4
        await settle(app, fake)
        assert "#4" in fake.bot_messages(GROUP)[-1].text
        clock.advance(days=5)
        for _ in range(4):
            clock.advance(hours=3)
            await run_schedule(services)
            await settle(app, fake)
    told = [m.text for m in fake.bot_messages(GROUP)]
    escalations = [t for t in told if "督办" in t]
    assert {"#3" in t or "#4" in t for t in escalations} == {True}  # only the live tickets
    assert any("#4" in t for t in escalations)  # a resident's report made the row live
    assert not any("异响" in t or "楼道灯不亮" in t for t in told if "日报" not in t)


async def test_a_group_the_bot_was_removed_from_hears_no_stale_escalations_on_its_return(
    fake: FakeTelegram, run_bot, clock
):
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(group, zhang, "3栋电梯坏了 关不上")
        await settle(app, fake)
        told = len(fake.bot_messages(GROUP))
        fake.bot_membership(group, "member", "kicked")
        fake.blocked.add(GROUP)
        await settle(app, fake)
        for _ in range(12):  # two days without the bot: the ticket is raised all the same
            clock.advance(hours=4)
            await run_schedule(services)
            await settle(app, fake)
        level = (await services.stores.tickets.get(1)).escalation_level
        fake.blocked.discard(GROUP)
        fake.bot_membership(group, "kicked", "member")
        await settle(app, fake)
        clock.advance(minutes=1)
        await run_schedule(services)
        await settle(app, fake)
    assert level >= 1
    assert not any("督办升级 · 1级" in m.text for m in fake.bot_messages(GROUP)[told:])


async def test_a_notice_for_working_days_follows_the_calendar(
    fake: FakeTelegram, run_bot, clock, tmp_path
):
    """ "网格站今天8:30开门" on working days only: not on the National Day holidays (a
    Thursday among them), but on the Saturday worked instead (调休); its rest-day twin the
    other way round."""
    config = make_config(
        tmp_path,
        fake.base_url,
        notices=[
            {"cron": "0 9 * * *", "chat": "all", "text": "网格站今天8:30开门", "days": "workdays"},
            {
                "cron": "0 9 * * *",
                "chat": "all",
                "text": "今天休息，急事打值班电话",
                "days": "restdays",
            },
        ],
        calendar={"holidays": ["2026-10-01..2026-10-07"], "workdays": ["2026-10-10"]},
    )
    group = fake.group(GROUP, "3栋群")
    said: list[str] = []
    clock.now = datetime(2026, 9, 30, 0, 30, tzinfo=UTC)  # 08:30: the bot is in the group
    async with run_bot(config) as app:
        fake.say(group, fake.person(1, "张阿姨"), "大家早上好")
        await settle(app, fake)
        for day in (30, 1, 9, 10, 11):  # Wed 30 Sep, Thu 1 Oct, Fri 9, Sat 10 (worked), Sun 11
            month = 9 if day == 30 else 10
            clock.now = datetime(2026, month, day, 1, 1, tzinfo=UTC)  # 09:01 in Shanghai
            assert (await tick(app, fake))["notices"] == 1  # one of the two, every day
            said.append(fake.bot_messages(GROUP)[-1].text)
    assert said == [
        "📢 网格站今天8:30开门",
        "📢 今天休息，急事打值班电话",
        "📢 网格站今天8:30开门",
        "📢 网格站今天8:30开门",
        "📢 今天休息，急事打值班电话",
    ]
