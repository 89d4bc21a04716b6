"""Ctrl-C while a command is still loading its modules (QA round 25): one line, not a traceback."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_operator_mistakes import cli, one_line, write_config

# A real SIGINT, sent by the process to itself as the command's modules start loading (the
# second or so after Enter, before the config is even read).
CTRL_C_WHILE_IMPORTING = """
import importlib, os, signal, sys
from bot.cli.main import main

signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal
importing = importlib.import_module

def interrupted_import(name, *args):
    os.kill(os.getpid(), signal.SIGINT)
    return importing(name, *args)

importlib.import_module = interrupted_import
sys.exit(main(sys.argv[1:]))
"""


def test_ctrl_c_while_the_command_loads_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    for command in (["run"], ["export"]):
        result = cli(*command, "--config", str(config), code=CTRL_C_WHILE_IMPORTING)
        assert result.returncode == 130, result.stderr
        assert one_line(result) == "interrupted (Ctrl-C)"
        assert not (tmp_path / "db.sqlite3").exists()
