"""Config: valid files load into frozen dataclasses; every mistake names its key and the fix."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from datetime import time
from pathlib import Path

import pytest

from bot.config import ConfigError, load_config, parse_config

TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"
ROOT = Path(__file__).resolve().parents[1]


def parse(data: dict, env: dict | None = None):
    return parse_config(data, base_dir=Path("/srv/yuanzi"), env=env or {})


def minimal(**extra):
    data = {"telegram": {"token": TOKEN}, "storage": {"path": "db.sqlite3"}}
    data.update(extra)
    return data


def on_duty(shift):
    """A roster of one shift, worker 1 being a worker."""
    return minimal(roles={"workers": [1]}, duty=[shift])


def test_minimal_config_gets_defaults_and_relative_path():
    config = parse(minimal())
    assert config.telegram.base_url == "https://api.telegram.org/bot"
    assert config.storage.path == Path("/srv/yuanzi/db.sqlite3")
    assert config.schedule.timezone == "Asia/Shanghai"
    assert config.schedule.digest_time == time(20, 0)
    assert config.roles.workers == frozenset()
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.telegram.token = "x"  # type: ignore[misc]


def test_roles_admins_can_do_what_workers_can():
    config = parse(minimal(roles={"workers": [1, 2], "admins": [3]}))
    assert config.roles.is_worker(1) and config.roles.is_worker(3)
    assert not config.roles.is_worker(4) and not config.roles.is_worker(None)
    assert 3 in config.roles.admins and 1 not in config.roles.admins


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"storage": {"path": "x"}}, "[telegram] token: missing"),
        (minimal(telegram={"token": "hello"}), "[telegram] token: does not look like"),
        (minimal(telegram={"token": TOKEN, "base_url": "ftp://x"}), "[telegram] base_url"),
        ({"telegram": {"token": TOKEN}}, "[storage] path: missing"),
        (minimal(storage={"path": 5}), "[storage] path: expected a text"),
        (  # an unquoted TOML time, as an operator types it: told how to quote it
            minimal(schedule={"digest_time": time(20, 0)}),
            "[schedule] digest_time: expected a text in quotes, got 20:00:00 (write it in "
            'quotes: "20:00")',
        ),
        (minimal(storage={"path": "data/"}), "[storage] path: 'data/' is a folder"),
        (minimal(storage={"path": "/tmp"}), "[storage] path: '/tmp' is a folder; name"),
        (minimal(storage={"path": "x", "url": "postgresql://h/db"}), "[storage] url: given"),
        (minimal(storage={"url": "mysql://h/db"}), "[storage] url: not a PostgreSQL URL"),
        (minimal(storage={"url": "postgresql://h:port/db"}), "[storage] url: malformed"),
        (minimal(storage={"url": "postgresql://h:5432"}), "[storage] url: names no database"),
        (minimal(storage={"url": "postgresql://u:p@ss@h/db"}), "[storage] url: more than one @"),
        (minimal(roles={"workers": ["@wang"]}), "[roles] workers: expected a list of numeric"),
        (minimal(roles={"admins": 12}), "[roles] admins"),
        (minimal(schedule={"timezone": "Mars/Olympus"}), "[schedule] timezone: unknown"),
        (minimal(schedule={"timezone": "localtime"}), "[schedule] timezone: 'localtime' is"),
        (minimal(schedule={"timezone": "Factory"}), "[schedule] timezone: 'Factory' is this"),
        (minimal(schedule={"timezone": "Asia"}), "[schedule] timezone: unknown"),  # a region
        (minimal(schedule={"timezone": "A" * 300}), "[schedule] timezone: unknown"),
        (minimal(storage={"path": "a\0b"}), "[storage] path: has a NUL character"),
        (minimal(schedule={"digest_time": "25:00"}), '[schedule] digest_time: expected "HH:MM"'),
        (minimal(schedule={"digest_time": "8pm"}), "[schedule] digest_time"),
        (minimal(schedule={"digst_time": "20:00"}), "[schedule] digst_time: unknown key"),
        (minimal(extra={"a": 1}), "[extra]: unknown section"),
        (minimal(roles=[1, 2]), "[roles] must be a table"),
        (minimal(categories={"gas": {"keywords": ["燃气"]}}), "[categories.gas] name: missing"),
        (minimal(categories={"Gas!": {"name": "燃气"}}), "[categories.Gas!]"),
        (minimal(categories={"lift": {"keywords": "电梯"}}), "[categories.lift] keywords"),
        (minimal(categories={"lift": {"due_hours": 0}}), "[categories.lift] due_hours"),
        (minimal(categories={"lift": {"team": " "}}), "[categories.lift] team: is blank"),
        (
            minimal(categories={"gas": {"name": "\u3000", "keywords": ["燃气表"]}}),
            "[categories.gas] name: is blank",
        ),
        (minimal(schedule={"digest_time": "23:00"}), "[schedule] digest_time: 23:00 falls in"),
        (minimal(schedule={"weekly_time": "06:00"}), "[schedule] weekly_time: 06:00 falls in"),
        (
            minimal(schedule={"quiet_hours": "22-7"}),
            '[schedule] quiet_hours: expected "HH:MM-HH:MM"',
        ),
        (minimal(schedule={"weekly_day": "monday"}), "[schedule] weekly_day: expected one of"),
        (minimal(schedule={"quiet_day": "skip"}), "[schedule] quiet_day: expected one of line"),
        (minimal(schedule={"office_chat": "office"}), "[schedule] office_chat: expected a numeric"),
        (minimal(escalation={"level2_chat": 0}), "[escalation] level2_chat"),
        (minimal(deadlines={"urgent_hours": 0}), "[deadlines] urgent_hours"),
        (minimal(loop={"rating_days": -1}), "[loop] rating_days"),
        (minimal(notices={"cron": "x"}), "[[notices]] must be an array"),
        (minimal(notices=[{"cron": "61 * * * *", "text": "x"}]), "[notices #1] cron: not a cron"),
        (
            minimal(notices=[{"cron": "0 9 31 2 *", "text": "x"}]),
            '[notices #1] cron: "0 9 31 2 *" never comes',
        ),
        (
            minimal(categories={"gas": {"name": "电梯", "keywords": ["燃气表"]}}),
            '[categories.gas] name: "电梯" is the name of [categories.lift]',
        ),
        (minimal(notices=[{"cron": "0 9 * * *", "text": " "}]), "[notices #1] text: empty"),
        (minimal(notices=[{"cron": "0 9 * * *", "text": "x", "chat": "g"}]), "[notices #1] chat"),
    ],
)
def test_each_mistake_names_the_key(data, expected, monkeypatch):
    monkeypatch.delenv("PGDATABASE", raising=False)
    with pytest.raises(ConfigError) as error:
        parse(data)
    message = str(error.value)
    assert message.startswith(expected), message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("workers", "hint"),
    [
        (
            ["@wang"],
            "'@wang' is a username, not an id: each person can get theirs from @userinfobot",
        ),
        (["小王"], "'小王' is a name, not an id: each person can get theirs from @userinfobot"),
        (["111111111", 222], "write 111111111 without quotes"),
        ([" 111111111 "], "write 111111111 without quotes"),
    ],
)
def test_a_worker_written_as_a_name_or_in_quotes_is_told_the_fix(workers, hint):
    """The two ways operators write a worker on the first day: the fix, not only the form."""
    with pytest.raises(ConfigError) as error:
        parse(minimal(roles={"workers": workers}))
    message = str(error.value)
    assert message.startswith("[roles] workers: expected a list of numeric"), message
    assert message.endswith(hint), message


HUGE = 999_999_999_999  # a valid TOML integer that overflows timedelta(hours=…) or a date


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (minimal(deadlines={"urgent_hours": HUGE}), "[deadlines] urgent_hours"),
        (minimal(deadlines={"default_hours": HUGE}), "[deadlines] default_hours"),
        (minimal(deadlines={"response_hours": HUGE}), "[deadlines] response_hours"),
        (minimal(deadlines={"response_urgent_hours": -2}), "[deadlines] response_urgent_hours"),
        (minimal(categories={"lift": {"due_hours": 1e30}}), "[categories.lift] due_hours"),
        (minimal(categories={"lift": {"due_hours": HUGE}}), "[categories.lift] due_hours"),
        (minimal(escalation={"step_hours": HUGE}), "[escalation] step_hours"),
        (minimal(schedule={"reminder_hours": HUGE}), "[schedule] reminder_hours"),
        (minimal(schedule={"grace_hours": HUGE}), "[schedule] grace_hours"),
        (minimal(schedule={"grace_hours": -1}), "[schedule] grace_hours"),
        (minimal(loop={"rating_days": 999_999_999}), "[loop] rating_days"),
        (minimal(loop={"reopen_days": HUGE}), "[loop] reopen_days"),
        (minimal(loop={"merge_days": -1}), "[loop] merge_days"),
        (minimal(loop={"merge_days": float("inf")}), "[loop] merge_days"),
    ],
)
def test_numbers_out_of_range_name_the_key_and_the_range(data, expected):
    with pytest.raises(ConfigError) as error:
        parse(data)
    message = str(error.value)
    assert message.startswith(f"{expected}: expected a whole number from "), message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (minimal(schedule={"digest_hour": 99}), "[schedule] digest_hour: unknown key"),
        (minimal(schedule={"digest_time": "99:00"}), '[schedule] digest_time: expected "HH:MM"'),
        (minimal(escalation={"level2_chat": 2**63 - 1}), "[escalation] level2_chat: expected"),
        (minimal(schedule={"office_chat": -(2**62)}), "[schedule] office_chat: expected"),
        (minimal(roles={"workers": [2**62]}), "[roles] workers: expected a list of numeric"),
        (minimal(roles={"admins": [-5]}), "[roles] admins: expected a list of numeric"),
        (minimal(duty={"days": "daily"}), "[[duty]] must be an array of tables"),
        (on_duty({"days": "weekdays", "workers": [1]}), '[duty #1] days: expected "daily"'),
        (on_duty({"hours": "9-5", "workers": [1]}), '[duty #1] hours: expected "HH:MM'),
        (on_duty({"workers": []}), "[duty #1] workers: empty; list the user ids"),
        (on_duty({"workers": [42]}), "[duty #1] workers: 42 is not in [roles] workers"),
        (on_duty({"worker": [1]}), "[duty #1] worker: unknown key"),
    ],
)
def test_ids_and_times_out_of_range_name_the_key(data, expected):
    with pytest.raises(ConfigError) as error:
        parse(data)
    assert str(error.value).startswith(expected), str(error.value)


def test_the_largest_values_allowed_never_overflow():
    """At every maximum, the time limits the bot builds from the config can be computed."""
    from datetime import UTC, datetime, timedelta

    from bot.config_reader import MAX_DAYS, MAX_HOURS

    hours, days = MAX_HOURS, MAX_DAYS
    config = parse(
        minimal(
            deadlines={"urgent_hours": hours, "default_hours": hours, "response_hours": hours},
            escalation={"step_hours": hours},
            schedule={"reminder_hours": hours, "grace_hours": hours},
            loop={"rating_days": days, "reopen_days": days, "merge_days": days},
            categories={"lift": {"due_hours": hours}},
        )
    )
    now = datetime(2026, 12, 31, tzinfo=UTC)
    policy = config.deadline_policy()
    assert policy.hours_by_category is not None and policy.hours_by_category["lift"] == hours
    loop = config.loop_policy()
    assert loop.step == timedelta(hours=hours) and loop.merge_window == timedelta(days=days)
    assert now + loop.merge_window + timedelta(hours=hours) * 3 < datetime.max.replace(tzinfo=UTC)


def test_a_local_bot_api_server_url_is_accepted():
    url = "http://127.0.0.1:8081/bot"
    assert parse(minimal(telegram={"token": TOKEN, "base_url": url})).telegram.base_url == url


def test_quiet_hours_can_be_turned_off_and_then_any_digest_time_is_fine():
    config = parse(minimal(schedule={"quiet_hours": "", "digest_time": "23:30"}))
    assert config.schedule.quiet_hours is None
    notice = parse(minimal(notices=[{"cron": "0 9 10,20,30 * *", "text": "议事日"}])).notices[0]
    assert notice.chat is None and notice.text == "议事日"


def test_category_settings_extend_the_classifier():
    config = parse(
        minimal(
            categories={
                "gas": {"name": "燃气", "keywords": ["燃气表"]},
                "lift": {"keywords": ["电梯卡"], "team": "某某电梯公司", "due_hours": 12},
            }
        )
    )
    extensions = {e.id: e for e in config.category_extensions()}
    assert extensions["gas"].name == "燃气" and extensions["gas"].keywords == ("燃气表",)
    assert extensions["lift"].keywords == ("电梯卡",)


def test_a_name_a_renamed_category_gave_up_may_be_taken():
    data = minimal(categories={"water": {"name": "水"}, "power": {"name": "供水排水"}})
    names = {s.id: s.name for s in parse(data).categories}
    assert names == {"water": "水", "power": "供水排水"}


def test_file_errors(tmp_path: Path):
    with pytest.raises(ConfigError, match="no such config file"):
        load_config(tmp_path / "missing.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[telegram\ntoken = 1", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(broken)
    notepad = tmp_path / "notepad.toml"  # saved as UTF-8 by Windows Notepad: a BOM first
    notepad.write_bytes(b'\xef\xbb\xbf[storage]\npath = "x.sqlite3"\n')
    assert load_config(notepad, require_token=False).storage.path.name == "x.sqlite3"
    latin = tmp_path / "latin.toml"
    latin.write_bytes("[storage]\npath = 'é'".encode("latin-1"))
    with pytest.raises(ConfigError, match="UTF-8"):
        load_config(latin)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "[schedule]\ndigest_time = 20:00\n",
            ("at [schedule] digest_time: ", "texts go in quotes"),
        ),
        ("[roles]\nworkers = 1, 2\n", ("at [roles] workers: ", "lists in [ ]")),
        ('[storage]\npath = "a"\npath = "b"\n', ("at [storage] path: ", "written twice; keep one")),
        ('[schedule]\n时区 = "x"\n', ("not valid TOML in [schedule]: Invalid statement",)),
        ("[telegram\ntoken = 1", ("not valid TOML in the heading on line 1: Expected ']'",)),
    ],
)
def test_a_toml_syntax_error_names_its_key(tmp_path: Path, text: str, expected: tuple[str, ...]):
    """tomllib names a line and a column; the person editing the file wants the key, as every
    other config error gives it."""
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    for part in expected:
        assert part in str(raised.value)


def test_bad_config_stops_the_program_with_one_line_and_no_traceback(tmp_path: Path):
    path = tmp_path / "config.toml"
    path.write_text(
        f'[telegram]\ntoken = "{TOKEN}"\n[storage]\npath = "x"\n[schedule]\ndigest_time = "7pm"\n',
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run", "--config", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "config error: [schedule] digest_time: expected \"HH:MM\" in 24-hour local time, got '7pm'"
    ]
    assert "Traceback" not in result.stderr


def test_a_postgresql_url_keeps_its_password_out_of_what_is_shown():
    config = parse(minimal(storage={"url": "postgresql://yuanzi:s3cret@db.example:5432/yz"}))
    assert config.storage.path is None
    assert config.storage.target == "postgresql://yuanzi:s3cret@db.example:5432/yz"
    assert config.storage.name == "postgresql://yuanzi:***@db.example:5432/yz"
    assert "s3cret" not in repr(config)
    encoded = parse(minimal(storage={"url": "postgresql://yuanzi:s3c%40ret@db/yz"}))  # an @ in it
    assert encoded.storage.name == "postgresql://yuanzi:***@db/yz"


@pytest.mark.parametrize("written", ["Wed", "WED", " wed "])
def test_weekly_day_is_read_as_duty_days_are_whatever_its_case(written: str) -> None:
    """`[[duty]] days = "Mon-Fri"` was accepted while `weekly_day = "Mon"` was refused."""
    assert parse(minimal(schedule={"weekly_day": written})).schedule.weekly_day == "wed"


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (
            minimal(storage={"path": "x", "roles": [1]}),
            "[storage] roles: unknown key; roles is a section of its own: write [roles] on a "
            "line of its own, then its keys (each key belongs to the heading above it, here "
            "[storage])",
        ),
        (
            minimal(roles={"notices": [1]}),
            "[roles] notices: unknown key; notices is a section of its own: write [[notices]] "
            "on a line of its own, then its keys (each key belongs to the heading above it, "
            "here [roles])",
        ),
        (
            minimal(telegram={"token": TOKEN, "tokn": "x"}),
            "[telegram] tokn: unknown key; did you mean token? the keys here are: token, base_url",
        ),
        (
            minimal(schedul={}),
            "[schedul]: unknown section; did you mean [schedule]? the sections are: telegram, "
            "storage, roles, schedule, deadlines, escalation, loop, categories, notices, duty, "
            "calendar, classify, web",
        ),
    ],
)
def test_a_key_below_the_wrong_heading_or_a_typo_says_what_was_meant(data: dict, said: str):
    """A section's name written as a key below another heading (TOML's own rule) used to get
    only "unknown key" and the other section's keys."""
    with pytest.raises(ConfigError) as raised:
        parse(data)
    assert str(raised.value) == said


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            '[storage]\npath = "x"\n[roles\nworkers = [1]\n',
            "not valid TOML in the heading on line 3: Expected ']' at the end of a table "
            "declaration (at line 3, column 7); write it as [name]",
        ),
        (
            '[roles]\nworkers = [1]\n[storage]\npath = "x"\n[roles]\nadmins = [2]\n',
            "not valid TOML: [roles] is written twice (Cannot declare ('roles',) twice (at line "
            "5, column 7)); keep one [roles] heading with all its keys under it",
        ),
    ],
)
def test_a_heading_not_closed_or_written_twice_is_named(tmp_path: Path, text: str, said: str):
    """An unclosed [roles was blamed on the table above it ([storage]); a table written twice
    had no fix."""
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(path, env={}, require_token=False)
    assert str(raised.value) == f"{path}: {said}"


