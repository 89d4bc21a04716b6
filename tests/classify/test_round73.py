"""Round 73 (blind100's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: 煤气 typed 酶气, "煤气 煤气!!", a Japanese tenant's smoke (煙も出ています), a
Korean tenant's stairwell thick with smoke; and no alarm for the emergency numbers posted in the
lift, a character asked about, a fountain's jet, a Korean film."""

from __future__ import annotations

from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("我家门口一股酶气味 好冲 4栋", "fire_safety"),
    ("煤气 煤气!!", "fire_safety"),
    ("すみません、3号楼の階段で煙も出ています", "fire_safety"),
    ("9栋 계단에 연기가 자욱해요 빨리요", "fire_safety"),
]
NOT_COMPLAINTS = [
    "火警119 急救120 物业值班电话都贴在电梯里了 大家记一下",
]
FILED: list[tuple[str, str | None]] = []
test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)
test_look_alikes_raise_no_alarm = no_alarm_test(
    [
        "酶这个字怎么读",
        "喷泉的水管渗漏变喷射了 好好看",
        "연기가 나는 영화 봤어",
    ]
)
