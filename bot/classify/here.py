"""Whether a message is about this compound or somewhere else (a video, a home village, a
friend's compound, some other compound in the news)."""

from __future__ import annotations

import re

__all__ = ["ELSEWHERE", "FICTION", "about_here"]

# Something seen on a video app or happening in a home village is neither a complaint nor a
# danger here, unless the message also names this place or calls for help now ("刷到视频 就是
# 咱们小区3栋着火了", "老家也停电了，我们整栋楼也停电了", "…楼道里着火了赶紧来人"): a real danger
# here mentioned beside one elsewhere must keep its alarm.
ELSEWHERE = frozenset({"media", "elsewhere"})
# A novel or a story: made up, whatever place of ours it names (not subject to `about_here`).
FICTION = frozenset({"fiction"})
# Not when denied ("还好不是咱们这"); asked ("是不是咱们这") it is here; a building of their
# compound ("朋友他们小区3栋") is theirs. "We", "this building" and a call for help say it
# surely; a lift or a building's number only where no other compound is told of.
_NOT_DENIED = r"(?<!(?<!是)不是)(?<!不在)(?<!还好)(?<!还是)"
_SURELY = (
    r"(我们|咱们|咱)(?!老家|家乡|单位|公司|厂里|这(边|里|儿)?(还好|没|可没|倒没|就没))|"
    r"(本|这个)(小区|院|楼|栋|单元)|这栋|这边|这里|我家(?!乡)|我屋|咱家|"
    r"快来|赶紧来|来人|救命|报警|打(了)?(110|119|120)"
)
_LIKELY = (
    r"(?<!公司|学校|单位|宾馆|酒店|民宿)楼下|电梯里|单元门|"
    r"(?<!们小区|边小区|家小区|个小区)(?<!们小区\d|边小区\d|家小区\d|个小区\d)"
    r"(\d|[一二三四五六七八九十])(栋|号楼|幢|单元|座)"
)
_HERE = re.compile(f"{_NOT_DENIED}(?:{_SURELY}|{_LIKELY})")
_HERE_SURELY = re.compile(f"{_NOT_DENIED}(?:{_SURELY})")
# …but a lift or a building number is no "here" in a story about some other compound
# ("看新闻说外地有个小区电动车在电梯里起火了", "看了个视频 有人在电梯里…").
_THERE = re.compile(
    r"外地|外省|外市|国外|(有|一)个小区|别的小区|其他小区|某小区|(看了|刷到|看到)(个|一个|一段|条)?(视频|片)"
)


# A question for facts about this place ("咱们小区电梯应急电话是多少") after a video: it asks, it
# does not say the danger seen is here (round 76).
_ASKS_WHAT = re.compile(r"多少|什么|啥|哪(个|里|儿|些)|怎么(办|弄|处理|联系)|几号")
_CLAUSE = re.compile(r"[^,，。!！?？;；\s]+")


def about_here(text: str) -> bool:
    """Whether the message says it is about this compound."""
    if _HERE.search(text) is None:
        return False
    if _THERE.search(text) is None:
        return True
    return any(
        _HERE_SURELY.search(clause.group(0)) is not None
        and _ASKS_WHAT.search(clause.group(0)) is None
        for clause in _CLAUSE.finditer(text)
    )
