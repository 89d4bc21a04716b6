"""A worker's slips while the bot learns from them, through the real bot (QA round 16): a
category corrected back and forth, 不是诉求 pressed and then regretted with /new. What the bot
says, and what it learns, must follow what the worker finally decided."""

from __future__ import annotations

import asyncio
import json
import re

from bot.devtools.runner import settle
from bot.runtime.services import SERVICES_KEY
from tests.cli.test_cli import run_cli
from tests.e2e.test_triage import UNSURE_FLOOD, notice_of, workers_started
from tests.engines import rows, storage_toml
from tests.factories import WORKER2_ID, WORKER_ID

GROUP = -16101


async def test_a_category_it_already_has_is_no_correction_and_teaches_nothing(
    fake, run_bot, config
):
    """/category back and forth: each change is said in the group and kept as a lesson; the
    category the ticket already has (typed twice, or chosen again on the desk) changes
    nothing, so the group is not told 类别已更正 and the running bot learns no lesson that
    storage does not keep (a restart would forget it)."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(group, zhang, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        fake.say(group, wang, "/category 1 water")  # the wrong one
        await settle(app, fake)
        assert fake.bot_messages(GROUP)[-1].text.startswith("#1【供水排水】3栋2单元 类别已更正")
        fake.say(group, wang, "/category 1 电梯")  # back
        await settle(app, fake)
        assert fake.bot_messages(GROUP)[-1].text.startswith("#1【电梯】3栋2单元 类别已更正")
        told = len(fake.bot_messages(GROUP))
        fake.say(group, wang, "/category 1 lift")  # sent again: it is that already
        await settle(app, fake)
        said = fake.bot_messages(GROUP)
        assert len(said) == told + 1
        assert "类别已更正" not in said[-1].text
        assert said[-1].text == "#1【电梯】3栋2单元 已经是这个类别了，不用再更正。"
        adapted = services.classifier.adapted
        assert adapted is not None
        taught = adapted.lessons
    kept = rows(config, "SELECT category, source FROM lessons ORDER BY id")
    assert kept == [("water", "category"), ("lift", "category")]
    assert taught == len(kept)  # the running bot learned what a restart reads back
    events = rows(config, "SELECT detail FROM events WHERE action = 'category' ORDER BY id")
    assert events == [("lift→water",), ("water→lift",)]


async def test_the_desk_s_category_form_sent_unchanged_says_so_and_tells_the_group_nothing(
    fake, run_bot, tmp_path, storage
):
    """The desk's 更正类别 form shows the ticket's own category chosen: sent as it is, the
    group heard 类别已更正 and nothing had changed. Now the page says it is that already."""
    import httpx

    from tests.e2e.test_desk import _csrf, desk_config
    from tests.e2e.test_desk_office import log_in, plain

    config, base = desk_config(tmp_path, fake, storage)
    group = fake.group(GROUP, "3栋群")
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        fake.say(group, fake.person(1, "张阿姨"), "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        await log_in(app, fake, web)
        told = len(fake.bot_messages(GROUP))
        page = (await web.get("/tickets/1")).text
        form = {"csrf": _csrf(page), "nonce": "as-shown", "category": "lift"}
        sent = await web.post("/tickets/1/category", data=form)
        await settle(app, fake)
        assert len(fake.bot_messages(GROUP)) == told
    assert sent.status_code == 400 and "已经是这个类别了" in plain(sent.text)
    assert rows(config, "SELECT count(*) FROM lessons") == [(0,)]


async def test_not_a_complaint_regretted_with_new_settles_the_item_as_filed(
    fake, run_bot, config, clock
):
    """小王 presses 不是诉求, then sees the resident meant it and files her message with /new as
    a reply. The colleagues' notices said 已判定不是诉求 for good (小陈 would have left it, or
    filed it again), and the day's digest counted 不是诉求 1 beside the very ticket. Now every
    copy says it is filed as #1, and the digest no longer calls it chatter; both lessons are
    kept, the later one is the worker's last word."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang, chen = fake.person(WORKER_ID, "网格员小王"), fake.person(WORKER2_ID, "网格员小陈")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        await workers_started(app, fake, wang, chen)
        said = fake.say(group, zhang, UNSURE_FLOOD)
        await settle(app, fake)
        mine, theirs = notice_of(fake, WORKER_ID), notice_of(fake, WORKER2_ID)
        fake.press(mine, wang, "triage:1:d")
        await settle(app, fake)
        assert "不是诉求" in theirs.text
        fake.say(group, wang, "/new", reply_to=said)
        await settle(app, fake)
        assert fake.bot_messages(GROUP)[-1].text.startswith("已受理 #1【供水排水】")
        for copy in (mine, theirs):
            assert "已登记为 #1【供水排水】" in copy.text and "不是诉求" not in copy.text
            assert copy.reply_markup is None
        digest = await services.bulletins.digest(GROUP, clock().date(), clock())
    assert digest is not None and "不是诉求 1" not in digest and "#1【供水排水】" in digest
    assert rows(config, "SELECT state, ticket_id FROM triage") == [("filed", 1)]
    assert rows(config, "SELECT is_complaint, source FROM lessons ORDER BY id") == [
        (0, "triage"),
        (1, "new"),
    ]


