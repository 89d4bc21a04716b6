"""The desk from the command line: `demo --desk` keeps it open with the morning's tickets until
Ctrl-C; `desk-link` prints a one-time link for a worker or admin."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from bot.core.tickets import Person
from storage.stores import Stores, open_database
from tests.cli.test_cli import ROOT, run_cli
from tests.e2e.test_desk import free_port
from tests.factories import ADMIN_ID, T0, WORKER_ID


def test_demo_keeps_the_desk_open_with_a_working_link_until_ctrl_c(tmp_path: Path):
    port = free_port()
    env = {**os.environ, "TMPDIR": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    errors = tmp_path / "stderr.txt"  # a file, not a pipe nobody reads: it never fills up
    with errors.open("w", encoding="utf-8") as stderr:
        proc = subprocess.Popen(  # with Ctrl-C ignored, as a shell's `&` starts it
            [sys.executable, "-m", "bot", "demo", "--desk", "--desk-port", str(port)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=stderr, text=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
        )  # fmt: skip
    try:
        link, deadline = None, time.monotonic() + 180
        assert proc.stdout is not None
        while link is None and time.monotonic() < deadline and proc.poll() is None:
            line = proc.stdout.readline()
            found = re.search(rf"http://127\.0\.0\.1:{port}/login/\S+", line)
            link = found.group(0) if found else None
        assert link, f"no desk link printed: {errors.read_text(encoding='utf-8')[-2000:]}"
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as web:
            assert web.get(link).status_code == 303
            page = web.get("/tickets")
            assert page.status_code == 200 and "垃圾桶满出来" in page.text
    finally:  # never masks what failed above: a demo that will not stop is killed
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, errors.read_text(encoding="utf-8")[-2000:]
    assert not list(tmp_path.glob("yuanzi-demo-*"))


def test_desk_link_prints_a_link_for_staff_only(tmp_path: Path):
    config = tmp_path / "desk.toml"
    config.write_text(
        f'[storage]\npath = "db.sqlite3"\n[roles]\nadmins = [{ADMIN_ID}]\n'
        '[web]\nlisten = "127.0.0.1:8080"\npublic_url = "https://desk.example.org"\n',
        encoding="utf-8",
    )
    missing = run_cli("desk-link", "--config", str(config), "--user", str(ADMIN_ID))
    assert missing.returncode == 2 and missing.stderr.startswith("no database at ")
    assert not (tmp_path / "db.sqlite3").exists()  # a link kept where the bot never looks
    asyncio.run(_created(tmp_path / "db.sqlite3"))
    printed = run_cli("desk-link", "--config", str(config), "--user", str(ADMIN_ID))
    assert printed.returncode == 0, printed.stderr
    assert re.fullmatch(r"https://desk\.example\.org/login/[\w-]{40,}\n", printed.stdout)
    refused = run_cli("desk-link", "--config", str(config), "--user", "42")
    assert refused.returncode == 2 and "42 is not in [roles]" in refused.stderr


def test_a_desk_link_from_the_shell_carries_the_persons_name(tmp_path: Path):
    """A link printed by desk-link was nameless: every desk action of its session was told to
    the group as 已由 邻居 接单 (已派给 … 办理（ 派单）), the history said 系统, and a ticket
    taken showed 承办人 未接单. It carries the name the bot knows, or 网格员（编号 N）."""
    config = tmp_path / "desk.toml"
    config.write_text(
        f'[storage]\npath = "db.sqlite3"\n[roles]\nworkers = [{WORKER_ID}]\n'
        f'admins = [{ADMIN_ID}]\n[web]\nlisten = "127.0.0.1:8080"\n',
        encoding="utf-8",
    )
    asyncio.run(_met(tmp_path / "db.sqlite3", Person(ADMIN_ID, "社区老刘")))
    for user in (ADMIN_ID, WORKER_ID):
        printed = run_cli("desk-link", "--config", str(config), "--user", str(user))
        assert printed.returncode == 0, printed.stderr
    assert asyncio.run(_link_names(tmp_path / "db.sqlite3")) == {
        ADMIN_ID: "社区老刘",
        WORKER_ID: f"网格员（编号 {WORKER_ID}）",  # never met: named as the desk names them
    }


async def _met(path: Path, person: Person) -> None:
    """A database where the bot has met `person` (they wrote in a group)."""
    stores = await Stores.open(path)
    try:
        stores.chats.remember_member(person, T0)
        await stores.chats.save_members()
    finally:
        await stores.close()


async def _link_names(path: Path) -> dict[int, str]:
    db = await open_database(path)
    try:
        rows = await db.fetchall("SELECT user_id, name FROM desk_links", ())
    finally:
        await db.close()
    return {r["user_id"]: r["name"] for r in rows}


async def _created(path: Path) -> None:
    """A database as the bot leaves it after its first start."""
    await (await open_database(path)).close()


def test_the_demo_stopped_with_sigterm_cleans_up_as_after_ctrl_c(tmp_path: Path):
    port = free_port()
    env = {**os.environ, "TMPDIR": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(  # the desk keeps it open: a signal finds it running
        [sys.executable, "-m", "bot", "demo", "--desk", "--desk-port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        while "/login/" not in proc.stdout.readline():
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0 and "demo ended" in err and "Traceback" not in err, err
    assert not list(tmp_path.glob("yuanzi-demo-*"))
