"""A cut told as happening now, with the question when the water or the power comes back
("停水了 什么时候来水", "过年停电了 啥时候来电啊"): the model reads these short lines as the talk
around a planned cut, and often rightly; but the first to say it may be the only one, so it
goes to a worker (研判) rather than unheard."""

from __future__ import annotations

import re

__all__ = ["outage_asked"]

_CUT = r"(?<![机车瓶池])(停|断|没|冇)(水|电)(了|啦|咯|咗)"
_WHEN_BACK = r"(什么|啥|几|好久|多久|几点)(时候)?(才|能|会)?(来|有|供|通|恢复)(水|电)?"
_ASKED = re.compile(_CUT + r"[^。!]{0,10}?" + _WHEN_BACK)
# what-ifs, cuts to come or announced, a cut somewhere else, one over: not a cut reported now
_NOT_NOW = re.compile(
    r"万一|要是|如果|假如|假设|的话|明天|后天|下周|下个月|通知|计划|预计|公告|老家|公司|单位|"
    r"来(水|电)了|恢复了|有(水|电)了"
)


def outage_asked(text: str) -> str | None:
    """The category of a cut reported now and asked about ("water", "power"), if the words are
    one (normalised text: simplified, half-width)."""
    found = _ASKED.search(text)
    if found is None or _NOT_NOW.search(text):
        return None
    return "water" if found.group(2) == "水" else "power"
