"""`[calendar]`: the public holidays and make-up working days the duty roster follows; each
mistake is one line naming the key and the fix."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.config import ConfigError, parse_config
from bot.core.workdays import WEEKEND, WORKWEEK

TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"


def parse(**calendar: object):
    data = {
        "telegram": {"token": TOKEN},
        "storage": {"path": "db.sqlite3"},
        "roles": {"workers": [1, 2]},
        "duty": [
            {"days": "mon-fri", "hours": "08:30-18:00", "workers": [1]},
            {"days": "sat,sun", "hours": "08:30-18:00", "workers": [2]},
        ],
        "calendar": calendar,
    }
    return parse_config(data, base_dir=Path("/srv/yuanzi"), env={})


def test_without_a_calendar_every_date_is_its_own_day_of_the_week():
    config = parse_config(
        {"telegram": {"token": TOKEN}, "storage": {"path": "db.sqlite3"}},
        base_dir=Path("/srv/yuanzi"),
        env={},
    )
    assert config.calendar.holidays == frozenset() and config.calendar.workdays == frozenset()
    assert config.calendar.roster_days(date(2027, 2, 8)) == {0}


def test_days_and_runs_of_days_as_the_notice_gives_them():
    config = parse(
        holidays=["2027-01-01", "2027-02-05..2027-02-08", " 2027-10-01 .. 2027-10-03 "],
        workdays=["2027-02-20"],
    )
    assert config.calendar.holidays == {
        date(2027, 1, 1), date(2027, 2, 5), date(2027, 2, 6), date(2027, 2, 7),
        date(2027, 2, 8), date(2027, 10, 1), date(2027, 10, 2), date(2027, 10, 3),
    }  # fmt: skip
    assert config.calendar.workdays == {date(2027, 2, 20)}
    assert config.calendar.roster_days(date(2027, 2, 8)) == WEEKEND  # 初三, a Monday
    assert config.calendar.roster_days(date(2027, 2, 20)) == WORKWEEK


def test_toml_dates_written_without_quotes_are_days_too():
    written = 'holidays = [2027-10-01, "2027-10-04..2027-10-05"]\nworkdays = [2027-10-09]'
    config = parse(**tomllib.loads(written))
    assert date(2027, 10, 1) in config.calendar.holidays
    assert config.calendar.workdays == {date(2027, 10, 9)}


def test_overlapping_runs_are_one_holiday():
    config = parse(holidays=["2027-10-01..2027-10-05", "2027-10-03..2027-10-07", "2027-10-07"])
    assert len(config.calendar.holidays) == 7


def test_the_roster_follows_the_calendar():
    """A holiday Monday names the weekend's worker; a Saturday worked, the weekday's."""
    config = parse(holidays=["2027-02-05..2027-02-08"], workdays=["2027-02-20"])
    monday_holiday = datetime(2027, 2, 8, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
    saturday_worked = datetime(2027, 2, 20, 2, 0, tzinfo=UTC)
    assert config.on_duty(monday_holiday) == {2}
    assert config.on_duty(saturday_worked) == {1}
    assert config.on_duty(datetime(2027, 2, 9, 2, 0, tzinfo=UTC)) == {1}  # Tuesday: at work


@pytest.mark.parametrize(
    ("calendar", "expected"),
    [
        (
            {"holidays": "2027-10-01..2027-10-07"},
            "[calendar] holidays: expected a list in [ ], e.g. holidays = "
            '["2027-10-01..2027-10-07", "2027-12-31"], got \'2027-10-01..2027-10-07\'',
        ),
        (
            {"holidays": ["2027-02-30"]},
            "[calendar] holidays: '2027-02-30' is not a day; write \"YYYY-MM-DD\" such as "
            '"2027-10-01", or a run of days "2027-10-01..2027-10-07" (both days included)',
        ),
        (
            {"holidays": ["2027年10月1日"]},
            "[calendar] holidays: '2027年10月1日' is not a day; write \"YYYY-MM-DD\"",
        ),
        (
            {"workdays": ["2027/2/20"]},
            "[calendar] workdays: '2027/2/20' is not a day; write \"YYYY-MM-DD\"",
        ),
        (
            {"holidays": ["2027-10-01~2027-10-07"]},
            "[calendar] holidays: '2027-10-01~2027-10-07': join the first and the last day with "
            'two dots, "YYYY-MM-DD"',
        ),
        (
            {"holidays": ["2027-10-01-2027-10-07"]},
            "[calendar] holidays: '2027-10-01-2027-10-07': join the first and the last day",
        ),
        (
            {"holidays": [20271001]},
            '[calendar] holidays: expected days in quotes, "YYYY-MM-DD" such as "2027-10-01"',
        ),
        (
            {"holidays": [datetime(2027, 10, 1, 9, 0)]},
            "[calendar] holidays: 2027-10-01T09:00:00 is a moment, not a day; write the day alone",
        ),
        (
            {"holidays": ["2027-02-16..2027-02-10"]},
            '[calendar] holidays: "2027-02-16..2027-02-10" ends before it begins; write the '
            'first day first, "2027-02-10..2027-02-16"',
        ),
        (
            {"holidays": ["2027-10-01..2028-10-07"]},
            '[calendar] holidays: "2027-10-01..2028-10-07" is 373 days long; a run is at most '
            "31 days (a holiday lasts a few): check the dates",
        ),
        (
            {"holidays": ["1027-10-01"]},
            '[calendar] holidays: "1027-10-01": the year 1027 is surely a typo; e.g. "2027-10-01"',
        ),
        (
            {"holidays": ["2027-02-05..2027-02-08"], "workdays": ["2027-02-06"]},
            "[calendar] workdays: 2027-02-06 is in holidays too; a day is either off or worked: "
            "keep it in one of the two lists",
        ),
        (
            {"workdays": ["2027-02-10"]},
            "[calendar] workdays: 2027-02-10 is a Wednesday, a working day anyway; list only the "
            "Saturdays and Sundays worked instead of a holiday (调休上班)",
        ),
        (
            {"holiday": ["2027-10-01"]},
            "[calendar] holiday: unknown key; did you mean holidays? the keys here are: "
            "holidays, workdays",
        ),
    ],
)
def test_each_mistake_is_one_line_naming_the_key_and_the_fix(calendar, expected):
    with pytest.raises(ConfigError) as raised:
        parse(**calendar)
    said = str(raised.value)
    assert said.startswith(expected), said
    assert "\n" not in said


def test_a_calendar_that_is_no_table_is_refused():
    with pytest.raises(ConfigError) as raised:
        parse_config(
            {"telegram": {"token": TOKEN}, "storage": {"path": "x"}, "calendar": ["2027-10-01"]},
            base_dir=Path("/srv/yuanzi"),
            env={},
        )
    assert (
        str(raised.value) == "[calendar] must be a table (a [calendar] section), not a single value"
    )


def test_a_misspelt_section_points_to_calendar():
    with pytest.raises(ConfigError) as raised:
        parse_config(
            {"telegram": {"token": TOKEN}, "storage": {"path": "x"}, "calender": {}},
            base_dir=Path("/srv/yuanzi"),
            env={},
        )
    assert str(raised.value).startswith("[calender]: unknown section; did you mean [calendar]?")


def test_the_start_warns_when_a_weekday_roster_has_no_holidays_for_this_year():
    """The holidays are published yearly: a roster by days of the week whose calendar was not
    given this year's is named in the log at start; "daily" shifts need no calendar."""
    from bot.runtime.setup_checks import calendar_warnings

    new_year = datetime(2027, 1, 1, 1, 0, tzinfo=UTC)
    [line] = calendar_warnings(parse(holidays=["2026-10-01..2026-10-07"]), new_year)
    assert line.startswith("[[duty]] names days of the week, but [calendar] lists no day of 2027")
    assert calendar_warnings(parse(holidays=["2027-01-01"]), new_year) == []
    assert calendar_warnings(parse(), datetime(2026, 12, 6, tzinfo=UTC))  # none at all
    # 2026-12-31 17:00 UTC is already 2027 in Shanghai
    assert calendar_warnings(
        parse(workdays=["2026-12-26"]), datetime(2026, 12, 31, 17, 0, tzinfo=UTC)
    )
    daily = parse_config(
        {
            "telegram": {"token": TOKEN},
            "storage": {"path": "db.sqlite3"},
            "roles": {"workers": [1]},
            "duty": [{"days": "daily", "hours": "20:00-08:00", "workers": [1]}],
        },
        base_dir=Path("/srv/yuanzi"),
        env={},
    )
    assert calendar_warnings(daily, new_year) == []


