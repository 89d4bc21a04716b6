"""Round 59 (blind84's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: a bag snatched and an old man pushed down (also in pinyin), a chemical spilled
with a cleaner dizzy and sick, a gas smell "like rotten eggs" getting stronger, a car being
broken into told in English; and no ticket for a rumour put right, nor an alarm for a paint
smell asked about or a snatching told the day after."""

from __future__ import annotations

from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("北门有人抢手机 把一个大爷推倒了 快来人", "security"),
    ("zai 5 dong men kou qiang bao, lao ren bei tui dao le", "security"),
    ("垃圾站那边一桶化学品翻了 味道好冲 保洁阿姨头晕呕吐", "sanitation"),
    ("6栋3楼一股燃气那种臭味,越来越浓,敲门没人应", "fire_safety"),
    ("Someone is breaking into a car in the garage right now, security please come", "security"),
]
NOT_COMPLAINTS = [
    "群里说2栋着火的是谣言,物业刚去看过,根本没这回事",
]
FILED: list[tuple[str, str | None]] = []
test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)
test_look_alikes_raise_no_alarm = no_alarm_test(
    [
        "楼道里一股油漆味 是谁家在装修吗",
        "昨天有人在北门抢包 把老人推倒了 现在人已经抓到了",
    ]
)
