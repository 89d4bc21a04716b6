"""Round 72 (blind99's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: "电梯！！快来人"-like cries, "煤气！" cried alone, someone screaming for help
and gas smelled told in English; and no complaint for a scare explained (a misunderstanding,
someone moving house), no alarm for homework "crying for help" or a list of bills."""

from __future__ import annotations

from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("煤气！", "fire_safety"),
    ("Someone is screaming for help in 7栋 basement", "other"),
    ("Anyone smelling gas in 3栋 lobby?", "fire_safety"),
]
NOT_COMPLAINTS = [
    "刚才说有人打架那个是误会 是在拍视频",
    "楼上咚咚咚的是在搬东西 放心",
]
FILED: list[tuple[str, str | None]] = []
test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)
test_look_alikes_raise_no_alarm = no_alarm_test(
    [
        "I was crying for help with my homework lol",
        "燃气",
        "交什么费 煤气 水 电",
    ]
)
