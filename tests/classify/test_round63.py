"""Round 63 (blind89's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: a fire seen from a window ("那边有火 真的在烧"), a handover log of a lift with one
person inside, a building without power and an oxygen machine in pinyin, a thief who pulls a
knife, a pit bull's bite in English, a Korean tenant's gas smell, a battery fire that flares up
again after the extinguisher, a worker overcome in a septic well, "qh le"; and no alarm for a
forwarded safety tip, a gas smell explained as the gas company's check, a log of a quiet night,
food scraps poured into a sink, a barbecue's coals."""

from __future__ import annotations

from bot.classify import Classifier
from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("我在阳台看到6栋后面那边有火 真的在烧 快打119", "fire_safety"),
    ("交班记录 08:10 3号楼西梯困2人 维保在路上 人还在轿厢里", "lift"),
    ("zhengdong tingdian le 8栋 wo ba yong zhiyangji", "power"),
    ("偷车的被保安堵住了 掏出刀吓唬人 往北门跑了", "security"),
    ("A dog just bit a kid at the 3栋 gate, he's bleeding", "pets"),
    ("7栋 1층 가스 냄새 심해요", "fire_safety"),
    ("【值班记录】地下车库电动车电池起火 用了两个灭火器 还是复燃了 请求支援", "fire_safety"),
    ("5栋后面化粪池里 清掏的师傅晕倒了 快来人", "sanitation"),
    ("qh le!! 5栋", "fire_safety"),
]
NOT_COMPLAINTS = [
    "火灾逃生小知识：发生火灾时不要乘电梯 用湿毛巾捂住口鼻",
    "刚才的燃气味原来是燃气公司在3栋做年度安检 大家别担心",
    "交接班：今天一切正常，无异常情况",
]
FILED: list[tuple[str, str | None]] = []
test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)
test_look_alikes_raise_no_alarm = no_alarm_test(
    [
        "把剩菜倒在池里 下水道又堵了",
        "上次电动车起火 用灭火器扑灭了 后来又烧起来 好在消防来得快 现在都处理好了",
        "真的在烧水呢 等会儿",
        "新闻里说有工人在化粪池里晕倒了 太惨了",
        "烧烤的时候炭火又烧起来了 哈哈",
        "电梯里有3个人吵架",
    ]
)


def test_a_pit_bull_s_bite_told_in_english_is_urgent(classifier: Classifier) -> None:
    """The breed alone, without "dog": the danger is found (its category is the model's, and
    the model knows few English words for animals)."""
    verdict = classifier.classify("A pit bull just bit a kid at the 3栋 gate, he's bleeding")
    assert verdict.is_complaint and verdict.urgent, verdict
