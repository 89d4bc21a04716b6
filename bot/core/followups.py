"""What a neighbour's words say about a complaint already there, pure: the same problem at
their home too ("+1", 我家也是, 我家也停了), a detail its reporter adds, a question how it is
going, a problem told as still going on."""

from __future__ import annotations

import re
import unicodedata

from bot.core.verdicts import only_acknowledges

__all__ = [
    "adds_detail",
    "asks_progress",
    "is_bare_me_too",
    "is_me_too",
    "me_too_verb",
    "says_still",
]


# "我家也停了", "俺家也停了", "我屋头也停了": the neighbour's own home has it too, the thing
# left out as said just before (the power, the water, the lift) — a me-too naming nothing else.
_ALSO_GONE = (
    r"(?:(?:我们?|我家|我们家|俺们?|俺家|我屋头|我屋企|我哋)?(?:这边|这里|这儿|楼上|楼下)?也"
    r"|(?:我们?|我家|我们家|俺们?|俺家|我屋头|我屋企|我哋)(?:这边|这里|这儿)?都)"
    r"(?:停|断|没|黑|冇)(?:了|咗|咯|啦)"
)
# "对 我家也是", "是的 我家也停了": a short yes before the me-too, as neighbours say it
_YES = r"(?:(?:对的?|是的?|嗯+|没错|[+＋]\s*[1１]+)[\s,，。.!！~～]*)?"
_ME_TOO = re.compile(
    r"^\s*" + _YES + r"(?:[+＋]\s*[1１]+|同上|同问|同求|附议|顶+"
    r"|我(?:家|们|们家|这边|这里)?也(?:是|一样|遇到了?|有)"
    r"|(?:我们?|我家)?(?:这边|楼上|楼下)?也(?:是|一样)|一样的?|\+{1,3}|" + _ALSO_GONE + ")"
    r"[\s,，。.!！~～…😭😡😤🙏👍]*(?:$|[\s,，。.!！]\s*\S{0,12}$)"
)


_ME_TOO_PREFIX = re.compile(r"^\s*(?:[+＋]\s*[1１](?![0-9])|同上|附议|同问)")


def is_me_too(text: str) -> bool:
    """+1, 同上, 我家也是, 对 我家也是 …: a resident adding their voice to a complaint just
    made."""
    normal = unicodedata.normalize("NFKC", text)
    if _ME_TOO_PREFIX.match(normal):
        return True
    return len(normal) <= 30 and bool(_ME_TOO.match(normal))


_WORDS = re.compile(r"[0-9A-Za-z\u3400-\u9fff]")
_BARE_ME_TOO = re.compile(
    r"^\s*" + _YES + r"(?:[+＋]\s*[1１]+|同上|同问|同求|附议|顶+|\++"
    r"|(?:我们?|我家|我们家)?(?:这边|这里|楼上|楼下)?"
    r"也(?:是|一样|遇到了?|有)|" + _ALSO_GONE + ")"
)


def is_bare_me_too(text: str) -> bool:
    """A me-too with nothing after it but punctuation or emoji ("+1", "我家也是！！")."""
    normal = unicodedata.normalize("NFKC", text)
    found = _BARE_ME_TOO.match(normal)
    return is_me_too(text) and found is not None and not _WORDS.search(normal[found.end() :])


# "我家也漏了", "我们家也在漏", "楼上也堵了": the same trouble at a neighbour's home, told by
# its verb alone — words the classifier reads as no complaint, and that name no category.
_ALSO_VERB = re.compile(
    r"^\s*" + _YES + r"(?:我们?|我家|我们家|俺们?|俺家)?(?:这边|这里|楼上|楼下)?也(?:在|是)?"
    r"(漏|渗|滴|堵)(?:水)?(?:了|啦|咯)?[\s,，。.!！~～…😭😡😤]*$"
)


def me_too_verb(text: str) -> str | None:
    """The verb of a me-too told by it alone ("我家也漏了": 漏): the same problem as a ticket
    whose words have it ("楼顶漏水了"), not another problem's. None for other words."""
    found = _ALSO_VERB.match(unicodedata.normalize("NFKC", text))
    return found.group(1) if found is not None else None


# A resident adding to her own report under it ("补充一下 5楼也漏", "对了 我家是502").
_ADDS_DETAIL = re.compile(r"^\s*(?:再?补充|另外|对了|忘了说|还有一点)")


