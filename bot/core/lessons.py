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

__all__ = ["Lesson", "LessonSource", "cancel_teaches", "merge_lesson"]

# A worker's /cancel teaches "not a complaint" when it gives no reason or one of these (as a
# worker says it: 物业通知, 只是咨询, 非诉求, 不用登记, 外小区的事); a cancel because the problem
# went away ("自己好了") or was a duplicate teaches nothing, nor one posted by mistake (发错了:
# its words may well be a complaint).
_NOT_A_COMPLAINT = re.compile(
    r"不是(诉求|投诉|问题|反映)|不算|非诉求|不属于(诉求|投诉)|(不用|不需要|无需|不必)登记|"
    r"(?<!不是)(?<!并非)(闲聊|聊天|广告|玩笑|开玩笑)|(?<!不是)(?<!并非)误(报|判|登记)|"
    # a notice, not the verb (已通知物业, 电话通知业主: handled, a complaint after all)
    r"(?<!不是)(?<![已经话会再并先去要])(通知|公告)(?!了|过|到|物业|业主|居民|住户|维修|师傅|相关|他|她)|"
    r"(?<!不是)(?<![已经])咨询(?!了|过|物业|师傅)|只是(问|提问)|问问而已|随便问|"
    r"不是(我们|本)小区|外小区|(与|和|跟)(本|我们)?小区无关"
)
# The problem went away, or the ticket goes on elsewhere: the message was a complaint after all
# ("已解决，不算问题了", "自己好了 不算事", "重复了"). Not 撤销 or 撤回: that is the cancel itself.
_WENT_AWAY = re.compile(
    r"已解决|解决了|已处理|处理好|修好|好了|恢复|重复|同一件|合并|不用了|已经没事|自己撤"
)


class LessonSource(StrEnum):
    TRIAGE = "triage"  # a 研判 answer: 登记 / 改类别 / 不是诉求
    CATEGORY = "category"  # /category: the right category
    CANCEL = "cancel"  # /cancel by a worker: not a complaint
    NEW = "new"  # /new by a worker: a complaint the bot missed
    MERGE = "merge"  # /merge: the same problem as the ticket kept
    DONE = "done"  # /done: a worker handled it as a complaint of its category
    RESTORE = "restore"  # /reopen of a cancelled ticket by a worker: a complaint after all


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
    """Does a worker's /cancel with this reason say the message was no complaint? With no
    reason, yes; not when the reason says the problem went away or is handled elsewhere."""
    said = (reason or "").strip()
    if not said:
        return True
    return not _WENT_AWAY.search(said) and bool(_NOT_A_COMPLAINT.search(said))


def merge_lesson(summary: str, kept_category: str, own_category: str) -> Lesson | None:
    """What a /merge teaches of the words merged in: a complaint of the kept ticket's category
    — when it had that category already. Merged across categories (a lift stopped by a power
    cut, a noise kept with the fire lane it was said beside) the worker says "the same
    incident", not "the same kind of problem": nothing is learned from it."""
    if kept_category != own_category:
        return None
    return Lesson(summary, True, kept_category, LessonSource.MERGE)
