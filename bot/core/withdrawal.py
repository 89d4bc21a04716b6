"""A reporter's own words that her problem went away or is no longer needed ("算了不用了 我儿子
换好了", "没事了 来水了", "车已经挪走了"), or that she said it by mistake ("不好意思发错群了",
"刚才那个不算"): she may want to withdraw it; or that she named the wrong place ("说错了 是5栋不是
3栋"). Pure."""

from __future__ import annotations

import re
import unicodedata

from bot.core.loop import place_key

__all__ = [
    "place_meant",
    "place_not_meant",
    "said_wrong_of",
    "says_it_was_wrong",
    "says_its_over",
    "sent_by_mistake",
    "takes_back_waiting",
]

# Over, or not needed any more. 好了 only with what came good (修好了, 自己弄好了, 已经好了);
# a bare "好了" is as often "好了好了 别吵了".
_OVER = re.compile(
    r"不用(了|管了|来了|修了|麻烦了|处理了)|不需要了|不麻烦(你们|大家)?了|算了|"
    r"(已经|自己|儿子|女儿|老公|老伴|家里人|师傅|邻居)[^，,。！!？?\s]{0,6}"
    r"(修|弄|换|搞|整|处理|收拾|清理|疏通)?(好|定|完|通)了|"
    r"(修|弄|换|搞|整|处理|收拾|清理|疏通)(好|完)了|搞定了|解决了|恢复了|"
    r"(来|有)(水|电|暖气)了|(又|能|可以)(用|通|亮)了|亮了|通了|"
    r"没事了|没问题了|(挪|开|移|拖)走了|(不|没)(吵|响|漏|臭)了"
)
# What keeps it open or asks: 还没好, 没修好, 好了吗, 修好了没, 咋还不来.
_STILL = re.compile(
    r"(还|仍|又|依然|仍然)(是|在|没|没有|不|未)|(没|未|没有|冇)(修|弄|换|搞|处理|解决)?(好|完)|"
    r"(好|完|了)(吗|么|嘛|没|没有)|[?？]|不好了|怎么|咋|为什么|为啥"
)


# Sent by mistake, or taken back: 发错群了, 刚才那个不算, 当我没说. Not 说错了 / 搞错了, which are
# as often followed by what she meant ("说错了 是5栋不是3栋": the problem stays).
_MISTAKE = re.compile(
    r"发错(了|群|地方|人)|(那个|那条|这条|刚才的|上面的|我说的)(消息)?不算|不算数|当我没说|"
    r"请?(大家)?忽略(刚才|上面|前面|这条|那条|我)"
)


def sent_by_mistake(text: str) -> bool:
    """Whether short words say her message was sent by mistake, asking nothing."""
    words = unicodedata.normalize("NFKC", text)
    return len(words) <= 60 and _MISTAKE.search(words) is not None and "?" not in words


def says_its_over(text: str) -> bool:
    """Whether short words say the problem is gone or no longer needed, with nothing that keeps
    it open or asks (a question is for `asks_progress`)."""
    words = unicodedata.normalize("NFKC", text)
    if len(words) > 60:
        return False
    return _OVER.search(words) is not None and _STILL.search(words) is None


# A place said wrong, corrected: 说错了 / 写错了 / 更正, or "是5栋不是3栋", "不是3栋 是5栋".
_OUTRIGHT = re.compile(r"(说|打|写|发|讲)错了|更正|纠正")
_WRONG = re.compile(_OUTRIGHT.pattern + r"|不是.{1,12}?是|是.{1,12}?不是")
_NOT_THAT = re.compile(r"不是[^，,。！!？?\s是]{1,12}")


def place_meant(text: str) -> str | None:
    """Short words correcting a place, with the place she did not mean ("不是3栋") taken out:
    the words to read the place she meant from. None when they correct nothing."""
    words = unicodedata.normalize("NFKC", text)
    if len(words) > 40 or "?" in words or _WRONG.search(words) is None:
        return None
    return _NOT_THAT.sub(" ", words)


def place_not_meant(text: str) -> str | None:
    """The words naming the place she did not mean ("不是3栋" of "说错了 是5栋不是3栋"), to
    read that place from; None when she names none."""
    if place_meant(text) is None:
        return None
    found = _NOT_THAT.findall(unicodedata.normalize("NFKC", text))
    return " ".join(found) or None


def says_it_was_wrong(text: str) -> bool:
    """Whether the words say outright that something was said wrong (说错了, 更正): a bare
    "不是…是…" is as often whose fault it is ("不是物业的问题 是3栋业主堆的")."""
    return _OUTRIGHT.search(unicodedata.normalize("NFKC", text)) is not None


def said_wrong_of(wrong: str, place: str | None) -> bool:
    """Whether the place she did not mean (3栋) is the ticket's place, or part of it (3栋2单元;
    not 13栋, not 6栋)."""
    if not place:
        return False
    key = place_key(wrong)
    return re.search(rf"(?<![0-9]){re.escape(key)}", place_key(place)) is not None


def takes_back_waiting(text: str) -> bool:
    """Whether her words take back a message still waiting for 研判: sent by mistake, or over
    ("已经好了 不用来了") — not a bare "算了", as often "算了 说了也没人管" (she gave up, the
    problem is still there; a ticket is never withdrawn for her either)."""
    return sent_by_mistake(text) or says_its_over(text.replace("算了", ""))
