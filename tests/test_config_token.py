"""Config: the bot token — from the file or the environment, checked for its shape, and never
shown in an error, whatever place of the file it was written in."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_config
from tests.test_config import ROOT, TOKEN, minimal, parse


def test_token_from_environment_wins_and_is_not_in_repr():
    other = "999999:ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvu"
    config = parse(minimal(), env={"TELEGRAM_BOT_TOKEN": other})
    assert config.telegram.token == other
    assert other not in repr(config)


def test_a_blank_token_variable_leaves_the_config_token_in_use():
    """`export TELEGRAM_BOT_TOKEN=` (or " ") used to hide [telegram] token: "missing"."""
    for blank in ("", "  "):
        assert parse(minimal(), env={"TELEGRAM_BOT_TOKEN": blank}).telegram.token == TOKEN


@pytest.mark.parametrize(
    ("written", "fix"),
    [(f'"{TOKEN}"', "remove the quotes around it"), ("12345", "copy it again from @BotFather")],
)
def test_a_bad_token_in_the_environment_is_blamed_on_the_variable_not_the_file(
    written: str, fix: str
):
    """A docker env file keeps the quotes: the config's own token was fine, yet the error
    named [telegram] token."""
    with pytest.raises(ConfigError) as raised:
        parse(minimal(), env={"TELEGRAM_BOT_TOKEN": written})
    said = str(raised.value)
    assert said.startswith("environment variable TELEGRAM_BOT_TOKEN (used instead of "), said
    assert said.endswith(fix) and TOKEN not in said and "12345" not in said


def test_a_token_written_with_quotes_inside_the_quotes_says_to_remove_them():
    with pytest.raises(ConfigError) as raised:
        parse(minimal(telegram={"token": f"'{TOKEN}'"}))
    assert str(raised.value) == (
        "[telegram] token: does not look like a bot token (digits, a colon, then letters); "
        "remove the quotes around it"
    )


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8081/",
        "http://127.0.0.1:8081",
        "http://127.0.0.1:8081/bot/",
        "http://127.0.0.1:99999/bot",
        "http:///bot",
        "https://api.telegram.org/bot?x=1",
        f"https://api.telegram.org/bot{TOKEN}",
    ],
)
def test_a_base_url_the_token_cannot_follow_is_refused_without_showing_a_token(url):
    with pytest.raises(ConfigError) as error:
        parse(minimal(telegram={"token": TOKEN, "base_url": url}))
    message = str(error.value)
    assert message.startswith("[telegram] base_url: "), message
    assert "/bot" in message and TOKEN not in message and "\n" not in message


def test_a_toml_syntax_error_never_shows_the_token(tmp_path: Path):
    path = tmp_path / "config.toml"
    path.write_text(f"[telegram]\ntoken = {TOKEN}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert "at [telegram] token: " in str(raised.value)
    assert TOKEN not in str(raised.value)
    assert TOKEN.split(":")[1] not in str(raised.value)


def test_offline_commands_need_no_token(tmp_path: Path):
    path = tmp_path / "config.toml"
    path.write_text('[storage]\npath = "x.sqlite3"\n', encoding="utf-8")
    assert load_config(path, env={}, require_token=False).telegram.token == ""


def test_example_config_is_valid_once_given_a_token():
    config = load_config(ROOT / "config.example.toml", env={"TELEGRAM_BOT_TOKEN": TOKEN})
    assert config.roles.workers and config.roles.admins
    assert (
        load_config(ROOT / "config.example.toml", env={}, require_token=False).telegram.token == ""
    )


def test_the_example_token_left_in_place_is_named_before_any_network():
    """A copied config.example.toml whose token was never replaced had the token's shape: the
    bot started and Telegram refused it. Now the file says what to put there."""
    with pytest.raises(ConfigError) as raised:
        load_config(ROOT / "config.example.toml", env={})
    assert str(raised.value) == (
        "[telegram] token: still the example's placeholder; put the token from @BotFather in "
        "[telegram] token or in the environment variable TELEGRAM_BOT_TOKEN"
    )


@pytest.mark.parametrize(
    "written",
    [
        f'[telegram]\n"{TOKEN}" = 1\n',
        f"[telegram]\ntoken = 'x'\n[{TOKEN}]\n",
        f'[telegram]\ntoken = "{TOKEN}"\n["{TOKEN}"]\nx = 1\n',
    ],
)
def test_a_token_written_as_a_key_or_a_heading_is_never_shown(tmp_path: Path, written: str):
    path = tmp_path / "config.toml"
    path.write_text('[storage]\npath = "x.sqlite3"\n' + written, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(path, env={})
    assert TOKEN not in str(raised.value) and "<token>" in str(raised.value)
