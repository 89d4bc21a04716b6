"""Round 32 (blind54's misses), judged by the shipped classifier — my own sentences, none
taken from a data set: a weapon in the hand of someone named, a bag snatched and the thief
running, a shout of fire, gas that makes the head swim or smells as soon as the valve opens,
bricks coming down where children are, lift doors that close on someone, a car rolling away
towards the playground; and look-alikes: the fire number asked, a knife in the kitchen, a
lift door that caught a sleeve once, a car rolled back in a story."""

from __future__ import annotations

import pytest

from bot.classify import Classifier
from tests.classify.judged import assert_no_alarm, round_tests

URGENT = [
    ("北门有个男的持刀 大家别出去", "security"),
    ("车棚那边有人手里拿着刀 在转悠", "security"),
    ("快报警 有人抢了老太太的包 往西门跑了", "security"),
    ("火警 火警 5栋顶楼", "fire_safety"),
    ("谁家燃气没关紧 楼道里闻得我头都晕", "fire_safety"),
    ("燃气灶一拧开就有味道 是不是漏了", "fire_safety"),
    ("2栋外墙的砖一块块落下来 底下好多小孩在玩", "facilities"),
    ("电梯门夹住人了 快来", "lift"),
    ("一辆车没拉手刹溜车了 正往儿童乐园那边去", "parking"),
]
NOT_COMPLAINTS = [
    "火警电话是119还是110 老记不住",
    "今天下午消防演练 听到火警铃别慌",
    "我在厨房切菜 手里拿着刀呢 等会儿回你",
    "那部电影里的劫匪持刀抢银行 太吓人了",
    "物业说火警已经解除了",  # an alarm over, not one raised
]
FILED: list[tuple[str, str | None]] = [
    ("电梯门关得太快 上次夹了我衣服一下 麻烦调一调", "lift"),
    ("楼道堆满杂物 火警来了都进不去", "fire_safety"),  # a fire to come: no alarm now
]


test_danger_is_urgent, test_no_complaint_here, test_filed_in_its_category = round_tests(
    URGENT, NOT_COMPLAINTS, FILED
)


@pytest.mark.parametrize(
    "text",
    [
        "上个月有辆车溜车撞了栏杆 还好没伤到人",
        "没有煤气味了 师傅查过了 放心",
    ],
)
def test_no_alarm_for_what_is_over(classifier: Classifier, text: str) -> None:
    assert_no_alarm(classifier, text)
