"""A bot token pasted with what came with it (QA round 25): "bot" from an API address, the
bot's @name, or the @name instead of the token. Each was told "copy it again from @BotFather",
which gives the same token: the error now says what to leave out, never showing the token."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, parse_config

TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"
ALONE = "keep the token alone, with nothing before or after it (no bot, URL or @name)"


@pytest.mark.parametrize(
    ("written", "fix"),
    [
        (f"bot{TOKEN}", ALONE),
        (f"https://api.telegram.org/bot{TOKEN}/getMe", ALONE),
        (f"@yuanzi_bot {TOKEN}", ALONE),
        (f"Use this token to access the HTTP API: {TOKEN}", ALONE),
        (
            "@yuanzi_bot",
            "an @name is the bot's name; the token is the code @BotFather gave with it",
        ),
    ],
)
def test_a_token_with_more_around_it_is_told_what_to_leave_out(written: str, fix: str) -> None:
    data = {"telegram": {"token": written}, "storage": {"path": "db.sqlite3"}}
    with pytest.raises(ConfigError) as raised:
        parse_config(data, base_dir=Path("/srv/yuanzi"), env={})
    said = str(raised.value)
    assert said == (
        "[telegram] token: does not look like a bot token (digits, a colon, then letters); " + fix
    )
    assert TOKEN.split(":")[1] not in said


def test_the_variable_gets_the_same_fix() -> None:
    data = {"telegram": {"token": TOKEN}, "storage": {"path": "db.sqlite3"}}
    with pytest.raises(ConfigError) as raised:
        parse_config(data, base_dir=Path("/srv/yuanzi"), env={"TELEGRAM_BOT_TOKEN": f"bot{TOKEN}"})
    assert str(raised.value).startswith("environment variable TELEGRAM_BOT_TOKEN (used instead")
    assert str(raised.value).endswith(ALONE)
