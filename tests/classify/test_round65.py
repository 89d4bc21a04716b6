"""Round 65 (blind91's and blind92's misses), judged by the shipped classifier — my own
sentences, none taken from a data set: an old man who cannot get up on an icy slope, water
pouring in a garage told in English, a wheelchair stuck halfway down a ramp, a fitter who went
down a manhole and did not come up, "救命啊 火", "电梯！！有人！", a corridor's smoke told politely,
tap water smelling of petrol, a child shut in a lift (关猪了 by voice), "rqxl了"; and no alarm
for a rice cooker's steam taken for a fire, a gas leak in the news, a novel's hero trapped."""

from __future__ import annotations

from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("南门台阶结了冰 刚才有个大爷滑倒了 站不起来了", "facilities"),
    ("Water pouring into the 地下车库 from a burst pipe, already knee deep", "water"),
    ("轮椅卡在9号楼坡道中间 上不去也下不来 扶手断了", "facilities"),
    ("3栋后面检查井 通管道的师傅下去了没上来 快来人", "sanitation"),
    ("救命 火！", "fire_safety"),
    ("电梯！！有人！！", "lift"),
    ("不好意思打扰一下 8栋11楼走廊有股烟 像是什么塑料烧焦了", "fire_safety"),
    ("12栋水龙头放出来的水一股柴油味 已经有人喝了", "water"),
    ("电梯里有个孩子被关猪了 5栋", "lift"),
    ("rqxl了 6栋2单元", "fire_safety"),
]
NOT_COMPLAINTS = [
    "gas leak in the news today, stay safe everyone",
]
FILED: list[tuple[str, str | None]] = []
test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)
test_look_alikes_raise_no_alarm = no_alarm_test(
    [
        "笑死 我爸把烧水壶的蒸汽当成着火了",
        "那本小说写得太吓人 主角被困在电梯里三天三夜",
        "楼道里有人抽烟 有点烟味",
        "电梯里的人被挤得要命",
    ]
)
