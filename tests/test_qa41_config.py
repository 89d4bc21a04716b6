"""A config as a new operator writes it (QA round 41)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, parse_config

TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"


@pytest.mark.parametrize("written", ["everyone", "全部", "所有群"])
def test_a_notice_for_every_group_in_other_words_is_told_to_write_all(written: str) -> None:
    """chat = "everyone" (or 全部) was answered "expected a numeric chat id such as
    -1001234567890": nothing said that "all" posts it in every group."""
    notice = {"cron": "0 9 10 * *", "text": "今天是居民议事日", "chat": written}
    data = {"telegram": {"token": TOKEN}, "storage": {"path": "db.sqlite3"}, "notices": [notice]}
    with pytest.raises(ConfigError) as raised:
        parse_config(data, base_dir=Path("/srv/yuanzi"), env={})
    assert str(raised.value) == (
        f'[notices #1] chat: expected "all" (every group) or a numeric chat id such as '
        f"-1001234567890, got {written!r}"
    )
