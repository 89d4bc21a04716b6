"""[web] listen as operators write it (QA round 25): an address to visit (http://…) is refused
when the config is read, and an address the desk cannot listen on gets the fix that fits."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.config import ConfigError, parse_config
from bot.devtools.fakeapi.server import TOKEN, FakeTelegram
from tests.cli.test_run_guards import one_line, run_bot, write_config


def web(listen: str):
    data = {
        "telegram": {"token": TOKEN},
        "storage": {"path": "db.sqlite3"},
        "web": {"listen": listen},
    }
    return parse_config(data, base_dir=Path("/srv/yuanzi"), env={}).web


@pytest.mark.parametrize(
    "listen", ["http://127.0.0.1:8080", "https://desk.example.org:443", "127.0.0.1:8080/desk"]
)
def test_a_url_as_listen_is_refused_naming_the_key_and_public_url(listen: str) -> None:
    """It was taken as the host "http://127.0.0.1": the bot created its database, then
    stopped with "Name or service not known; choose a free port"."""
    with pytest.raises(ConfigError) as caught:
        web(listen)
    said = str(caught.value)
    assert said.startswith('[web] listen: expected "host:port" such as "127.0.0.1:8080"')
    assert "without http://" in said and "public_url" in said


def test_spaces_around_listen_are_dropped_and_within_the_host_refused() -> None:
    assert (web(" 127.0.0.1:8080 ").host, web(" 127.0.0.1:8080 ").port) == ("127.0.0.1", 8080)
    with pytest.raises(ConfigError, match=r"^\[web\] listen: expected \"host:port\""):
        web("127.0.0.1 :8080")


async def test_an_address_of_another_machine_is_told_to_use_this_machines(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    """The fix "choose a free port" was said for every address the desk could not listen on."""
    extra = '[web]\nlisten = "192.0.2.1:8080"\n'  # TEST-NET-1: no address of this machine
    config = write_config(tmp_path, fake.base_url, extra)
    result = await asyncio.to_thread(run_bot, config)
    assert result.returncode == 2
    line = one_line(result)
    assert line.startswith("config error: [web] listen: cannot listen on 192.0.2.1:8080 (")
    assert line.endswith('give an address of this machine, e.g. "127.0.0.1:8080" behind a proxy')
    assert TOKEN not in result.stderr
