"""Each household's verdict on a done ticket, and what the verdicts together do to it. Pure.

A ticket may be reported by several households. After /done each of them is asked; every
verdict is kept (one per household, the latest counts) until the rating window ends:

- the first 不满意 sends the ticket back to its worker; later verdicts in that round are kept;
- when every household has answered 满意 or 基本满意, the ticket closes at once;
- otherwise it stays done, still asking those who have not answered, and closes when the
  window ends with the verdicts it has;
- a household that said 不满意 by mistake may change its mind: when no 不满意 is left the
  ticket is done again (or closes, if everyone is pleased).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from bot.core.tickets import Rating, Status

__all__ = [
    "VerdictEffect",
    "Verdicts",
    "only_acknowledges",
    "plain_verdict",
    "verdict_effect",
    "verdict_in_words",
]

_ORDER = (Rating.DISSATISFIED, Rating.BASICALLY_SATISFIED, Rating.SATISFIED)


class VerdictEffect(StrEnum):
    """What one more verdict does to the ticket (the values are stored as outcomes)."""

    CLOSED = "closed"  # every household pleased
    REOPENED = "reopened"  # the first 不满意 of the round: back to the worker
    RECORDED = "recorded"  # kept; the ticket waits for the others (or is being redone)
    CHANGED = "changed"  # a mind changed after 不满意: nobody unhappy left, done again
    UNCHANGED = "unchanged"  # the same verdict again


@dataclass(frozen=True)
class Verdicts:
    """This round's verdicts (since the last /done), by household."""

    by_household: Mapping[int | None, Rating]
    households: frozenset[int | None]

    @property
    def rated(self) -> int:
        return len(self.by_household)

    @property
    def pleased(self) -> int:
        return sum(1 for rating in self.by_household.values() if rating.closes)

    @property
    def unhappy(self) -> bool:
        return any(not rating.closes for rating in self.by_household.values())

    @property
    def waiting(self) -> frozenset[int | None]:
        """Households still to answer."""
        return self.households - self.by_household.keys()

    @property
    def everyone_pleased(self) -> bool:
        return not self.waiting and not self.unhappy and bool(self.by_household)

    @property
    def summary(self) -> Rating | None:
        """The ticket's verdict as one word: the least pleased of those given."""
        given = set(self.by_household.values())
        return next((rating for rating in _ORDER if rating in given), None)

    def with_verdict(self, household: int | None, rating: Rating) -> Verdicts:
        return Verdicts({**self.by_household, household: rating}, self.households)


def verdict_effect(status: Status, before: Verdicts, after: Verdicts) -> VerdictEffect:
    """What the verdict that turned `before` into `after` does to a ticket in `status`
    (which is done, or active after a 不满意 of this round: `permissions.check_rate`)."""
    if before.by_household == after.by_household:
        return VerdictEffect.UNCHANGED
    if after.unhappy:
        return VerdictEffect.REOPENED if status is Status.DONE else VerdictEffect.RECORDED
    if after.everyone_pleased:
        return VerdictEffect.CLOSED
    return VerdictEffect.CHANGED if status.is_active else VerdictEffect.RECORDED


