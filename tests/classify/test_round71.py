"""Round 71 (blind98's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: "救命" cried alone, "火！快逃", a Japanese tenant's smoke, a stranger trying door
handles told in English, a roof tank overflowing (以了, 往下留); and no complaint for a question
about renting a parking space, no alarm for 救命 said of homework or a joke."""

from __future__ import annotations

from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("救命！！", "other"),
    ("救命啊", "other"),
    ("火！快逃", "fire_safety"),
    ("6号楼の廊下で煙が出ています", "fire_safety"),
    ("A stranger is trying door handles in 6栋, please send security", "security"),
]
NOT_COMPLAINTS = [
    "物业的能回下吗 不是坏了啥 就想问问地库车位怎么租",
]
FILED: list[tuple[str, str | None]] = []
test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)
test_look_alikes_raise_no_alarm = no_alarm_test(
    [
        "救命 这题太难了",
        "救命 笑死我了",
        "我就想问问 电梯什么时候修好",
    ]
)
