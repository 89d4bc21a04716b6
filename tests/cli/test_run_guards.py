"""`python -m bot run` refuses what it cannot run on in one line, and never hangs.

Each test starts the real command as a subprocess (against the fake Bot API where it gets that
far) with a timeout: a hang fails the test instead of stalling the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bot.devtools.fakeapi.server import TOKEN

ROOT = Path(__file__).resolve().parents[2]
NOWHERE = "http://127.0.0.1:9/bot"  # nothing listens: only for configs refused before polling


def write_config(tmp_path: Path, base_url: str, extra: str = "", db: str = "db.sqlite3") -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f'[telegram]\ntoken = "{TOKEN}"\nbase_url = "{base_url}"\n'
        f'[storage]\npath = "{db}"\n{extra}',
        encoding="utf-8",
    )
    path.chmod(0o600)
    return path


def run_bot(config: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    return subprocess.run(
        [sys.executable, "-m", "bot", "run", "--config", str(config)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=timeout,
    )


def test_an_absurd_number_in_the_config_stops_run_with_one_line_naming_the_key(tmp_path: Path):
    config = write_config(tmp_path, NOWHERE, "[loop]\nmerge_days = 999999999999\n")
    result = run_bot(config)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "config error: [loop] merge_days: expected a whole number from 1 to 366, got 999999999999"
    ]
    assert not (tmp_path / "db.sqlite3").exists()  # refused before anything was opened
