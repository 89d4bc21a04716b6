"""The command line: demo offline, export while the bot runs."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from tests.engines import storage_toml

ROOT = Path(__file__).resolve().parents[2]


def run_cli(
    *args: str, timeout: float = 120, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
        env=env,
    )


def test_demo_replays_a_morning_offline_and_cleans_up(tmp_path: Path):
    proxied = {"http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9"}
    env = {**os.environ, "TMPDIR": str(tmp_path), **proxied, "NO_PROXY": "", "no_proxy": ""}
    result = run_cli("demo", env=env)  # its own /tmp, and a proxy set as many machines do
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "大家好，我是院子" in out  # the group that adds it is told what to do, once
    assert "已受理 #1【电梯】3栋2单元" in out and "[接单]" in out
    assert "已合并到 #1【电梯】3栋2单元（已有 2 户反映）" in out
    assert "已由 网格员小王 接单" in out
    assert "已办结" in out and "张阿姨、李叔 请看看问题是否已经解决" in out
    assert "[满意] [基本满意] [不满意]" in out
    assert "谢谢 张阿姨 的评价（满意）" in out and "[点了「满意」]" in out
    assert "抱歉，这个操作只有网格员可以做" in out
    assert "本群待办诉求" in out
    assert "李叔：[图片]" in out and "照片已附到 #2【环境卫生】3栋" in out
    assert "台账" in out
    assert not list(tmp_path.glob("yuanzi-demo-*"))


async def test_export_while_the_bot_runs(fake: FakeTelegram, run_bot, config, tmp_path: Path):
    group, zhang = fake.group(-7, "3栋群"), fake.person(1, "张阿姨")
    config_file = tmp_path / "export.toml"
    config_file.write_text(storage_toml(config), encoding="utf-8")
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了 一直没人修 电话13812345678")
        fake.say(group, zhang, "垃圾桶满了没人收")
        await settle(app, fake)
        jsonl = await asyncio.to_thread(run_cli, "export", "--config", str(config_file))
        out_csv = tmp_path / "out" / "ledger.csv"
        made = await asyncio.to_thread(
            run_cli,
            "export",
            "--config",
            str(config_file),
            "--format",
            "csv",
            "--output",
            str(out_csv),
        )
    assert jsonl.returncode == 0, jsonl.stderr
    records = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert [r["id"] for r in records] == [1, 2]
    first = records[0]
    assert set(first) == {
        "id", "chat_id", "category", "status", "location", "urgent", "created_at",
        "assignee_id", "assigned_at", "done_at", "done_note", "rating", "households_rated",
        "households_pleased", "due_at", "escalation_level", "team", "reports",
    }  # fmt: skip
    assert first["category"] == "lift" and first["status"] == "open" and first["rating"] is None
    assert first["created_at"].endswith("+00:00")
    [reported] = first["reports"]
    # The full text, phone number included, for workers:
    assert reported["text"] == "3栋2单元电梯坏了 一直没人修 电话13812345678"
    assert set(reported) == {"chat_id", "message_id", "user_id", "text", "received_at", "staff"}
    assert made.returncode == 0, made.stderr
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8-sig"))))
    assert [r["id"] for r in rows] == ["1", "2"]
    assert json.loads(rows[0]["reports"])[0]["message_id"] == reported["message_id"]


def test_export_without_a_database_says_so(tmp_path: Path):
    config_file = tmp_path / "c.toml"
    config_file.write_text('[storage]\npath = "nothing.sqlite3"\n', encoding="utf-8")
    result = run_cli("export", "--config", str(config_file))
    assert result.returncode == 2 and "no database" in result.stderr


async def test_backup_while_the_bot_runs(fake: FakeTelegram, run_bot, config, tmp_path: Path):
    group, zhang = fake.group(-8, "3栋群"), fake.person(1, "张阿姨")
    config_file = tmp_path / "backup.toml"
    config_file.write_text(storage_toml(config), encoding="utf-8")
    copy = tmp_path / "backups" / "copy.sqlite3"
    if config.storage.url is not None:  # PostgreSQL: pg_dump's job, said in one line
        refused = run_cli("backup", "--config", str(config_file), "--output", str(copy))
        assert refused.returncode == 2 and "pg_dump" in refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1 and not copy.exists()
        return
    async with run_bot() as app:
        fake.say(group, zhang, "3栋2单元电梯坏了")
        await settle(app, fake)
        made = await asyncio.to_thread(
            run_cli, "backup", "--config", str(config_file), "--output", str(copy)
        )
        fake.say(group, zhang, "5栋垃圾没人收")  # the bot keeps working during and after
        await settle(app, fake)
    assert made.returncode == 0, made.stderr
    assert "integrity ok" in made.stderr
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT count(*) FROM tickets").fetchone() == (1,)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    refused = run_cli("backup", "--config", str(config_file), "--output", str(config.storage.path))
    assert refused.returncode == 2


def test_output_cut_short_by_the_reader_ends_quietly():
    """`python -m bot demo | head -3`: no traceback when the pipe closes."""
    demo = subprocess.Popen(
        [sys.executable, "-m", "bot", "demo"], cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    assert demo.stdout is not None and demo.stderr is not None
    first = demo.stdout.readline()
    demo.stdout.close()
    errors = demo.stderr.read().decode()
    demo.wait(timeout=120)
    assert "院子" in first.decode() and "Traceback" not in errors
