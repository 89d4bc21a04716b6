"""Round 57 (blind82's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: a stranger following a child into a building told in English, gas written in
katakana by a Japanese tenant, a resident cut by a glass door that burst, spray drifting onto
coughing children, smoke with an alarm sounding, a wall's crack still widening with doors that
no longer close, a fight reported by the grid office 转办; and no alarm or ticket for "爆炸性新闻",
a garage that stayed dry, a finger cut while cooking, or a crack asked about."""

from __future__ import annotations

from tests.classify.judged import round_tests

URGENT = [
    ("A stranger is following my little girl into Block 5, please help now!", "security"),
    ("ごめんなさい 8栋 我家ガス的味道很大 怎么办", "fire_safety"),
    ("南门玻璃门突然碎了 一个小孩被划伤了在流血 快来人", "facilities"),
    ("物业在喷药 药雾全飘到滑梯那边 几个小朋友咳嗽个不停", "greenery"),
    ("6栋楼道好大的烟味 报警器一直在响 大家快下楼", "fire_safety"),
    ("2栋一楼墙上的缝还在变宽 单元门都关不上了 快来看看", "facilities"),
    ("【社区转办】接居民反映9栋楼下有人斗殴 有人拿着棍子", "security"),
]
NOT_COMPLAINTS = [
    "爆炸性新闻:下个月物业费要降了",
    "雨下了一夜,还好地库一滴水都没进",
    "我切菜把手割破了流血 谁家有创可贴",
    "this guy keeps following my dog around lol",
]
FILED: list[tuple[str, str | None]] = [
    ("墙上那条裂缝还在慢慢变宽,要不要找人来看看", "facilities"),
]

test_danger_is_urgent, test_no_complaint_here, test_filed = round_tests(
    URGENT, NOT_COMPLAINTS, FILED
)