def adds_detail(text: str) -> bool:
    """Words that say they add to what was reported: "补充：是2单元的", "对了 …" (not thanks
    opened so: "对了 谢谢你们")."""
    words = unicodedata.normalize("NFKC", text)
    opening = _ADDS_DETAIL.match(words)
    if opening is None:
        return False
    rest = words[opening.end() :].lstrip("一下:：,，、 ")
    return not only_acknowledges(rest)


# A question how a complaint is going: "修好没有", "有人管吗", "啥时候来修", "师傅什么时候到",
# "多久能修好", "要等几天啊", "怎么样了", and the way an impatient elder chases it: "怎么还没修",
# "咋还没人来", "怎么没人管".
_ASKS_PROGRESS = re.compile(
    r"(修|弄|搞|整|处理|解决)(好|完)?了?(没有?|吗|么|嘛|不)|进展|进度|"
    r"(我的|我家的|反映的|报的|报修的|投诉的|那个|这个|电梯|水|灯|漏水).{0,8}(怎么样|咋样|如何)了|"
    r"(什么|啥|几)时候.{0,4}(修|弄|搞|整|处理|解决|好|来人|派人|来|到)|(要|得)等?多久|还要等|"
    r"多久(能|才能|可以|才)?(修|好|来|到)|等几天|几天(能|才能|可以|才)(修|好|来)|"
    r"有(没有)?人(管|来|处理|理)|(没|冇)人(管|理|处理)(吗|么|嘛|啊)|到底(修不修|管不管)|"
    r"(还|仍|怎么|咋|为啥|为什么)(没|没有|未|冇)(人来|来人|人)?来?(修|处理|解决)|"
    r"(还|怎么|咋|为啥|为什么)(没|没有|冇)人(管|理|来|处理)|"
    r"(处理|办|修|弄|搞)得(怎么样|咋样|如何)|搞定了?(没有?|吗|么|嘛)|有结果了?(没有?|吗|么|嘛)|"
    r"(师傅|工人|维修工|修理工|修的人)(来|到)了?(没有?|吗|么|嘛)"
)
# Under the bot's own message (its acknowledgement), a short bare question can only be about
# the ticket: "怎么样了", "什么情况", "电梯好了没", "人呢", "有消息吗".
_ASKS_UNDER_BOT = re.compile(
    r"^(那|请问|所以)?(现在|到底|目前)?"
    r"(怎么样|咋样|如何|什么情况|啥情况|咋回事|怎么回事|[^你您]{0,4}好了?(没有?|吗|么|嘛)|人呢|人(来|到)了?(没有?|吗|么|嘛)|"
    r"有(消息|回音|回复|动静|进展)了?(没有?|吗|么|嘛)?)"
    r"(了|啦)?[呢啊呀嘛吗]*[\s?？!！。.~～]*$"
)
# Nothing but question marks ("？？？" under the bot's answer: she does not follow it).
_ONLY_ASKS = re.compile(r"^\s*[?？]+\s*$")


def asks_progress(text: str, *, under_the_bot: bool = False) -> bool:
    """Whether the words ask how a complaint is going ("我前天反映的电梯修好没有"); bare
    question marks do, `under_the_bot` (a reply to one of its messages), and only there."""
    words = unicodedata.normalize("NFKC", text)
    if under_the_bot and (_ONLY_ASKS.match(words) or _ASKS_UNDER_BOT.match(words)):
        return True
    return len(words) <= 60 and _ASKS_PROGRESS.search(words) is not None


# "还是没电", "到现在还没修", "仍然在漏": a problem told as going on, not as new
_STILL = re.compile(
    r"(还是|仍然|依然|仍旧|依旧|到现在(都|还)?|一直都?|还)"
    r"(没|冇|莫得|没得|不(能|亮|通|转|动|出)|停|在(漏|滴|响|吵|冒|渗|堵))"
)


# "又停电了 到现在还没来电": it happened again — a new cut, however long it has lasted since
_AGAIN = re.compile(r"又(停|断|没|坏|漏|堵|黑|不)|又一次|又来了")


def says_still(text: str) -> bool:
    """Whether the words tell of a problem still going on ("还是没电 到底有没有人管"), not of
    one that came back ("又停电了 到现在还没来电")."""
    return _STILL.search(text) is not None and _AGAIN.search(text) is None
