"""Round 66 (blind93's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: "困人" cried alone, someone shut in a lift told the other way round, gas cried
with a hurry and no place, 燃气泄露 typed by sound (然气谢露) with 栋 typed 懂, a lift stuck with
people inside in initials, smoke growing in a stairwell, a dead tree leaning over a school path in
a patrol log; and no alarm for a question of where to run in a high-rise fire, a sleepy spring
day, a gas bill, a drill."""

from __future__ import annotations

from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("困人", "lift"),
    ("有人困电梯 快", "lift"),
    ("老人困电梯里 9栋", "lift"),
    ("液化气！快", "fire_safety"),
    ("天然气!!!救命", "fire_safety"),
    ("6懂3单元然气泄漏了", "fire_safety"),
    ("dt kzl lmyr 12栋", "lift"),
    ("楼道烟越来越大 我家老人腿脚不好下不去", "fire_safety"),
    ("绿化巡检：5栋旁死树根部断裂 倾斜约20度 正对小学上学的路 已拉警戒绳", "greenery"),
]
NOT_COMPLAINTS = [
    "家里孩子问，高层着火应该往上逃还是往下逃？",
]
FILED: list[tuple[str, str | None]] = []
test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)
test_look_alikes_raise_no_alarm = no_alarm_test(
    [
        "困人的天气 下午只想睡觉",
        "然气费这个月又涨了",
        "天然气泄漏应急演习明天上午九点",
        "抽烟的人越来越多了 楼下",
        "谢谢师傅 燃气灶修好了",
    ]
)
