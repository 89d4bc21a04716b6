"""[storage] path = "~yuanzi/…", copied from a machine where that user existed (QA round 25):
every command stopped on a traceback (RuntimeError: Could not determine home directory)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, parse_config
from tests.cli.test_operator_mistakes import cli, one_line, write_config

NO_SUCH_USER = "~no_such_user_qa25"


def test_a_home_folder_of_no_user_here_names_the_key() -> None:
    data = {"storage": {"path": f"{NO_SUCH_USER}/yuanzi.sqlite3"}}
    with pytest.raises(ConfigError) as raised:
        parse_config(data, base_dir=Path("/srv/yuanzi"), env={}, require_token=False)
    assert str(raised.value) == (
        f"[storage] path: '{NO_SUCH_USER}/yuanzi.sqlite3': {NO_SUCH_USER} is no home folder on "
        "this machine; give the full path"
    )


@pytest.mark.parametrize("command", ["run", "export"])
def test_commands_say_it_in_one_line(tmp_path: Path, command: str) -> None:
    config = write_config(tmp_path, db=f"{NO_SUCH_USER}/yuanzi.sqlite3")
    result = cli(command, "--config", str(config))
    assert result.returncode == 2
    assert one_line(result).startswith("config error: [storage] path: ")
