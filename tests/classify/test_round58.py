"""Round 58 (blind83's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: a dog still chasing children after a bite (a Japanese tenant's 噛み), a fight
cried in two words at a gate, a boiler's safety valve hissing with the gauge in the red, a
child gone "一转身"; and no alarm for an extinguisher's gauge in the red (it is empty, not about
to burst), a gas smell explained as 正常作业, or a dog that chased a child last week."""

from __future__ import annotations

from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("5栋の前で犬が子供を噛み 那条狗还在追小孩 快来", "pets"),
    ("打架了 南门 快", "security"),
    ("换热站压力表都打到红线了 安全阀一直在响 快叫人来", "other"),
    ("我女儿4岁 粉色外套 刚才在小广场一转身就不见了 大家帮忙看看", "other"),
]
NOT_COMPLAINTS = [
    "大家问的燃气味是燃气公司在换阀门,正常作业,一会儿就好",
]
FILED: list[tuple[str, str | None]] = [
    ("Why does 物业 charge us for parking permits? Very unfair, nobody explained", None),
]
test_danger_is_urgent, test_no_complaint_here, test_filed = round_tests(
    URGENT, NOT_COMPLAINTS, FILED
)
test_look_alikes_raise_no_alarm = no_alarm_test(
    [
        "楼道灭火器压力表指针都在红区了 好久没人换",
        "上礼拜那条狗追过小孩 物业管管吧",
    ]
)
