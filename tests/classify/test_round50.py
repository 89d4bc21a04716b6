"""Round 50 (blind75's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: a tree blown down across a road where people pass, windows burst by a
typhoon with glass flying down, a ceiling fallen in a lobby, a snake by a stairwell, a gang
with sticks at the office; and no alarm for a fire asked about rhetorically ("真着火了谁跑得出
去"), someone already taken away by the ambulance, a game's zombies or a cake that sank."""

from __future__ import annotations

from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("北门那棵老槐树被风刮倒了 横在路中间 下面还有人在走", "greenery"),
    ("台风把9栋几户的窗户吹爆了 碎玻璃往下飞 楼下停着车", "facilities"),
    ("3栋电梯厅的吊顶塌下来一大块 砸在门口 幸亏没人", "facilities"),
    ("5栋地下室楼梯口有条蛇 好长 孩子们都不敢下去", "pets"),
    ("东门来了一帮人 手里拎着棍子堵着门卫室闹事", "security"),
]
NOT_COMPLAINTS = [
    "刚才在健身器材那晕倒的阿姨已经被救护车接走了 家属也到了 谢谢大家",
    "救命 这游戏里的怪太难打了",
    "第一次烤戚风 又塌了 救命",
]
FILED: list[tuple[str, str | None]] = []

test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)
test_look_alikes_raise_no_alarm = no_alarm_test(
    ["楼道里堆满了纸箱 真着火了谁跑得出去 物业管管", "要是着火了 这堆纸箱谁跑得掉"]
)