# A household's verdict told in words, as a reply to the done notice (residents who type rather
# than tap). Unhappy words are looked for first ("还是不行 谢谢" is no thank-you); a question, a
# plan to look later or bare thanks give none ("修好了吗", "谢谢提醒 晚上回家看看"): they get a
# pointer to the buttons instead, a wrong 满意 would close the ticket for good.
_UNHAPPY = re.compile(
    r"(不|不太|不是很|不怎么|谈不上|不算)满意|没(有)?修好|没弄好|没搞好|没整好|没(有)?解决|没(人)?处理|"
    r"还是(不行|不好|坏|没|老样子|一样|漏|臭|堵|黑|响|吵|不亮|不通)|还(没|没有)(好|修好|解决|处理好)|"
    r"又(坏|漏|堵|停|不亮|不行|不能用|不正常)|(不能|没法)用了|不正常了|不好用|不行了|"
    r"根本没(人)?(来|修|管|处理|弄)|(没|冇)人来(修|过|看)|(也|还是|根本)没用|"
    r"敷衍|糊弄|应付了事|骗人|一点没变|没有变化|冇修好|仲未好|仲系(坏|唔得)|"
    r"差评"
)
_NOT_YET = re.compile(
    r"[吗么嘛？?]|了没|没有[。！!]*$|还没(回|看|试|用|去|来得及)|回(家|去)(再)?看|明天(再)?(看|试)|晚上(再)?(看|试)|等我|"
    r"好了好了|知道了|收到|"
    r"不(太|是很|怎么|大|咋)(好|错)(?!意思)"  # "不太好", "不是很好": hedged, not 好 or 不错
)
# "一般" said alone or nearly ("一般吧", "一般般"), as an app's rating is: not "一般晚上才停"
_BASIC = re.compile(r"基本满意|还行|还可以|凑合|一般般|马马虎虎|^一般[吧啦呀啊。.!！\s]*$")
_PLEASED = re.compile(
    r"满意|修好了|弄好了|搞好了|整好了|好了|没问题了|解决了|可以了|能用了|正常了|没事了|搞掂|整好咗|👍|"
    r"好评|五星|不错|挺好|很好|蛮好"
)


# Words that only acknowledge ("好的 谢谢", "收到", "👍"): no verdict, no reason, nothing to file.
# Read word by word, each taken whole (`++`: never cut again another way) and no repeat inside
# the repeat: "嗯+" in "(…)+" tried every way of cutting a run of 嗯 — "嗯" * 26 + "x" took 18 s
# on the event loop. A word that another begins comes after it (好嘞 before 好, okay before ok).
_ACKNOWLEDGED = re.compile(
    r"(?:好嘞|好的?|嗯|哦|噢|收到了?|谢谢(?:你们?|您|师傅们?|大家)?|多谢|感谢(?:你们?|您|大家)?|"
    r"(?:你们?|您|师傅们?)?辛苦(?:了|啦|你们?了|您了)?|okay|ok|"
    r"知道了|明白了?|行|thank(?:s|you)|thx|👌|👍|🙏|🌹|❤️?)++"
)
_FILLER = re.compile(r"[\s,，。.!！~～、]+")


def only_acknowledges(text: str) -> bool:
    """Whether the words only acknowledge ("好的 谢谢"): nothing to keep as a reason."""
    words = _FILLER.sub("", text.strip().lower())
    return bool(words) and _ACKNOWLEDGED.fullmatch(words) is not None


# A verdict said plainly, short, as a message of its own ("满意", "不满意 还是臭", "还行吧"): not
# replying to the done notice, everyday words ("可以了 明天见", "我不行了") are no verdict, nor
# words about something else that end in one ("新来的保安挺满意的", "今天菜价还行").
_PLAIN_VERDICT = re.compile(
    r"(?:我|我们|我家|俺)?(?:很|非常|挺|蛮|比较|基本上?|还算|十分|特别)?不?"
    r"(?:满意|还行|还可以|凑合|一般般|马马虎虎|好评|差评)"
)


def plain_verdict(text: str) -> bool:
    """Whether a short message opens with a verdict in so many words (满意, 不满意, 还行 …)."""
    words = _FILLER.sub("", text.strip())
    return len(words) <= 12 and _PLAIN_VERDICT.match(words) is not None


def verdict_in_words(text: str) -> Rating | None:
    """The verdict a household gives in words ("没修好", "基本满意", "修好了 谢谢"), or None
    when the words give none clearly (then they get a pointer, or are heard as usual)."""
    words = text.strip()
    if not words or len(words) > 200:  # a long message is a report of its own, not a verdict
        return None
    if _UNHAPPY.search(words):
        return Rating.DISSATISFIED
    if _NOT_YET.search(words):
        return None
    if _BASIC.search(words):
        return Rating.BASICALLY_SATISFIED
    if _PLEASED.search(words):
        return Rating.SATISFIED
    return None
