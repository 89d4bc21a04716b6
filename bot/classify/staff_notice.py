"""A staff notice that tells of a danger without raising one, and the words of a call for
help now that keep a danger's alarm whoever writes it."""

from __future__ import annotations

import re

__all__ = ["CALL_NOW", "staff_notice"]

CALL_NOW = re.compile(
    r"速来|速到(现场|场)|快来|快点?(过来|来人|下来|上来)|赶紧(来|过来|派)|立即(派|处置|处理|来)|立刻(派|来)|"
    r"(我|已经|已)(已经)?报警|已经打了?(110|119|120)|救命|请求(增援|支援)|需要(增援|支援)|切勿(开灯|打火|按门铃)"
)

# A danger a notice looks back on: "起火事件后", "上周…着火后", "昨晚的事故"; and the words of a
# danger now, which keep a notice's alarm ("@所有人 3栋着火了 大家快下楼", "请立即撤离").
_LOOKS_BACK = re.compile(
    r"(事件|事故|火灾|起火|着火|失火|漏气|爆炸|困人)(发生)?(之后|以后|后)|上(周|次|回|个月|礼拜)|"
    r"昨(天|晚|日)|前(天|几天|晚)"
)
_DANGER_NOW = re.compile(r"现在|正在|立即|立刻|马上|赶紧|快|撤离|下楼|别(开|按|点)|不要(开|按|点)")
# What staff who sign a message write when the danger is still on ("请立即撤离", "别开灯").
_STAFF_ALARM = re.compile(
    r"立即|立刻|马上|赶紧|快|撤离|下楼|别(开|按|点|用|靠近)|不要(开|按|点|使用|靠近)"
)


def staff_notice(cues: tuple[str, ...], text: str) -> bool:
    """A notice headed as staff head theirs (【网格员小刘】, 通知：) looking back on a danger
    ("起火事件后 开展清理"), or signed as staff sign theirs ("…——客服小何"), and calling nobody
    to act now: it tells of a danger, it does not raise one."""
    if CALL_NOW.search(text) is not None:
        return False
    if "staff_signature" in cues:  # staff explaining or apologising, not alarmed
        return _STAFF_ALARM.search(text) is None
    return (
        "notice_head" in cues
        and _LOOKS_BACK.search(text) is not None
        and _DANGER_NOW.search(text) is None
    )
