"""What the bot says about households' verdicts (满意 / 基本满意 / 不满意) on a done ticket."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from bot.core.tickets import Person, Rating, Ticket, standing_verdicts
from bot.texts.format import RATING_NAMES, mention, shown

__all__ = [
    "MENTIONED_AT_MOST",
    "NOT_YET",
    "RATING_CLOSED",
    "RATING_NOT_DONE",
    "RATING_NOT_NOW",
    "RATING_OLD_REPLY",
    "RATING_OLD_ROUND",
    "RATING_OVER",
    "RATING_REDONE",
    "RATING_SAME",
    "RATING_THANKS",
    "VERDICTS_NAMED",
    "also_unhappy",
    "ask_again",
    "households_mentioned",
    "ledger_verdicts",
    "rated_all_pleased",
    "rated_recorded",
    "verdict_line",
]

RATING_CLOSED = "这件诉求已经归档，评价已结束"
RATING_NOT_NOW = "这件诉求正在重新办理，办结后再评价"
RATING_NOT_DONE = "这件诉求还没有办结，办结后再请您评价"
# Under a done notice posted late (the group had removed the bot), its rating already over.
RATING_OVER = "（这条通知发晚了，评价已经结束；问题如果还在，请在群里再说一声。）"
# … when the ticket was reopened since: it is being handled again.
RATING_REDONE = "（这条通知发晚了：这件已经重新办理，办好后会再请大家评价。）"
RATING_OLD_ROUND = "这是之前一次办结时的评价按钮，请在最新的办结消息下评价"
RATING_OLD_REPLY = "这是之前一次办结的消息。请回复最新的办结消息，或点那里的按钮评价。"
RATING_SAME = "已经收到您的评价"
RATING_THANKS = "谢谢评价"
NOT_YET = "未评价"
# A water cut two hundred households reported: the first are named (each mention notifies),
# the rest counted, so that the done notice and its reminder stay within Telegram's length.
MENTIONED_AT_MOST = 20
# Past this many households, /ticket counts the verdicts rather than naming every household.
VERDICTS_NAMED = 12


def households_mentioned(people: Sequence[Person], at_most: int = MENTIONED_AT_MOST) -> str:
    """`张阿姨、李叔` — or, for more than `at_most`, the first of them `等 200 户`."""
    named = "、".join(mention(p) for p in people[:at_most])
    return f"{named} 等 {len(people)} 户" if len(people) > at_most else named


def _people(people: Sequence[Person]) -> str:
    return households_mentioned(people)


def rated_all_pleased(label: str, rater: Person, rating: Rating, households: int) -> str:
    """The last household answered and everyone is pleased: the ticket is closed."""
    verdict = RATING_NAMES[rating]
    everyone = f"{households} 户都已评价，" if households > 1 else ""
    return f"谢谢 {mention(rater)} 的评价（{verdict}）。{everyone}{label} 已办结归档。"


def rated_recorded(label: str, rater: Person, rating: Rating, waiting: Sequence[Person]) -> str:
    """A verdict kept while others have not answered yet (or the ticket is being redone)."""
    said = f"谢谢 {mention(rater)} 的评价（{RATING_NAMES[rating]}）。"
    if waiting:
        return f"{said}{label} 还在等 {_people(waiting)} 评价，点上面的按钮即可。"
    return f"{said}{label} 已记下。"


def also_unhappy(label: str, rater: Person) -> str:
    """A 不满意 while the ticket is already being redone after another household's."""
    return (
        f"{mention(rater)} 也评价不满意，{label} 正在重新办理，网格员会一并跟进。\n"
        f"{mention(rater)} 可以直接回复本条消息说明原因。"
    )


def ask_again(label: str, waiting: Sequence[Person]) -> str:
    """Once a round, to the households that have not answered while the window is open."""
    return (
        f"{_people(waiting)}：{label} 已经办结，问题解决了吗？"
        "请点下面的按钮评价，不满意会重新交办。"
    )


def ledger_verdicts(ticket: Ticket, verdicts: Sequence[tuple[Person, Rating | None]]) -> str | None:
    """`基本满意 · 满意户数 2/2`: the verdicts of a ticket brought in from a ledger, which gives
    their counts (满意度, 满意户数), not who said what — as the ledger and 满意率 count them;
    None when its households' own verdicts are known (or there are none)."""
    rating, rated, pleased = standing_verdicts(ticket)
    if any(r for _, r in verdicts) or (rating is None and not rated):
        return None
    said = [RATING_NAMES.get(rating, rating)] if rating else []
    if rated:
        said.append(f"满意户数 {pleased}/{rated}")
    return " · ".join(said)


def verdict_line(verdicts: Sequence[tuple[Person, Rating | None]]) -> str:
    """`评价：张阿姨 满意 · 老李 未评价` — each household's verdict of this round; for many
    households, how many gave each (`评价（200 户）：满意 120 · 未评价 80`)."""
    if len(verdicts) > VERDICTS_NAMED:
        counts = Counter(rating for _, rating in verdicts)
        order: list[Rating | None] = [*Rating, None]
        each_count = (
            f"{RATING_NAMES[r] if r else NOT_YET} {counts[r]}" for r in order if counts[r]
        )
        return f"评价（{len(verdicts)} 户）：" + " · ".join(each_count)
    each = (
        f"{shown(person.name or '邻居')} {RATING_NAMES[rating] if rating else NOT_YET}"
        for person, rating in verdicts
    )
    return "评价：" + " · ".join(each)
