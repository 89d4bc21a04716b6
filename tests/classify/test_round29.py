"""Round 29 (blind51's misses), judged by the shipped classifier — my own sentences, none
taken from a data set, none among the training lines: 陕西话's 咧 for 了 and voice input's 停谁
and 燃起味, someone down in the heat; and look-alikes: a scare explained, a match's last goal."""

from __future__ import annotations

from tests.classify.judged import round_tests

URGENT = [
    ("2单元楼道里电瓶车着咧 黑烟直往上冒", "fire_safety"),
    ("广场上一个老太太晒晕了 倒在地上不动", "other"),
    ("闻着一股燃起味 在5栋2单元门口", "fire_safety"),
    ("9栋又停谁了 一天都没水", "water"),
]
NOT_COMPLAINTS = [
    "还以为楼下着火了 原来是有人在烧纸",
    "刚才那个点球绝杀 整栋楼都在喊",
]
FILED: list[tuple[str, str | None]] = [
    ("单元门口的灯坏咧半个月咧 晚上摸黑上楼", "lighting"),
    ("高空抛物又来了 一袋剩饭从楼上掉下来 溅了我一身", "security"),
]


test_danger_is_urgent, test_no_complaint_here, test_filed_in_its_category = round_tests(
    URGENT, NOT_COMPLAINTS, FILED
)
