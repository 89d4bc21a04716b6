"""Round 60 (blind85's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: someone drunk waving a kitchen knife, a fight where the knives are out, a fire
cried in Korean (불났어요), a power room giving off smoke told as "probably nothing", a lift
moving with its doors open in 西南官话 (开起的), a supply pipe burst with the water rising, a fire
alarm with a burning smell "不是演习吧", someone with chest pain who cannot get down with the lift
broken; and no alarm for a drill announced or a pipe that burst last week."""

from __future__ import annotations

from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("楼下有个醉汉拿把水果刀在那乱挥 吓死人了", "security"),
    ("南门两伙人干起来了 刀都亮出来了", "security"),
    ("9栋 불났어요 烟好多", "fire_safety"),
    ("3号楼配电房冒了点黑烟 应该没事吧", "power"),
    ("2单元电梯门开起的就往下走 吓死了", "lift"),
    ("地下室水管爆了 水越来越多 快来关阀门", "water"),
    ("烟感报警器一直在叫 一股焦味 不是演练吧 8栋", "fire_safety"),
    ("我妈心口疼得厉害 电梯又坏了 下不去楼 6栋", "lift"),
]
NOT_COMPLAINTS = [
    "明天上午消防演练,届时报警器会响,请大家不要惊慌",
]
FILED: list[tuple[str, str | None]] = []
test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)
test_look_alikes_raise_no_alarm = no_alarm_test(
    [
        "上周地下室水管爆了 水淹了好几天 现在修好了吗",
        "配电房门口堆了好多杂物 万一冒烟了都进不去",
    ]
)
