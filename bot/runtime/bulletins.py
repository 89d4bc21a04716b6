"""Gathering what the digest and the look back show, for the scheduler and the CLI alike."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot import texts
from bot.config import Config
from bot.core.lookback import as_of, first_reported
from bot.core.privacy import as_seen_in
from bot.core.rates import ResponseLimits, ThreeRates, three_rates
from bot.core.tickets import Ticket, complaints
from bot.core.timeutil import SECOND, day_bounds
from bot.texts import Texts
from bot.texts.digest import DigestData, LookBackData, compose_digest, compose_look_back
from storage.chats import ChatStore
from storage.stats import StatsStore
from storage.triage import TriageStore

MAX_CATCH_UP = timedelta(days=7)  # the furthest a digest reaches back over skipped ones

__all__ = ["Bulletins"]


@dataclass(frozen=True)
class Bulletins:
    stats: StatsStore
    chats: ChatStore
    triage: TriageStore
    texts: Texts
    config: Config

    @property
    def tz(self) -> ZoneInfo:
        return self.texts.tz

    @property
    def category_names(self) -> Mapping[str, str]:
        return self.texts.category_names

    async def scope_title(self, chat_id: int | None) -> str:
        """The name the charts give a group, or the whole community (chat_id None)."""
        if chat_id is None:
            return texts.WHOLE_COMMUNITY
        group = await self.chats.get(chat_id)
        return group.title if group and group.title else texts.THIS_GROUP

    async def reported_in(
        self, chat_id: int | None, start: datetime, end: datetime
    ) -> list[Ticket]:
        """A calendar period's tickets, [start, end): as the ledger workbook of that period."""
        return await self.stats.reported_in(chat_id, start, end)

    async def first_of(
        self, tickets: Sequence[Ticket], start: datetime, end: datetime
    ) -> list[Ticket]:
        """The complaints first reported in [start, end) (`tickets`: those reported in it),
        each once as the ticket that holds it now, wherever that was reported: as the monthly
        report counts them (`first_reported`)."""
        merged, holders = await self.stats.merge_chains(tickets)
        return first_reported(tickets, holders, merged, start, end)

    async def problems(self, chat_id: int | None, start: datetime, end: datetime) -> list[Ticket]:
        """The complaints first reported in (start, end] (`first_of`), of one group (another
        group's ticket holding its report as the group sees it) or all."""
        tickets = await self.stats.created_between(chat_id, start, end)
        found = await self.first_of(tickets, _after(start), _after(end))
        return found if chat_id is None else [as_seen_in(t, chat_id) for t in found]

    @property
    def limits(self) -> ResponseLimits:
        deadlines = self.config.deadlines
        return ResponseLimits(
            urgent=timedelta(hours=deadlines.response_urgent_hours),
            normal=timedelta(hours=deadlines.response_hours),
        )

    def digest_instant(self, day: date) -> datetime:
        """When the digest of a local day is due, as a UTC instant."""
        start, _ = day_bounds(day, self.config.schedule.tz)
        local = start.astimezone(self.config.schedule.tz)
        digest = self.config.schedule.digest_time
        return local.replace(hour=digest.hour, minute=digest.minute).astimezone(start.tzinfo)

    async def rates(self, chat_id: int | None, start: datetime, moment: datetime) -> ThreeRates:
        cohort = await self.problems(chat_id, start, moment)
        return three_rates([as_of(t, moment) for t in cohort], moment, self.limits)

    async def digest(
        self, chat_id: int, day: date, now: datetime, since: datetime | None = None
    ) -> str | None:
        """The group's digest of a local day: what happened since the previous digest, as it
        stood at this digest's time (or now, if that is still to come). The scheduled post and
        `python -m bot digest` agree, and no ticket falls between two digests: `since`, the last
        digest the group was given, is where it starts: reaching back when one was skipped
        since (the bot was down; at most a week), and not counting again what a digest at an
        earlier `digest_time` (changed since) already told."""
        moment = min(now, self.digest_instant(day))
        start = self.digest_instant(day - timedelta(days=1))
        if since is not None and since < moment:  # from the last digest given, whenever it was
            start = max(since, self.digest_instant(day) - MAX_CATCH_UP)
        group = await self.chats.get(chat_id)
        data = DigestData(
            group_title=group.title if group else None,
            day=day,
            since=start,
            now=moment,
            new=await self._new(chat_id, start, moment),
            done=[  # another group's ticket holding this one's report: not that group's unit
                as_seen_in(t, chat_id)
                for t in await self.stats.done_between(chat_id, start, moment)
            ],
            active=[  # another group's ticket holding this one's report, as /list shows it
                as_of(as_seen_in(t, chat_id), moment)
                for t in await self.stats.in_progress_at(chat_id, moment)
            ],
            rates_day=await self.rates(chat_id, start, moment),
            rates_30=await self.rates(chat_id, moment - timedelta(days=30), moment),
            triage=await self.triage.tally(chat_id, start, moment),
        )
        return compose_digest(data, self.texts, self.config.schedule.quiet_day)

    async def look_back(self, chat_id: int | None, now: datetime) -> str | None:
        """The weekly look back of one group, or of every group (for the community office);
        None when there was nothing in the last 30 days."""
        last30 = await self.problems(chat_id, now - timedelta(days=30), now)
        if not last30:
            return None
        titles = None
        if chat_id is None:
            groups = await self.chats.active_groups()
            titles = {g.chat_id: g.title or str(g.chat_id) for g in groups}
        data = LookBackData(
            scope_title=await self.scope_title(chat_id),
            now=now,
            last7=await self.problems(chat_id, now - timedelta(days=7), now),
            last30=last30,
            rates_30=three_rates(last30, now, self.limits),
            group_titles=titles,
        )
        return compose_look_back(data, self.texts)

    async def _new(self, chat_id: int, start: datetime, moment: datetime) -> list[Ticket]:
        """What a digest lists as new: the problems first reported in (start, moment], the
        reports merged away in it (the group is told where each went, counted with that
        one), the 研判 items filed in it about an older message."""
        problems = await self.problems(chat_id, start, moment)
        reported = await self.stats.created_between(chat_id, start, moment)
        late = await self.stats.filed_late(chat_id, start, moment)
        away = [t for t in reported if t.merged_into is not None]
        found = {t.id: t for t in [*problems, *away, *complaints(late, merged=True)]}
        return [found[i] for i in sorted(found)]


def _after(moment: datetime) -> datetime:
    """The first stored time after `moment` (times are stored in whole seconds): (start,
    end] as [start, end)."""
    return moment.replace(microsecond=0) + SECOND