def test_the_examples_calendar_loads_once_uncommented():
    """config.example.toml's [calendar], as an operator uncomments it."""
    lines = (Path(__file__).resolve().parents[1] / "config.example.toml").read_text().splitlines()
    start = lines.index("# [calendar]")
    block = []
    for line in lines[start + 1 :]:
        if not line.startswith("# ") or line.startswith("# ["):
            break
        block.append(line[2:])
    config = parse(**tomllib.loads("\n".join(block)))
    assert date(2027, 2, 8) in config.calendar.holidays  # 初三, a Monday
    assert config.calendar.roster_days(date(2027, 2, 8)) == WEEKEND


def test_a_notices_days_are_every_day_workdays_or_restdays():
    def notices(**more: object) -> tuple[object, ...]:
        notice = {"cron": "0 9 * * *", "chat": "all", "text": "网格站今天8:30开门", **more}
        data = {"telegram": {"token": TOKEN}, "storage": {"path": "x"}, "notices": [notice]}
        return parse_config(data, base_dir=Path("/srv/yuanzi"), env={}).notices

    assert [n.days for n in notices()] == ["every"]
    assert [n.days for n in notices(days=" Workdays ")] == ["workdays"]
    with pytest.raises(ConfigError) as raised:
        notices(days="weekdays")
    assert str(raised.value) == (
        "[notices #1] days: expected one of every, workdays, restdays, got 'weekdays'"
    )
