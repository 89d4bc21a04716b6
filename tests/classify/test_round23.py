"""Round 23 (blind42–43's misses), judged by the shipped classifier — my own sentences, none taken
from a data set, none among the training lines: a metal thing that shocks whoever touches it, a
child locked in a car or out on an air-conditioner's bracket, someone fainting by a gas water
heater, a wall whose crack widens while the building shakes, a burst main running into the lift
shaft; and look-alikes: a blocked fire lane asked about ("真有事…"), safety tips and reminders,
a found umbrella, news from another city, a late delivery, a hot day."""

from __future__ import annotations

import pytest

from bot.classify import Classifier
from tests.classify.judged import assert_no_complaint, assert_urgent

URGENT = [
    ("车棚的铁栏杆带电 我刚扶了一下被电得手一麻 小孩子别去碰", "power"),
    ("广场那根晾衣杆漏电了 张婆婆晒被子被打得一麻 现在还坐在地上", "power"),
    ("超市门口那台银色轿车里关着个小孩 脸都晒红了 一直在拍窗户", "other"),
    ("2栋七楼有个孩子爬在防盗网上面 家里好像没大人", "other"),
    ("婆婆洗澡晕倒在浴室 燃气热水器一直烧着 窗户紧闭 快来人帮忙", "fire_safety"),
    ("客厅墙上的裂缝这两天宽了好多 刚才楼晃了一下 墙灰哗哗往下掉", "facilities"),
    ("一楼的给水总管爆了 水漫得到处都是 正往电梯井里灌", "water"),
]
NOT_URGENT = [
    "东门消防通道又停满了车 真出了事消防车怎么开进来",
    "后门的消防车道被电动车堵了一半 要是真有啥事救护车都过不去",
]
NOT_COMPLAINTS = [
    "天冷了 用燃气热水器的记得开窗通风 千万别把浴室门关死",
    "明早路面结冰 老人家出门慢点走 别摔着了",
    "快递柜上面有把格子雨伞 是哪家的 放两天了",
    "新闻里说外地一个小区电动车着火了 大家千万莫把电池拿回家充",
    "点的外卖超时四十分钟 送到都凉了",
    "才五月就三十四度了 这夏天怎么过",
]


@pytest.mark.parametrize(("text", "category"), URGENT)
def test_danger_is_urgent(classifier: Classifier, text: str, category: str) -> None:
    assert_urgent(classifier, text, category)


@pytest.mark.parametrize("text", NOT_URGENT)
def test_asked_about_is_no_alarm(classifier: Classifier, text: str) -> None:
    verdict = classifier.classify(text)
    assert verdict.is_complaint and not verdict.urgent, (text, verdict)
    assert verdict.category == "fire_safety", (text, verdict)


@pytest.mark.parametrize("text", NOT_COMPLAINTS)
def test_no_complaint_here(classifier: Classifier, text: str) -> None:
    assert_no_complaint(classifier, text)
