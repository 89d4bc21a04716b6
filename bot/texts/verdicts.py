"""What the bot says about households' verdicts (满意 / 基本满意 / 不满意) on a done ticket."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.tickets import Person, Rating
from bot.texts.format import RATING_NAMES, mention, shown

__all__ = [
    "NOT_YET",
    "RATING_CLOSED",
    "RATING_NOT_NOW",
    "RATING_OLD_REPLY",
    "RATING_OLD_ROUND",
    "RATING_SAME",
    "RATING_THANKS",
    "also_unhappy",
    "ask_again",
    "rated_all_pleased",
    "rated_recorded",
    "verdict_line",
]

RATING_CLOSED = "这件诉求已经归档，评价已结束"
RATING_NOT_NOW = "这件诉求正在重新办理，办结后再评价"
RATING_OLD_ROUND = "这是之前一次办结时的评价按钮，请在最新的办结消息下评价"
RATING_OLD_REPLY = "这是之前一次办结的消息。请回复最新的办结消息，或点那里的按钮评价。"
RATING_SAME = "已经收到您的评价"
RATING_THANKS = "谢谢评价"
NOT_YET = "未评价"


def _people(people: Sequence[Person]) -> str:
    return "、".join(mention(p) for p in people)


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


def verdict_line(verdicts: Sequence[tuple[Person, Rating | None]]) -> str:
    """`评价：张阿姨 满意 · 老李 未评价` — each household's verdict of this round."""
    each = (
        f"{shown(person.name or '邻居')} {RATING_NAMES[rating] if rating else NOT_YET}"
        for person, rating in verdicts
    )
    return "评价：" + " · ".join(each)
