"""Round 68 (blind95's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: 失火 typed 失伙, 漏电 typed 漏点, 着火了 in initials, a fight with a head split
open (开瓢); and no alarm for a group-buy order, a child's game explained, a word asked about."""

from __future__ import annotations

from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("3号楼 失伙啦 快来", "fire_safety"),
    ("楼道的插座漏点了 一碰就麻", "power"),
    ("zhl 3栋 快", "fire_safety"),
    ("兄弟俩在北门打起来了 一个脑壳开瓢了", "security"),
]
NOT_COMPLAINTS = [
    "团购的话我要三份 谢谢团长",
    "哦是在玩捉迷藏啊 吓我一跳",
]
FILED: list[tuple[str, str | None]] = []
test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)
test_look_alikes_raise_no_alarm = no_alarm_test(
    [
        "哦是在排练消防演习 不是真着火",
        "漏点东西没关系",
        "失伙这个词怎么写",
        "谁家小孩在喊着火了 哦是在玩消防员游戏 吓死我了",
    ]
)
