"""The loop after the acknowledgement: merging, escalation, the verdict window. Pure."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from bot.core.followups import asks_progress, says_still
from bot.core.tickets import SOLVED_STATUSES, Status, Ticket

__all__ = [
    "DOUBLE_SEND",
    "ESCALATION_KIND",
    "MAX_LEVEL",
    "ON_TIME",
    "PLACED_SOON",
    "PLACE_PIECE_WITHIN",
    "RATING_KIND",
    "REMINDER_KIND",
    "SAID_AGAIN",
    "SCHEDULED_KINDS",
    "LoopPolicy",
    "MergeCandidate",
    "Repeat",
    "escalation_chat",
    "find_duplicate",
    "joins_ticket",
    "names_only_place",
    "place_key",
    "repeats_herself",
    "said_late",
    "same_place",
    "still_due",
    "text_similarity",
    "too_late",
]

# Escalation goes one level at a time up to the district (texts name the levels).
MAX_LEVEL = 3
# The outbox kinds of the loop's own notices that wait for their turn (`still_due`).
ESCALATION_KIND = "escalate"  # followed by the level
REMINDER_KIND = "reminder"
RATING_KIND = "rating"
# The outbox kinds the schedule posts at their time: the digest, the look back (and its charts,
# "lookback:charts"), custom notices.
SCHEDULED_KINDS = ("digest", "lookback", "notice:")
# A scheduled post this late is on time, whatever grace_hours says (0: nothing missed is posted
# late): the schedule's tick comes up to a minute after the minute, the group's turn after it.
ON_TIME = timedelta(minutes=5)
# A complaint naming no place joins the same category's ticket raised this shortly before.
SHORTLY = timedelta(hours=3)
# "电梯又坏了", then a neighbour's "3栋电梯不动了": a lift, power or water ticket that named no
# place, raised this recently, is the one a report naming its place is about (takes the place)
PLACED_SOON = timedelta(minutes=30)


@dataclass(frozen=True)
class LoopPolicy:
    """How long each step may take."""

    rating_days: int = 3
    reopen_days: int = 7
    step: timedelta | None = None  # time between escalation levels; default: the ticket's limit
    merge_window: timedelta = timedelta(days=7)

    def escalation_due(self, ticket: Ticket, now: datetime, limit: timedelta) -> int | None:
        """The next escalation level the ticket has reached by `now`, one level at a time:
        the first past its deadline, each next one `step` later — by default its time limit
        as configured (`limit`: its category's, or the urgent one), however long ago it was
        filed or however often reopened. A ticket that became urgent past its deadline (a
        danger merged in, or a neighbour's report of one) keeps that deadline, but its next
        levels step on from the urgent one (`limit` after `urgent_at`), not from a deadline
        long past: its levels are not all due at once."""
        if not ticket.status.is_active or ticket.due_at is None:
            return None
        if ticket.escalation_level >= MAX_LEVEL or now <= ticket.due_at:
            return None
        step = self.step or limit
        next_level = ticket.escalation_level + 1
        start = ticket.due_at
        if ticket.urgent and ticket.urgent_at is not None and next_level > 1:
            start = max(start, ticket.urgent_at + limit)
        if now >= start + (next_level - 1) * step:
            return next_level
        return None

    @property
    def rating_window(self) -> timedelta:
        """A done ticket nobody rated for this long closes unrated (the schedule asks storage
        for the done tickets older than this)."""
        return timedelta(days=self.rating_days)

    def may_reopen(self, ticket: Ticket, now: datetime) -> bool:
        return (
            ticket.status in SOLVED_STATUSES
            and ticket.done_at is not None
            and now - ticket.done_at <= timedelta(days=self.reopen_days)
        )


# What a reply to a complaint is filed under when it only chases it ("啥时候修得好嘛？").
FOLLOW_UP_CATEGORIES = frozenset({"property_service", "other"})


def joins_ticket(
    ticket_category: str,
    *,
    me_too: bool,
    is_complaint: bool,
    category: str | None,
    is_reply: bool,
    bare: bool = True,
    guess: str | None = None,
    names_problem: bool = True,
    adds: bool = False,
) -> bool:
    """Whether a message about an open ticket (a reply to it, or a "+1" just after it) joins
    it: a bare me-too (whatever place it says: "楼上也停了"), or one in reply that names no
    other problem; a me-too just after whose words are about the same thing ("我家也是 没水"),
    not chatter ("我也是 3栋的"); the same problem again; or — as a reply — a question or a
    nudge with no problem of its own.
    `names_problem`: the message names a problem of its own, not the ticket's (the rules' words
    name another category, or it is urgent); a me-too that only adds how it hurts ("+1
    我家老人也下不了楼") joins. `adds`: the words add to the ticket though they are no
    complaint — unsure of being one ("还有5楼也在漏"), or a detail from its own reporter
    ("补充：是2单元的"): in reply, naming no other problem, they join (whatever the model's best
    guess of a category for words it is unsure of: "还有5楼也在漏" is no lift)."""
    if me_too and bare:  # "楼上也停了" just after: nothing named but where, the same problem
        return True
    if me_too and is_reply:  # unless its words name another problem
        if not is_complaint or not names_problem:
            return True
        return category == ticket_category or category in FOLLOW_UP_CATEGORIES
    if me_too and is_complaint and not names_problem:
        return True
    if adds and is_reply and not names_problem:
        return True
    if not is_complaint:  # unsure words after "+1": the same thing, or how it hurts
        return me_too and (guess == ticket_category or (guess is not None and not names_problem))
    return category == ticket_category or (category in FOLLOW_UP_CATEGORIES and is_reply)


_PLACE_NOISE = re.compile(r"[\s\-－—_·,，。.!！?？、]+")
# Elders type in pieces: "3栋", then "电梯又坏了" (or the complaint first, then "5号楼门口的").
# A place said alone this close to one's complaint is that complaint's place.
PLACE_PIECE_WITHIN = timedelta(minutes=2)
_AROUND_A_PLACE = re.compile(
    r"(?:[\s的这那边里儿呀啊哦喔呢~～。，,.!！:：]|门口|门前|楼下|旁边|附近|前面|后面)+"
)


def names_only_place(text: str, place: str | None) -> bool:
    """Whether the words are a place and nothing more ("3栋", "5号楼门口的", "3栋2单元这边")."""
    if not place:
        return False
    words, place = unicodedata.normalize("NFKC", text), unicodedata.normalize("NFKC", place)
    return place in words and not _AROUND_A_PLACE.sub("", words.replace(place, "", 1))


_CN_DIGITS = str.maketrans("零〇一二两三四五六七八九", "001223456789")
_CN_NUMBER = re.compile(r"[零〇一二两三四五六七八九]*[十百][零〇一二两三四五六七八九十]*")
_CN_COUNTED = re.compile(r"^(?:(\d)百0?)?(?:(\d?)十)?(\d)?$")  # 1百05, 2十1, 十2 once translated


def _counted(match: re.Match[str]) -> str:
    """A number written with 十 or 百 (十二 = 12, 二十一 = 21, 一百零五 = 105); the words as
    they were when they are no such number."""
    digits = match.group().translate(_CN_DIGITS)
    found = _CN_COUNTED.match(digits)
    if found is None or (not any(found.groups()) and digits != "十"):
        return digits
    hundreds, tens, units = found.groups()
    ten = int(tens or 1) if "十" in digits else 0
    return str(int(hundreds or 0) * 100 + ten * 10 + int(units or 0))


def place_key(place: str) -> str:
    """One spelling for one place: 3栋 = 三栋 = 3号楼 = 3幢 → "3栋"."""
    return _normal_place(place)


@functools.lru_cache(maxsize=4096)
def _normal_place(place: str) -> str:
    place = _CN_NUMBER.sub(_counted, unicodedata.normalize("NFKC", place).lower())
    place = place.translate(_CN_DIGITS)
    place = place.replace("号楼", "栋").replace("幢", "栋").replace("棟", "栋")
    return _PLACE_NOISE.sub("", place)


def same_place(a: str | None, b: str | None) -> bool:
    """3栋 = 三栋 = 3号楼 = 3幢; no place is never the same place."""
    if not a or not b:
        return False
    return _normal_place(a) == _normal_place(b)


def _shingles(text: str) -> set[str]:
    chars = [c for c in unicodedata.normalize("NFKC", text).lower() if c.isalnum()]
    return {"".join(chars[i : i + 2]) for i in range(len(chars) - 1)}


def text_similarity(a: str, b: str) -> float:
    """Jaccard similarity of character pairs: 1.0 for the same words, ~0 for unrelated ones."""
    left, right = _shingles(a), _shingles(b)
    if not left or not right:
        return 1.0 if unicodedata.normalize("NFKC", a).strip() == b.strip() else 0.0
    return len(left & right) / len(left | right)


# The same words from the same resident this soon after are one message sent twice (a double
# tap, a resend on a slow network), not a second report.
DOUBLE_SEND = timedelta(minutes=5)
SAID_AGAIN = 0.7  # words this alike (`text_similarity`) are hers said again
Repeat = Literal["double", "again"]


def repeats_herself(
    text: str, earlier: Iterable[tuple[str, datetime]], now: datetime
) -> Repeat | None:
    """A report joining a ticket its author reported already (`earlier`: her reports in it, with
    when): "double" — the same words again within minutes, nothing more to answer; "again" —
    her complaint said again later, or a chase ("电梯还是坏的啊 怎么没人管"): she wants to know
    where it stands, not that it was merged into her own report. None: she never reported it,
    or she adds something ("补充：是2单元的"), which is acknowledged as joining it."""
    said = list(earlier)
    if not said:
        return None
    if any(now - at <= DOUBLE_SEND and text_similarity(text, words) >= 0.9 for words, at in said):
        return "double"
    if asks_progress(text) or any(text_similarity(text, w) >= SAID_AGAIN for w, _ in said):
        return "again"
    return None


@dataclass(frozen=True)
class MergeCandidate:
    """An active ticket of the same group that a new complaint might be about."""

    ticket_id: int
    category: str
    location: str | None
    status: Status
    created_at: datetime
    texts: tuple[str, ...]
    reporter_ids: frozenset[int]

    @classmethod
    def of(
        cls, ticket: Ticket, texts: tuple[str, ...], reporter_ids: frozenset[int]
    ) -> MergeCandidate:
        return cls(
            ticket.id,
            ticket.category,
            ticket.location,
            ticket.status,
            ticket.created_at,
            texts,
            reporter_ids,
        )


_ONE_SUPPLY = frozenset({"power", "water", "lift"})  # elsewhere 还没人处理 tells new ones too


def find_duplicate(
    candidates: Iterable[MergeCandidate],
    *,
    category: str,
    location: str | None,
    text: str,
    user_id: int | None,
    now: datetime,
    window: timedelta = timedelta(days=7),
    similar: float = 0.7,
    shortly: timedelta = SHORTLY,
) -> int | None:
    """The number of the active ticket a new complaint repeats, if any.

    The same problem: same category and same place; or clearly the same words; or the same
    resident again about the same category; or, for a complaint that names no place, the
    latest of the same category raised `shortly` before (one water cut, one ticket), and for
    one naming a place, of the power, the water or the lift, the latest of its category that
    named none, raised `PLACED_SOON` before (one lift: it takes the place) — or
    the only one of its category open within `window`, when its words say it is still going
    on ("还是没电", `says_still`; with two open, which one is anyone's guess): of the power,
    the water or the lift, each a group's one supply (a 绿化 ticket is not every 绿化 problem).
    A ticket older than `window` is still open, so its problem is not fixed: the same
    category at the same named place, or its own reporter again about its category, still
    joins it (no second ticket for one lift) — but not "other", which is no one problem;
    looser likenesses are left alone.
    """
    best: int | None = None
    latest: MergeCandidate | None = None
    still = category in _ONE_SUPPLY and says_still(text)
    going_on: list[int] = []  # the open ones of its kind, if still going on
    for candidate in candidates:
        if not candidate.status.is_active:
            continue
        if candidate.location and location and not same_place(candidate.location, location):
            continue  # two places named: two problems, however alike the words
        same_category = candidate.category == category
        if now - candidate.created_at > window:
            named_here = same_place(candidate.location, location)  # False when either is None
            one_problem = same_category and category != "other"  # "other" is no one problem
            if one_problem and (named_here or user_id in candidate.reporter_ids):
                best = best or candidate.ticket_id
            continue
        if same_category and same_place(candidate.location, location):
            return candidate.ticket_id
        if any(text_similarity(text, earlier) >= similar for earlier in candidate.texts):
            return candidate.ticket_id
        if same_category and user_id in candidate.reporter_ids:
            best = best or candidate.ticket_id
        if still and same_category and location is None:
            going_on.append(candidate.ticket_id)
        age = now - candidate.created_at
        recent = location is None and age <= shortly  # she names no place: the latest of its kind
        placed = candidate.location is None and age <= PLACED_SOON and category in _ONE_SUPPLY
        recent = recent or placed  # it named none: the group's one lift, power or water
        recent = recent and same_category and category != "other"  # "other" is no one problem
        if recent and (latest is None or candidate.created_at > latest.created_at):
            latest = candidate
    if best is None and latest is None and len(going_on) == 1:
        return going_on[0]  # still going on, and only one such problem open: that one
    return best or (latest.ticket_id if latest is not None else None)


def still_due(kind: str, ticket: Ticket) -> bool:
    """Whether a notice queued for later (after quiet hours) is still worth posting when its
    turn comes: an escalation or an overdue reminder only while the ticket is being handled —
    an escalation only at its level still (one done and reopened since has a fresh deadline
    and starts its levels anew: the night's 超时 is no longer true) — a request for a verdict
    only while it waits for verdicts. Other notices always."""
    status = ticket.status
    if kind.startswith(ESCALATION_KIND):
        level = kind.removeprefix(ESCALATION_KIND)
        return status.is_active and ticket.escalation_level >= int(level or 1)
    if kind == REMINDER_KIND:
        return status.is_active
    if kind == RATING_KIND:
        return status is Status.DONE
    return True


def too_late(kind: str, not_before: datetime, now: datetime, grace: timedelta) -> bool:
    """Whether a scheduled post (a digest, a look back, a custom notice) that could not be
    posted when its time came — the group removed the bot, or muted it — is stale now: more
    than `grace` late, as one missed while the bot was down would be skipped (a digest of a
    day long past is not posted when the bot is added back days later). So is a worker's
    reminder of overdue tickets: the next one, in working hours, says how overdue they are
    then (it is due: the stale one's time is long past)."""
    stale = kind.startswith(SCHEDULED_KINDS) or kind == REMINDER_KIND
    return stale and now - not_before > max(grace, ON_TIME)


def said_late(kind: str, queued_at: datetime, now: datetime) -> bool:
    """Whether an escalation is posted so long after it was queued that the ages it gives are
    no longer true — held for the morning, or for a group that removed or muted the bot and
    added it back days later: it is composed again as of now. Not dropped: its ticket is still
    overdue (`still_due`), and the office wants that said, rightly."""
    return kind.startswith(ESCALATION_KIND) and now - queued_at > ON_TIME


def escalation_chat(
    configured: int | None, group: int, level: int, *, bot_in_group: bool, by_hand: bool = False
) -> int | None:
    """Where an escalation is posted: the chat configured for its level; else the ticket's own
    group — for level 1, or any level the office raises by hand (督办) — while the bot is still
    in it (a notice held for a group the bot left would be stale when it comes back); else
    nowhere (raised all the same)."""
    if configured is not None:
        return configured
    if (level == 1 or by_hand) and bot_in_group:
        return group
    return None
