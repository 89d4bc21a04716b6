"""Chat ids as operators write them (QA round 25): in quotes, or the group's @name or link; and
[[notices]] chat = "All"."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, parse_config

TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"


def parse(**sections: object):
    data = {"telegram": {"token": TOKEN}, "storage": {"path": "db.sqlite3"}, **sections}
    return parse_config(data, base_dir=Path("/srv/yuanzi"), env={})


@pytest.mark.parametrize(
    ("sections", "said"),
    [
        (
            {"schedule": {"office_chat": "-1004444444444"}},
            "[schedule] office_chat: expected a numeric chat id such as -1001234567890, got "
            "'-1004444444444'; write -1004444444444 without quotes",
        ),
        (
            {"escalation": {"level2_chat": "@jiedao_office"}},
            "[escalation] level2_chat: expected a numeric chat id such as -1001234567890, got "
            "'@jiedao_office'; '@jiedao_office' is a group's link or @name, not its id: the log "
            "says 'bot added to group ID' when the bot joins a group",
        ),
        (
            {"notices": [{"cron": "0 9 * * *", "text": "议事日", "chat": "https://t.me/yz3"}]},
            '[notices #1] chat: expected "all" (every group) or a numeric chat id such as '
            "-1001234567890, got 'https://t.me/yz3'; 'https://t.me/yz3' is a group's link or "
            "@name, not its id: the log says 'bot added to group ID' when the bot joins a group",
        ),
    ],
)
def test_a_chat_id_written_as_a_text_gets_the_fix(sections: dict, said: str) -> None:
    """They were told only "expected a numeric chat id", as if the number were wrong."""
    with pytest.raises(ConfigError) as raised:
        parse(**sections)
    assert str(raised.value) == said


@pytest.mark.parametrize("written", ["All", " all ", "ALL"])
def test_every_group_is_all_in_any_case(written: str) -> None:
    """chat = "All" was refused as no numeric chat id."""
    notice = parse(notices=[{"cron": "0 9 * * *", "text": "议事日", "chat": written}]).notices[0]
    assert notice.chat is None