def test_a_desk_config_that_will_not_do_what_was_meant_is_said_at_start():
    from bot.runtime.setup_checks import desk_warnings

    off = parse(minimal(web={"public_url": "https://desk.example.org"}))
    assert not off.web.enabled
    assert desk_warnings(off) == [
        "[web] public_url is set but listen is not: the desk is off; add "
        'listen = "127.0.0.1:8080" (the address the bot listens on) to turn it on'
    ]
    everywhere = parse(minimal(web={"listen": "0.0.0.0:8080"}))
    [line] = desk_warnings(everywhere)
    assert line.startswith("[web] listen 0.0.0.0:8080 without public_url") and "0.0.0.0" in line
    named = parse(minimal(web={"listen": "0.0.0.0:8080", "public_url": "https://desk.example.org"}))
    assert desk_warnings(named) == [] and desk_warnings(parse(minimal())) == []
    assert desk_warnings(parse(minimal(web={"listen": "127.0.0.1:8080"}))) == []


@pytest.mark.parametrize(
    ("public_url", "said"),
    [
        ("https://example.org/desk", "without a path"),
        ("https://example.org/?x=1", "without a path"),
        ("https://", 'expected an address such as "https://desk.example.org"'),
        ("ftp://desk.example.org", 'expected an address such as "https://desk.example.org"'),
    ],
)
def test_a_desk_address_its_links_cannot_use_is_refused_with_the_fix(public_url: str, said: str):
    """public_url with a path was accepted, and every link from the desk's pages then missed it."""
    with pytest.raises(ConfigError) as raised:
        parse(minimal(web={"listen": "127.0.0.1:8080", "public_url": public_url}))
    assert "[web] public_url" in str(raised.value) and said in str(raised.value)
    kept = parse(minimal(web={"listen": "127.0.0.1:8080", "public_url": "https://d.example.org/"}))
    assert kept.web.base == "https://d.example.org"
