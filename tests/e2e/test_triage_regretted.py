"""A worker's 不是诉求 regretted with /new in his own words (QA round 39): what the bot learns
must be his last word about the resident's message, not both."""

from __future__ import annotations

import asyncio
import json

from bot.classify.learning import NOT_A_COMPLAINT
from bot.devtools.fakeapi.protocol import Fault
from bot.devtools.runner import settle
from bot.runtime.services import SERVICES_KEY
from tests.cli.test_cli import run_cli
from tests.e2e.test_schedule_backlog import passes_around_the_backlog
from tests.e2e.test_triage import notice_of, workers_started
from tests.engines import rows, storage_toml
from tests.factories import WORKER_ID

GROUP = -39101


async def test_not_a_complaint_regretted_with_new_in_the_workers_words_is_unlearned(
    fake, run_bot, config, tmp_path
):
    """小王 presses 不是诉求 on two of the residents' words about 铁罐罐 (the compound's lift),
    then files each with /new under it, adding where. The dismissal's lesson stayed beside the
    /new's (which has his words too, so it was another message to the learned layer): the bot
    learned both, and '铁罐罐' was as much chatter as a lift. The later decision now replaces
    the earlier one, in the running bot and in what `learned` reads back."""
    wang = fake.person(WORKER_ID, "网格员小王")
    reports = (("铁罐罐又卡了", "3栋电梯"), ("铁罐罐又抽风了", "5栋电梯"))
    async with run_bot() as app:
        services = app.bot_data[SERVICES_KEY]
        await workers_started(app, fake, wang)
        for n, (words, added) in enumerate(reports, start=1):
            group = fake.group(GROUP - n, f"{n}栋群")  # one lift each: not one ticket
            said = fake.say(group, fake.person(n, f"居民{n}"), words)
            await settle(app, fake)
            fake.press(notice_of(fake, WORKER_ID), wang, f"triage:{n}:d")  # 不是诉求
            await settle(app, fake)
            fake.say(group, wang, f"/new {added}", reply_to=said)
            await settle(app, fake)
            assert fake.bot_messages(GROUP - n)[-1].text.startswith(f"已受理 #{n}【电梯】")
        learned = services.classifier.learned
        assert learned is not None
        running = learned.state()["labels"]
    assert NOT_A_COMPLAINT not in running.values(), running
    config_file = tmp_path / "learned.toml"
    config_file.write_text(storage_toml(config), encoding="utf-8")
    shown = await asyncio.to_thread(run_cli, "learned", "--config", str(config_file), "--json")
    assert shown.returncode == 0, shown.stderr
    items = {i["phrase"]: i for i in json.loads(shown.stdout)["items"]}
    assert (items["铁罐罐"]["label"], items["铁罐罐"]["support"]) == ("lift", 2), items
    assert items["铁罐罐"]["against"] == 0
    assert not [i for i in items.values() if i["label"] == NOT_A_COMPLAINT]


async def test_a_press_made_in_time_while_the_bot_was_down_wins_over_the_first_timeout_pass(
    fake, run_bot, config, clock
):
    """小王 pressed 不是诉求 in time, while the bot was down for an upgrade; it came back after
    the hour. Its first schedule pass, two seconds after the start, filed the item before the
    backlog of updates with his press was fetched: 已受理 in the group for chatter, and his press
    told the clock had filed it. The timeout now files nothing until that backlog is handled."""
    group, zhang = fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨")
    wang = fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        await workers_started(app, fake, wang)
        fake.say(group, zhang, "铁罐罐又卡了")
        await settle(app, fake)
        notice = notice_of(fake, WORKER_ID)
    clock.advance(minutes=30)
    fake.press(notice, wang, "triage:1:d")  # in time, while the bot is down
    clock.advance(minutes=40)
    backlog = asyncio.Event()
    fake.faults.append(Fault("getUpdates", 0, ""))  # the start's confirmation of the inbox
    fake.faults.append(Fault("getUpdates", 0, "", hold=backlog))  # the backlog, still on its way
    async with run_bot() as app:
        waiting = await passes_around_the_backlog(
            app, fake, config, "SELECT state FROM triage", backlog
        )
    assert waiting == [("pending",)]
    assert rows(config, "SELECT state, how FROM triage") == [("dismissed", "worker")]
    assert rows(config, "SELECT count(*) FROM tickets") == [(0,)]
    assert fake.bot_messages(GROUP) == []
