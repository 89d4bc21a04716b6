"""A crontab line's day of the week as cron counts it (0 and 7: Sunday)."""

from __future__ import annotations

import pytest

from bot.core.crontab import crontab_alternatives, crontab_fields


@pytest.mark.parametrize(
    ("expression", "days"),
    [
        ("0 9 * * 1-5", "mon,tue,wed,thu,fri"),
        ("0 9 * * 0", "sun"),
        ("0 9 * * 7", "sun"),
        ("0 9 * * 5-7", "fri,sat,sun"),
        ("0 9 * * 0-7", "sun,mon,tue,wed,thu,fri,sat"),
        ("0 9 * * */2", "sun,tue,thu,sat"),
        ("0 9 * * 1-5/2", "mon,wed,fri"),
        ("0 9 * * 1,sat", "mon,sat"),
        ("0 9 * * mon-fri", "mon-fri"),
        ("0 9 10,20,30 * *", "*"),
    ],
)
def test_days_of_the_week_become_names(expression: str, days: str) -> None:
    fields = crontab_fields(expression)
    assert fields["day_of_week"] == days
    assert (fields["minute"], fields["hour"]) == ("0", "9")


@pytest.mark.parametrize(
    "expression", ["0 9 * *", "0 9 * * 8", "0 9 * * 5-1", "0 9 * * 1/0", "0 9 * * 1/x"]
)
def test_a_malformed_line_is_a_value_error(expression: str) -> None:
    with pytest.raises(ValueError):
        crontab_fields(expression)


@pytest.mark.parametrize(
    ("expression", "days"),
    [
        ("0 9 1 * 1", [("1", "*"), ("*", "mon")]),  # the 1st, and every Monday, as cron
        ("0 9 10,20 * 6-7", [("10,20", "*"), ("*", "sat,sun")]),
        ("0 9 1 * *", [("1", "*")]),  # one of the two left open: that one alone
        ("0 9 * * 1", [("*", "mon")]),
        ("0 9 */2 * 1", [("*/2", "mon")]),  # a field starting with "*": both, as Vixie cron
        ("0 9 1 * */2", [("1", "sun,tue,thu,sat")]),
        ("0 9 * * *", [("*", "*")]),
    ],
)
def test_a_restricted_day_of_the_month_and_of_the_week_are_either(
    expression: str, days: list[tuple[str, str]]
) -> None:
    alternatives = crontab_alternatives(expression)
    assert [(a["day"], a["day_of_week"]) for a in alternatives] == days
    assert all((a["minute"], a["hour"], a["month"]) == ("0", "9", "*") for a in alternatives)


def test_a_malformed_line_has_no_alternatives() -> None:
    with pytest.raises(ValueError):
        crontab_alternatives("0 9 1 * 8")
