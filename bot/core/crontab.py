"""A crontab line's five fields, read as cron reads them.

APScheduler's `CronTrigger.from_crontab` counts the day of the week from Monday (0 = Monday),
where cron counts from Sunday (0 and 7 = Sunday): "0 9 * * 1-5" would post Tuesday to
Saturday. Here numbers in the day-of-week field become day names, which both read alike.

Cron fires on a day that matches the day of the month *or* the day of the week when both are
restricted ("0 9 1 * 1": the 1st of each month and every Monday); APScheduler's trigger wants
both. Such a line is two triggers here, one for each field (`crontab_alternatives`). As in
Vixie cron, a field that starts with "*" ("*/2") counts as unrestricted: then both apply.
"""

from __future__ import annotations

__all__ = ["crontab_alternatives", "crontab_fields"]

_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
_FIELDS = ("minute", "hour", "day", "month", "day_of_week")
_OPEN = ("*", "?")  # a day field starting so restricts nothing, as cron reads it


def crontab_fields(expression: str) -> dict[str, str]:
    """The fields of "minute hour day-of-month month day-of-week", by APScheduler's names
    (`CronTrigger(**fields)`), the day of the week in names. ValueError if malformed."""
    fields = expression.split()
    if len(fields) != len(_FIELDS):
        raise ValueError(f"wrong number of fields; got {len(fields)}, expected 5")
    found = dict(zip(_FIELDS, fields, strict=True))
    found["day_of_week"] = _day_names(found["day_of_week"])
    return found


def crontab_alternatives(expression: str) -> tuple[dict[str, str], ...]:
    """The field sets (as `crontab_fields`) whose fires together are the line's: one; two when
    both the day of the month and the day of the week are restricted — one with each, the
    other left open — for cron fires on either. ValueError if malformed."""
    fields = crontab_fields(expression)
    day, day_of_week = expression.split()[2::2]  # as written ("*/2" before it became names)
    if day.startswith(_OPEN) or day_of_week.startswith(_OPEN):
        return (fields,)
    return {**fields, "day_of_week": "*"}, {**fields, "day": "*"}


def _day_names(field: str) -> str:
    """'1-5' → 'mon,tue,wed,thu,fri'; '0,6' and '6-7' → sat and sun; '*/2' → sun,tue,thu,sat.
    A field of names only, or '*', is left as it is."""
    if not any(ch.isdigit() for ch in field):
        return field
    days: list[str] = []
    for part in field.split(","):
        span, slash, step = part.partition("/")
        every = int(step) if slash else 1
        if every < 1:
            raise ValueError(f"step {step} in the day of the week must be at least 1")
        if span in ("*", "?"):
            first, last = 0, 6
        elif "-" in span:
            start, _, end = span.partition("-")
            first, last = _day(start), _day(end)
        else:
            first = _day(span)
            last = 6 if slash else first
        if first > last:
            raise ValueError(f"day-of-week range {span} runs backwards (0 and 7 are Sunday)")
        days.extend(_NAMES[day % 7] for day in range(first, last + 1, every))
    return ",".join(dict.fromkeys(days))


def _day(token: str) -> int:
    """0–7 (0 and 7: Sunday) or a day's name (sun … sat)."""
    if token.isdigit() and int(token) <= 7:
        return int(token)
    name = token.strip().lower()[:3]
    if name in _NAMES:
        return _NAMES.index(name)
    raise ValueError(f"{token!r} is not a day of the week (0–7, 0 and 7 are Sunday, or sun … sat)")
