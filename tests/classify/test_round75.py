"""Round 75 (blind102's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: a fight told by blood drawn (扯起来, 砸人, 见红); an e-bike battery smoking in a
guard's signed log that asks someone to come (速到现场); a smart-home smoke alarm forwarded by a
resident who is away; smoke told in Korean without its particle; a load-bearing wall knocked
through while the floor cracks; and no complaint for a party game's kill or one's own noise told
by a spouse, no alarm when the resident says it is not urgent."""

from __future__ import annotations

from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("南门两个送快递的扯起来了 一个拿砖头砸人 已经见红了", "security"),
    (
        "【值班记录】23:10 巡查至5号楼地下车库，发现一辆电瓶车电池鼓包冒烟，已疏散周边人员，"
        "请值班经理速到现场。记录人：小陈",
        "fire_safety",
    ),
    (
        "【米家】烟雾报警器检测到烟雾浓度超标 位置：卧室 —— 我在上班 家里只有猫 谁能去6栋602看看",
        "fire_safety",
    ),
    ("급해요 9栋 지하 주차장에서 연기 나요!! 빨리요", "fire_safety"),
    ("楼下装修把承重墙砸穿了 我家地板裂了缝 还在砸", "facilities"),
]
NOT_COMPLAINTS = [
    "昨晚剧本杀我又是第一个被杀的 这群人太坏了",
    "打游戏太投入 老婆说我吼得像家里进了贼😂",
]
FILED: list[tuple[str, str | None]] = []
test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)
test_look_alikes_raise_no_alarm = no_alarm_test(
    [
        "lobby door of 5栋 sparks a bit when you touch the handle, not urgent but pls check",
        "电动车着火怎么灭 有没有人知道",
        "新闻：某地电动车电池起火 一家三口受伤",
        "烟雾报警器检测到电池电量低 请及时更换",
        "承重墙能不能拆 装修前问一下",
        "电梯门口插座冒了点火花 不紧急 有空来看看",
        "刚才车棚那个电瓶冒烟 已经扔水桶里了 大家放心",
    ]
)
