"""TOML syntax errors with a fix that fits (QA round 25): “20:00” typed with a Chinese keyboard
was told "texts go in quotes", written in quotes as it was; learn = True was told the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_config

TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"


@pytest.mark.parametrize(
    ("lines", "where", "typed", "wanted"),
    [
        ("[schedule]\ndigest_time = “20:00”", "at [schedule] digest_time: ", "“", '"'),
        ("[schedule]\ndigest_time = ‘20:00’", "at [schedule] digest_time: ", "‘", "'"),
        ('[schedule]\ndigest_time ＝ "20:00"', "on line 4: ", "＝", "="),
        ("[roles]\nworkers = [1，2]", "at [roles] workers: ", "，", ","),
        ("[roles]\nworkers = ［1］", "at [roles] workers: ", "［", "["),
        ("【roles】", "on line 3: ", "【", "["),
    ],
)
def test_chinese_punctuation_is_named_with_what_to_type(
    tmp_path: Path, lines: str, where: str, typed: str, wanted: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f'[storage]\npath = "x.sqlite3"\n{lines}\n', encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(path, env={}, require_token=False)
    said = str(raised.value)
    assert f"not valid TOML {where}" in said
    assert said.endswith(
        f"; the {typed} there is Chinese (full-width) punctuation: type {wanted} instead, with "
        "the keyboard in English mode"
    )
    assert "texts go in quotes" not in said


def test_the_token_in_chinese_quotes_is_not_shown(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f"[telegram]\ntoken = “{TOKEN}”\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(path, env={})
    assert "at [telegram] token: " in str(raised.value) and 'type " instead' in str(raised.value)
    assert TOKEN not in str(raised.value) and TOKEN.split(":")[1] not in str(raised.value)


def test_chinese_punctuation_inside_a_text_is_no_mistake(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[storage]\npath = "x.sqlite3"\n[[notices]]\ncron = "0 9 10 * *"\nchat = "all"\n'
        'text = "今天是“居民议事日”，下午3点【活动室】"\n',
        encoding="utf-8",
    )
    notice = load_config(path, env={}, require_token=False).notices[0]
    assert notice.text == "今天是“居民议事日”，下午3点【活动室】"


@pytest.mark.parametrize(("written", "wanted"), [("True", "true"), ("FALSE", "false")])
def test_a_capitalised_true_or_false_is_told_to_be_lower_case(
    tmp_path: Path, written: str, wanted: str
) -> None:
    """learn = True (as in Python) was told "texts go in quotes": "True" was refused next."""
    path = tmp_path / "config.toml"
    path.write_text(f'[storage]\npath = "x.sqlite3"\n[classify]\nlearn = {written}\n', "utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(path, env={}, require_token=False)
    said = str(raised.value)
    assert "not valid TOML at [classify] learn: " in said
    assert said.endswith(f"; write {wanted} in lower case, without quotes")
