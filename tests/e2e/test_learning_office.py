"""What the community office reads of what the bot learned (QA round 16): the month's ledger
for the joint meeting carries the month's lessons, as /export and `export --month` do."""

from __future__ import annotations

import asyncio
import json

from openpyxl import load_workbook

from bot.devtools.runner import settle
from tests.cli.test_cli import run_cli
from tests.e2e.test_learning import TRAFFIC
from tests.e2e.test_triage import UNSURE_CHAT, notice_of, workers_started
from tests.engines import rows, storage_toml
from tests.factories import WORKER_ID

GROUP = -16201


async def test_the_monthly_report_s_ledger_keeps_the_month_s_lessons(
    fake, run_bot, config, clock, tmp_path
):
    """`report --month 2026-11` wrote 台账-2026-11.xlsx with the tickets only, though docs/ledger.md
    says it is the ledger "as above" (台账 and 学习记录), and `export --month 2026-11` gives both:
    the office's meeting copy had no word of what the workers taught the bot that month."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        await workers_started(app, fake, wang)
        fake.say(group, zhang, UNSURE_CHAT)
        await settle(app, fake)
        fake.press(notice_of(fake, WORKER_ID), wang, "triage:1:d")  # 不是诉求
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        fake.say(group, wang, "/done 1 门机板已更换")
        await settle(app, fake)
        clock.advance(days=10)  # December: a lesson of another month
        fake.say(group, wang, "/category 1 facilities")
        await settle(app, fake)
    config_file = tmp_path / "office.toml"
    config_file.write_text(storage_toml(config), encoding="utf-8")
    out = tmp_path / "联席会议"
    made = await asyncio.to_thread(
        run_cli, "report", "--config", str(config_file), "--month", "2026-11", "--output", str(out)
    )
    assert made.returncode == 0, made.stderr
    book = load_workbook(out / "台账-2026-11.xlsx")
    assert book.sheetnames == ["台账", "学习记录"]
    taught = list(book["学习记录"].iter_rows(values_only=True))
    assert taught[0] == ("时间", "来源", "判断", "类别", "编号", "内容")
    assert [row[1:6] for row in taught[1:]] == [
        ("研判", "不是诉求", None, None, UNSURE_CHAT),
        ("办结", "诉求", "电梯", 1, "3栋2单元电梯坏了 门关不上"),
    ]  # November's two; December's correction is December's


async def test_learned_says_when_the_bot_does_not_use_what_it_shows(
    fake, run_bot, config, tmp_path
):
    """With [classify] learn = false the bot keeps every lesson (for the ledger, and to learn
    from if it is turned on) but acts on none; `learned` listed them as what it learned."""
    from tests.engines import storage_section
    from tests.factories import make_config

    quiet = make_config(
        tmp_path, fake.base_url, storage=storage_section(config.storage.target),
        classify={"learn": False},
    )  # fmt: skip
    group, wang = fake.group(GROUP, "3栋群"), fake.person(WORKER_ID, "网格员小王")
    async with run_bot(quiet) as app:
        for n, words in enumerate(TRAFFIC[:2], start=1):  # filed: no complaint of ours
            fake.say(group, fake.person(n, f"居民{n}"), words)
            await settle(app, fake)
            fake.say(group, wang, f"/cancel {n}")
            await settle(app, fake)
        public = len(fake.bot_messages(GROUP))
        fake.say(group, fake.person(3, "居民3"), TRAFFIC[2])
        await settle(app, fake)
        assert fake.bot_messages(GROUP)[public:][-1].text.startswith("已受理 #3")  # not learned
    config_file = tmp_path / "office.toml"
    config_file.write_text(storage_toml(quiet) + "\n[classify]\nlearn = false\n", encoding="utf-8")
    words = await asyncio.to_thread(run_cli, "learned", "--config", str(config_file))
    assert words.returncode == 0, words.stderr
    lines = words.stdout.splitlines()
    assert lines[0] == "2 lesson(s) from workers and admins; 1 learned phrase(s)"
    assert lines[1].startswith("learning is off in this config ([classify] learn = false)")
    shown = await asyncio.to_thread(run_cli, "learned", "--config", str(config_file), "--json")
    assert json.loads(shown.stdout)["learning"] is False


LAO_QI_CHATTER = (  # what the workers of this compound keep dismissing: chat about its lift
    "老七今天好慢哦 哈哈", "老七又在唱歌了", "老七门口有人贴小广告", "老七里面贴了新海报",
    "老七今天人好多", "老七又挤满了人", "老七里面的镜子好亮", "老七里面有股香水味",
    "坐老七下楼买菜", "老七今天好干净",
)  # fmt: skip


async def test_however_much_the_workers_dismissed_a_danger_is_never_held_nor_silenced(
    fake, run_bot, config, classifier, clock
):
    """Thirty dismissals of chat about 老七 (the compound's lift): the model's adjustment is in
    use, and plain talk of 老七 now waits for a worker. Someone shut in 老七 is still answered at
    once in the group, with the number to call, and every worker is told in private — and the
    lift reported broken (filed at once before the lessons) is held for a worker at most, and
    filed when nobody answers."""
    from datetime import UTC, datetime

    from bot.core.lessons import Lesson, LessonSource
    from bot.runtime.schedule import supervise
    from bot.runtime.services import SERVICES_KEY

    group, wang = fake.group(GROUP, "3栋群"), fake.person(WORKER_ID, "网格员小王")
    try:
        async with run_bot() as app:
            lessons = app.bot_data[SERVICES_KEY].stores.lessons
            for n in range(3):
                for words in LAO_QI_CHATTER:
                    lesson = Lesson(words + "！" * n, False, None, LessonSource.TRIAGE, WORKER_ID)
                    await lessons.add(lesson, datetime.now(UTC))
        async with run_bot() as app:  # restarted: the thirty lessons are read back
            adapted = app.bot_data[SERVICES_KEY].classifier.adapted
            assert adapted is not None and adapted.active
            await workers_started(app, fake, wang)
            trapped = fake.say(group, fake.person(1, "张阿姨"), "老七里面关着人 快来救命")
            await settle(app, fake)
            ack = fake.bot_messages(GROUP)[-1]
            assert ack.reply_to == trapped["message_id"] and ack.text.startswith("已受理 🚨#1")
            assert any("紧急诉求" in m.text for m in fake.bot_messages(WORKER_ID))
            fake.say(group, fake.person(2, "李叔"), "老七坏了 门关不上 爬楼累死")
            await settle(app, fake)
            assert rows(config, "SELECT count(*) FROM tickets") == [(1,)]  # held for a worker
            clock.advance(minutes=61)
            await supervise(app.bot_data[SERVICES_KEY])
            await settle(app, fake)
            assert fake.bot_messages(GROUP)[-1].text.startswith("已受理 #2")
        assert rows(config, "SELECT urgent FROM tickets ORDER BY id") == [(1,), (0,)]
        assert rows(config, "SELECT state, how FROM triage") == [("filed", "timeout")]
    finally:
        classifier.forget()
