"""When a cron trigger last fired: APScheduler's triggers asked the other way round, with the
days a clock changes taken care of (a fixed hour that comes twice fires once, as cron does)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, tzinfo

from apscheduler.triggers.cron import CronTrigger

from bot.core.crontab import crontab_alternatives

__all__ = ["MAX_STEPS", "crontab_triggers", "latest_fire", "latest_of"]

MAX_STEPS = 20_000  # fires walked at most between two runs of the schedule


def latest_fire(trigger: CronTrigger, since: datetime, now: datetime) -> datetime | None:
    """The last time the trigger fired in (since, now], as UTC; None if it did not. A fixed
    hour that comes twice (the night a clock goes back) fires once, as cron does."""
    last = None
    now = now.astimezone(UTC)
    fixed_hour = all("*" not in str(f) for f in trigger.fields if f.name == "hour")
    fire = _next_fire(trigger, since)
    for _ in range(MAX_STEPS):
        if fire is None or fire > now:
            break
        if not (fixed_hour and _repeated(trigger, fire)):
            last = fire
        fire = _next_fire(trigger, fire)
    return last


def crontab_triggers(expression: str, tz: tzinfo) -> tuple[CronTrigger, ...]:
    """The triggers that together fire as a crontab line does (a day of the month or of the
    week, when both are given: two). ValueError if malformed."""
    return tuple(CronTrigger(**fields, timezone=tz) for fields in crontab_alternatives(expression))


def latest_of(triggers: Sequence[CronTrigger], since: datetime, now: datetime) -> datetime | None:
    """The last time any of the triggers fired in (since, now], as `latest_fire`."""
    fires = [fire for t in triggers if (fire := latest_fire(t, since, now)) is not None]
    return max(fires, default=None)


def _next_fire(trigger: CronTrigger, after: datetime) -> datetime | None:
    """The trigger's first fire strictly after `after`, in UTC (local times compare and add
    by the wall clock). APScheduler 3 can repeat a fire in the hour a clock goes back, and skip
    the first fire after it goes forward: around each change of the clock's offset before the
    fire, it is asked again from each hour of the two days that follow."""
    after = after.astimezone(UTC)
    hour, day = timedelta(hours=1), timedelta(days=1)

    def asked(start: datetime) -> datetime | None:
        found = trigger.get_next_fire_time(None, start.astimezone(trigger.timezone))
        return found.astimezone(UTC) if found is not None else None

    fire, probe = asked(after + timedelta(seconds=1)), after
    while fire is not None and fire <= after:  # a repeated hour asked about again and again
        probe += hour
        fire = asked(probe)
    start = after
    while fire is not None and start < fire:
        end = min(start + day, fire)
        if _offset(trigger, start) != _offset(trigger, end):  # the clock changed in this day
            probe = start + hour
            while probe < min(end + day, fire):
                early = asked(probe)
                if early is not None and after < early < fire:
                    fire = early
                probe += hour
        start = end
    return fire


def _offset(trigger: CronTrigger, moment: datetime) -> timedelta | None:
    return moment.astimezone(trigger.timezone).utcoffset()


def _repeated(trigger: CronTrigger, fire: datetime) -> bool:
    """Whether this wall-clock time came once already, an hour before (the second of two)."""
    local = fire.astimezone(trigger.timezone)
    return local.fold == 1 and local.replace(fold=0).utcoffset() != local.utcoffset()
