"""A lesson: what a worker or an admin decided a message is. Pure.

Every decision about what a message is — a 研判 answer, /category, /cancel as not a complaint,
/new, /merge — is kept as a labelled example of this deployment; the classifier's learned
layer (`bot.classify.learning`) adapts from them. Residents' own words never teach it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

__all__ = ["Lesson", "LessonSource", "cancel_teaches"]

# A worker's /cancel teaches "not a complaint" when it gives no reason or one of these; a
# cancel because the problem went away ("自己好了") or was a duplicate teaches nothing.
_NOT_A_COMPLAINT = re.compile(
    r"不是(诉求|投诉|问题|反映)|不算|闲聊|聊天|误(报|判|登记)|广告|玩笑|开玩笑"
)


class LessonSource(StrEnum):
    TRIAGE = "triage"  # a 研判 answer: 登记 / 改类别 / 不是诉求
    CATEGORY = "category"  # /category: the right category
    CANCEL = "cancel"  # /cancel by a worker: not a complaint
    NEW = "new"  # /new by a worker: a complaint the bot missed
    MERGE = "merge"  # /merge: the same problem as the ticket kept
    DONE = "done"  # /done: a worker handled it as a complaint of its category


@dataclass(frozen=True)
class Lesson:
    text: str
    is_complaint: bool
    category: str | None  # None when not a complaint
    source: LessonSource
    actor_id: int | None = None
    at: datetime | None = None
    ticket_id: int | None = None


def cancel_teaches(reason: str | None) -> bool:
    """Does a worker's /cancel with this reason say the message was no complaint?"""
    return not (reason or "").strip() or bool(_NOT_A_COMPLAINT.search(reason or ""))