async def test_a_message_the_worker_took_back_is_no_example_of_what_it_no_longer_is(
    fake, run_bot, config, tmp_path
):
    """小王 files "铁罐罐又卡了" from 研判 as a lift, then learns she spoke of her office's
    lift and cancels it as no complaint; four more reports of 铁罐罐 (this compound's lift) he
    files himself. `learned` listed '铁罐罐' → 电梯 (4 for, 1 against) with the cancelled message
    as its first example: the one lesson against it, shown as the reason for it."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "网格员小王")
    taken_back = "铁罐罐又卡了"
    async with run_bot() as app:
        await workers_started(app, fake, wang)
        fake.say(group, zhang, taken_back)
        await settle(app, fake)
        fake.press(notice_of(fake, WORKER_ID), wang, "triage:1:f")
        await settle(app, fake)
        fake.say(group, wang, "/cancel 1 不是诉求，她说的是单位的电梯")
        await settle(app, fake)
        for words in (
            "5栋铁罐罐又停了",
            "2栋铁罐罐卡在五楼",
            "7栋铁罐罐按钮没反应",
            "6栋铁罐罐停在8楼",
        ):
            fake.say(group, wang, f"/new {words}")
            await settle(app, fake)
    assert rows(config, "SELECT category FROM tickets WHERE id > 1") == [("lift",)] * 4
    config_file = tmp_path / "learned.toml"
    config_file.write_text(storage_toml(config), encoding="utf-8")
    shown = await asyncio.to_thread(run_cli, "learned", "--config", str(config_file), "--json")
    assert shown.returncode == 0, shown.stderr
    item = next(i for i in json.loads(shown.stdout)["items"] if i["phrase"] == "铁罐罐")
    assert (item["label"], item["support"], item["against"]) == ("lift", 4, 1)
    assert taken_back not in item["examples"]
    assert item["examples"] == ["5栋铁罐罐又停了", "2栋铁罐罐卡在五楼", "7栋铁罐罐按钮没反应"]
    words = await asyncio.to_thread(run_cli, "learned", "--config", str(config_file))
    assert "'铁罐罐' → 电梯  (4 for, 1 against)\n    5栋铁罐罐又停了\n" in words.stdout
    # each weight is named as a person reads it: categories by name, lengths in characters
    assert "of length" not in words.stdout
    # ("the lexicon's words for a problem" is English, not a category's id)
    raw_id = r"(category|words for|danger .*, of) (?!an?\b|the\b)[a-z_]+\b"
    assert not re.search(raw_id, words.stdout)


async def test_a_ticket_filed_with_the_workers_own_words_and_done_is_one_lesson_s_worth(
    fake, run_bot, config, tmp_path
):
    """小王 files a report the bot missed with /new as a reply, adding where (3栋电梯), and
    closes it. Its two lessons kept two wordings of one message (the resident's words with
    his, then the ticket's summary), and the learned layer counted both: one report made
    '铁罐罐' → 电梯 (2 for), listed with itself twice as examples. A ticket's lessons are one
    message's, in the running bot and after a restart alike."""
    group, wang = fake.group(GROUP, "3栋群"), fake.person(WORKER_ID, "网格员小王")
    reports = (("铁罐罐按钮没反应", "3栋电梯"), ("铁罐罐门口一滩水", "5栋电梯门口"))
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        for n, (words, added) in enumerate(reports, start=1):
            said = fake.say(group, fake.person(n, f"居民{n}"), words)
            await settle(app, fake)
            fake.say(group, wang, f"/new {added}", reply_to=said)
            await settle(app, fake)
            assert fake.bot_messages(GROUP)[-1].text.startswith(f"已受理 #{n}【电梯】")
            fake.say(group, wang, f"/done {n} 已处理")
            await settle(app, fake)
        learned = services.classifier.learned
        assert learned is not None
        running = learned.items()["铁罐罐"].support
    assert rows(config, "SELECT source, ticket_id FROM lessons ORDER BY id") == [
        ("new", 1), ("done", 1), ("new", 2), ("done", 2)
    ]  # fmt: skip
    config_file = tmp_path / "learned.toml"
    config_file.write_text(storage_toml(config), encoding="utf-8")
    shown = await asyncio.to_thread(run_cli, "learned", "--config", str(config_file), "--json")
    item = next(i for i in json.loads(shown.stdout)["items"] if i["phrase"] == "铁罐罐")
    assert (item["label"], item["support"], item["against"]) == ("lift", 2, 0)
    assert item["examples"] == ["铁罐罐按钮没反应 3栋电梯", "铁罐罐门口一滩水 5栋电梯门口"]
    assert running == 2


async def test_a_resident_who_tries_to_teach_it_teaches_nothing(fake, run_bot, config):
    """Residents' own words never teach: 王阿姨, who finds the bot slow to understand her,
    answers a neighbour's words with /new, withdraws her own ticket, tries /category, /merge
    and /done, and taps a 研判 button a worker forwarded her. The bot answers each as it
    answers a resident; no lesson is kept, and the running bot learned nothing either."""
    group = fake.group(GROUP, "3栋群")
    wang_ayi, li = fake.person(11, "王阿姨"), fake.person(12, "李叔")
    xiao_wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        await workers_started(app, fake, xiao_wang)
        chatter = fake.say(group, li, "今天早上好冷啊")
        await settle(app, fake)
        fake.say(group, wang_ayi, "/new", reply_to=chatter)  # as she saw a worker do
        await settle(app, fake)
        assert fake.bot_messages(GROUP)[-1].text.startswith("请在 /new 后面写上")
        fake.say(group, wang_ayi, "3栋2单元电梯坏了 门关不上")
        await settle(app, fake)
        for command in ("/category 1 water", "/merge 1 1", "/done 1 好了"):
            fake.say(group, wang_ayi, command)
            await settle(app, fake)
            assert "只有网格员" in fake.bot_messages(GROUP)[-1].text, command
        fake.say(group, wang_ayi, "/cancel 1")  # her own: withdrawn, no "not a complaint"
        await settle(app, fake)
        assert "已撤销" in fake.bot_messages(GROUP)[-1].text
        fake.say(group, li, UNSURE_FLOOD)
        await settle(app, fake)
        fake.press(notice_of(fake, WORKER_ID), wang_ayi, "triage:1:d")
        await settle(app, fake)
        assert fake.callback_answers[-1]["text"] == "只有网格员可以研判群消息"
        taught = services.classifier.learned
    assert rows(config, "SELECT count(*) FROM lessons") == [(0,)]
    assert rows(config, "SELECT state FROM triage") == [("pending",)]
    assert taught is None  # nothing was ever taught to the running bot


async def test_two_workers_answering_one_item_at_once_teach_one_lesson(fake, run_bot, config):
    """小王 taps 登记为诉求 and 小陈 不是诉求 on their own copies at the same moment: the first
    answer counts, the other is told who answered, both copies say the same, and the bot learns
    one lesson — the answer that counted — in storage and in the running bot alike."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang, chen = fake.person(WORKER_ID, "网格员小王"), fake.person(WORKER2_ID, "网格员小陈")
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        await workers_started(app, fake, wang, chen)
        fake.say(group, zhang, UNSURE_FLOOD)
        await settle(app, fake)
        mine, theirs = notice_of(fake, WORKER_ID), notice_of(fake, WORKER2_ID)
        fake.press(mine, wang, "triage:1:f")
        fake.press(theirs, chen, "triage:1:d")  # before the bot answered either
        await settle(app, fake)
        answers = {a["text"] for a in fake.callback_answers[-2:]}
        adapted = services.classifier.adapted
        assert adapted is not None
        taught = adapted.lessons
    (state, who), *more = rows(config, "SELECT state, decided_name FROM triage")
    assert not more
    other = "网格员小陈" if who == "网格员小王" else "网格员小王"
    assert answers == {"已处理，谢谢", f"这条已由 {who} 研判过了"}
    assert mine.text == theirs.text and mine.reply_markup is None is theirs.reply_markup
    assert other not in mine.text
    lessons = rows(config, "SELECT is_complaint, source, actor_id FROM lessons")
    assert lessons == [
        (int(state == "filed"), "triage", WORKER_ID if who == "网格员小王" else WORKER2_ID)
    ]
    assert taught == 1
    tickets = rows(config, "SELECT count(*) FROM tickets")[0][0]
    assert tickets == (1 if state == "filed" else 0)


NOTICES = (  # the property's steward answers residents in the group, and the bot files it
    "有业主反映楼道灯不亮 已经安排更换 管家小刘",
    "有业主反映垃圾桶满了 保洁马上清运 管家小刘",
    "有业主反映电梯异响 维保下午来看 管家小刘",
)


async def test_a_notice_cancelled_as_the_property_s_notice_teaches_not_a_complaint(
    fake, run_bot, config
):
    """The steward's notices read like complaints and are acknowledged in the group; 小王
    withdraws each, saying why as he would: /cancel 1 物业通知, /cancel 2 是物业发的公告. Only a
    reason from a short list (不是诉求, 闲聊, 广告, 误报 …) taught, so these taught nothing and
    the third notice was acknowledged in public again, though the README promises a worker's
    /cancel teaches 'not a complaint' unless the reason says it went away or was a duplicate."""
    group, steward = fake.group(GROUP, "3栋群"), fake.person(300, "管家小刘")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        await workers_started(app, fake, wang)
        for number, reason in ((1, "物业通知"), (2, "是物业发的公告")):
            fake.say(group, steward, NOTICES[number - 1])
            await settle(app, fake)
            assert fake.bot_messages(GROUP)[-1].text.startswith(f"已受理 #{number}")
            fake.say(group, wang, f"/cancel {number} {reason}")
            await settle(app, fake)
        public = len(fake.bot_messages(GROUP))
        fake.say(group, steward, NOTICES[2])
        await settle(app, fake)
        assert len(fake.bot_messages(GROUP)) == public  # to a worker first, not to the group
        assert NOTICES[2] in notice_of(fake, WORKER_ID).text
    assert rows(config, "SELECT is_complaint, source FROM lessons") == [(0, "cancel")] * 2


async def test_a_merge_across_categories_teaches_no_category(fake, run_bot, config):
    """A power cut stopped the lift: the worker keeps the two reports as one incident. That says
    "the same incident", not that the lift's words are the power supply's: nothing is learned
    from it (the bot's own lessons and the one kept for `learned`)."""
    group, wang = fake.group(GROUP, "3栋群"), fake.person(WORKER_ID, "网格员小王")
    async with run_bot(config) as app:
        services = app.bot_data[SERVICES_KEY]
        fake.say(group, fake.person(1, "张阿姨"), "3栋停电了 家里黑灯瞎火")
        await settle(app, fake)
        fake.say(group, fake.person(2, "李叔"), "3栋的电梯又不动了 上不去")
        await settle(app, fake)
        assert rows(config, "SELECT category FROM tickets ORDER BY id") == [("power",), ("lift",)]
        fake.say(group, wang, "/merge 1 2")
        await settle(app, fake)
        adapted = services.classifier.adapted
    merged = rows(config, "SELECT status, merged_into FROM tickets WHERE id = 2")
    assert merged == [("cancelled", 1)]
    assert rows(config, "SELECT count(*) FROM lessons WHERE source = 'merge'") == [(0,)]
    assert adapted is None or adapted.lessons == 0  # the running bot learned nothing either
