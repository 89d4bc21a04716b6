"""A 研判 item's category buttons after the community removed one of its own categories from
the config and restarted (QA round 38)."""

from __future__ import annotations

from bot.app import build_application
from bot.classify import Classifier
from bot.core.tickets import Person
from bot.devtools.runner import running, settle
from bot.runtime.services import SERVICES_KEY
from tests.e2e.test_triage import UNSURE_CHAT, notice_of, workers_started
from tests.engines import rows
from tests.factories import WORKER_ID, make_config

GROUP = -38301
GAS = {"gas": {"name": "燃气", "keywords": ["燃气表", "天然气费"]}}


async def test_a_category_removed_since_its_button_was_shown_asks_for_another(
    fake, run_bot, tmp_path, storage, clock
):
    """小王 pressed 改类别 while 燃气 was a category; the office removed it and restarted. His
    tap on 燃气 said only "按钮已失效" and left the same buttons, 燃气 among them, to be tapped
    again to no end: he is now told there is no such category, and shown the categories there
    are."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "网格员小王")
    with_gas = make_config(tmp_path, fake.base_url, storage=storage, categories=GAS)
    app = build_application(
        with_gas, clock=clock, classifier=Classifier.load(with_gas.category_extensions())
    )
    async with running(app) as app:
        await workers_started(app, fake, wang)
        fake.say(group, zhang, UNSURE_CHAT)
        await settle(app, fake)
        notice = notice_of(fake, WORKER_ID)
        fake.press(notice, wang, "triage:1:c")
        await settle(app, fake)
    shown = [b["callback_data"] for row in notice.reply_markup["inline_keyboard"] for b in row]
    assert "tcat:1:gas" in shown
    async with run_bot(make_config(tmp_path, fake.base_url, storage=storage)) as app:
        fake.press(notice, wang, "tcat:1:gas")
        await settle(app, fake)
    answered = fake.callback_answers[-1]
    assert "没有这个类别" in answered.get("text", ""), answered
    now = [b["callback_data"] for row in notice.reply_markup["inline_keyboard"] for b in row]
    assert "tcat:1:gas" not in now and "tcat:1:other" in now, now
    assert rows(with_gas, "SELECT state FROM triage") == [("pending",)]


async def test_an_item_guessed_as_a_removed_category_is_filed_under_one_there_is(
    fake, run_bot, config, clock
):
    """An item waited, guessed 燃气 (gas) while the community had that category; it was removed
    and the bot restarted. 小王's 登记为诉求 filed it as `#1【gas】`: a category no list, no
    team and no deadline of the config knows, shown to the resident by its id."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        await workers_started(app, fake, wang)
        fake.say(group, zhang, "大家好")  # the bot knows the group
        await settle(app, fake)
        queued = await app.bot_data[SERVICES_KEY].stores.triage.add(
            GROUP, 500, Person(1, "张阿姨"), "燃气表好像不太对劲", clock(),
            category="gas", location=None, score=0.0,
        )  # fmt: skip
        assert queued is not None
        fake.press(fake.bot_messages(WORKER_ID)[-1], wang, f"triage:{queued.id}:f")
        await settle(app, fake)
    [(category,)] = rows(config, "SELECT category FROM tickets")
    assert category != "gas"
    assert "gas" not in fake.bot_messages(GROUP)[-1].text
