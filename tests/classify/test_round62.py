"""Round 62 (blind88's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: a Korean tenant's lift with a child trapped, a Japanese tenant's gas smell, a
lone "火！", a guard's log of a lift stopped between floors with people inside, a night patrol's
log of a main burst with the water still rising, a drunk with a knife in 闽南话; and no alarm for
a lift's load notice, a past flood, a hot-pot dinner or a child's game."""

from __future__ import annotations

from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("5栋 엘리베이터에 아이가 갇혔어요 빨리요", "lift"),
    ("2号楼の地下でガスの匂いがします 急いで", "fire_safety"),
    ("火！！", "fire_safety"),
    ("值班记录 22:40 9号楼1单元电梯停在5楼和6楼之间 内有3人 已联系维保", "lift"),
    ("【巡查记录】02:00 地下室供水管破裂 积水持续上涨 已通知工程部", "water"),
    ("有一个查某人夯刀仔佇3栋楼下咧喊 紧叫警察", "security"),
]
NOT_COMPLAINTS = [
    "电梯限载13人 别挤了",
    "新闻：某小区主供水管破裂 积水没过膝盖",
    "火锅！",
]
FILED: list[tuple[str, str | None]] = []
test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)
test_look_alikes_raise_no_alarm = no_alarm_test(
    [
        "电梯里有2个人在吵架 好烦",
        "上个月电梯停在3楼 里面有2个人 困了半小时",
        "以前老是水管爆了 水淹到膝盖 现在换了新管子好多了",
        "我家孩子喊了一句火！吓死我了 原来是在玩游戏",
    ]
)
