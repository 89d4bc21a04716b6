"""研判: a message the classifier is unsure of waits for a worker's judgement. Pure.

Nothing is said in the group while it waits. A worker files it (登记为诉求, with the guessed or
another category) or dismisses it (不是诉求); an item nobody judged in time is filed anyway,
because 件件有回音 — every complaint gets an answer — wins over silence. Except what the model
was sure is chatter and only a community's learned phrase sent to a worker ("老七修好了 谢谢"):
that is for a worker to file, never for the clock (`files_on_timeout`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.core.followups import asks_progress
from bot.core.loop import repeats_herself

__all__ = [
    "SURE_CHATTER",
    "Decision",
    "TriageItem",
    "TriagePolicy",
    "TriageSecond",
    "TriageTally",
    "files_on_timeout",
    "says_again",
]

# The model is this sure a message is chatter (its log-odds): a learned phrase may send it to a
# worker, but nothing files it on its own.
SURE_CHATTER = -4.0


class Decision(StrEnum):
    FILE = "filed"  # 登记为诉求
    DISMISS = "dismissed"  # 不是诉求


@dataclass(frozen=True)
class TriageItem:
    """A group message waiting for (or given) a worker's judgement."""

    id: int
    chat_id: int
    message_id: int
    user_id: int | None
    display_name: str
    text: str
    received_at: datetime
    category: str | None  # the classifier's best guess
    location: str | None
    state: str = "pending"
    how: str | None = None  # "worker" or "timeout"
    decided_name: str | None = None
    ticket_id: int | None = None
    sent_at: datetime | None = None  # when Telegram says it was sent (None: queued before 26)
    thread_id: int | None = None  # its topic, in a group with topics (None: queued before 27)

    @property
    def pending(self) -> bool:
        return self.state == "pending"


@dataclass(frozen=True)
class TriageSecond:
    """A neighbour's "+1" under a message waiting for 研判: it joins the ticket the message
    becomes (nothing is said in the group before that)."""

    item_id: int
    chat_id: int
    message_id: int
    user_id: int | None
    display_name: str
    text: str
    received_at: datetime
    ticket_id: int | None = None  # the ticket its item became, once filed
    thread_id: int | None = None  # its topic, in a group with topics (None: kept before 29)


def files_on_timeout(margin: float, held: bool) -> bool:
    """Whether a message nobody judged is filed when its wait ends, by the classifier's verdict
    on it then: not what the model is sure is chatter and only a learned phrase held for a
    worker (a wide band's plain low score is filed as promised)."""
    return not (held and margin < SURE_CHATTER)


def says_again(
    text: str,
    guess: str | None,
    waiting: Iterable[tuple[str, str | None, datetime]],
    now: datetime,
) -> bool:
    """Whether unsure words (`guess`: the category the classifier leans to) are her own words
    still waiting for a worker (`waiting`: their words, guess and when) said again: sent twice,
    nearly the same words later, or a chase naming no other matter ("菜地里头全是水 有人管吗")
    — not a question about a matter of its own ("门口那个快递柜有人管吗" while her flooded
    garden waits), which is an item of its own."""
    for words, about, at in waiting:
        repeat = repeats_herself(text, [(words, at)], now)
        if repeat == "double" or (
            repeat == "again" and (not asks_progress(text) or guess in (None, about))
        ):
            return True
    return False


@dataclass(frozen=True)
class TriagePolicy:
    """The unsure band of the classifier's score, and how long an item may wait."""

    band: tuple[float, float] = (-2.0, 1.0)  # around the complaint line (log-odds): below, above
    wait: timedelta = timedelta(minutes=60)

    @property
    def enabled(self) -> bool:
        return self.band[0] < self.band[1]


@dataclass(frozen=True)
class TriageTally:
    """What was decided how, in a period (the digest says it)."""

    filed_by_worker: int = 0
    filed_on_timeout: int = 0
    dismissed: int = 0
    pending: int = 0

    @property
    def total(self) -> int:
        return self.filed_by_worker + self.filed_on_timeout + self.dismissed + self.pending
