"""What `learned` shows of the residents' words (QA round 30): the lessons behind each weight,
with their phone numbers hidden, as everywhere the bot repeats a resident's words."""

from __future__ import annotations

import asyncio
import json

from bot.devtools.runner import settle
from tests.cli.test_cli import run_cli
from tests.e2e.test_triage import notice_of, workers_started
from tests.engines import storage_toml
from tests.factories import WORKER_ID

GROUP = -30301
SLOW = ("快递又好慢 13912345678", "顺丰快递好慢", "快递又好慢 电话150-1234-5678")


async def test_learned_hides_the_phone_numbers_in_its_examples(fake, run_bot, config, tmp_path):
    """Three 研判 items dismissed: `learned` printed "快递又好慢 13912345678" under each
    weight, a resident's phone for whoever reads the operator's terminal or a pasted report."""
    group, wang = fake.group(GROUP, "3栋群"), fake.person(WORKER_ID, "网格员小王")
    async with run_bot() as app:
        await workers_started(app, fake, wang)
        for n, text in enumerate(SLOW, start=1):
            fake.say(group, fake.person(n, f"居民{n}"), text)
            await settle(app, fake)
            fake.press(notice_of(fake, WORKER_ID), wang, f"triage:{n}:d")  # 不是诉求
            await settle(app, fake)
    config_file = tmp_path / "learned.toml"
    config_file.write_text(storage_toml(config), encoding="utf-8")
    shown = await asyncio.to_thread(run_cli, "learned", "--config", str(config_file))
    as_json = await asyncio.to_thread(run_cli, "learned", "--config", str(config_file), "--json")
    assert shown.returncode == 0 == as_json.returncode, shown.stderr + as_json.stderr
    assert "3 lesson(s)" in shown.stdout and "快递又好慢 139****5678" in shown.stdout
    report = json.loads(as_json.stdout)
    examples = {e for w in report["weights"] for e in w["examples"]}
    assert "快递又好慢 139****5678" in examples and "顺丰快递好慢" in examples, examples
    for out in (shown.stdout, as_json.stdout):
        assert "12345678" not in out and "1234-5678" not in out, out
