"""Round 37 (blind58's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: a loose dog chasing children, someone knocked down and lying on the ground or
struck on the head, smoke pouring into the stairwell or a fire lit in a basement, a corridor
hazy with a burning smell, wasps that have stung people, wires torn down by a falling tree,
tiles still coming down onto cars, a house on fire in 闽南话 (火烧厝) and "水！！" cried with a
place; a dog at play, cigarette smoke, a drunk asleep, fog and mosquitoes raise no alarm."""

from __future__ import annotations

import pytest

from bot.classify import Classifier
from tests.classify.judged import assert_no_alarm, round_tests

URGENT = [
    ("一条大狼青在追学生 没牵绳 就在北门", "pets"),
    ("道闸砸到一个大爷头上了 人躺地上了", "parking"),
    ("地库有人在烧火取暖 烟都冒进电梯间了", "fire_safety"),
    ("楼梯间里白蒙蒙的 一股焦糊味", "fire_safety"),
    ("大风把树刮倒了 压断了电线 就在3栋门口", "greenery"),
    ("外墙的砖哗哗往下掉 刚砸中一辆车", "facilities"),
    ("火烧厝啦 5号楼", "fire_safety"),
    ("水！！3栋地下室", "water"),
]
NOT_COMPLAINTS = [
    "小狗追着小孩玩 好可爱",
    "今天雾蒙蒙的 空气好差",
    "水！！好喝",
]
FILED: list[tuple[str, str | None]] = []

test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)


@pytest.mark.parametrize(
    "text",
    [
        "楼下抽烟的烟都冒到我家了 烦死了",  # cigarettes: a nuisance
        "有人躺地上睡觉 喝多了吧",
        "蚊子叮了好几个包 痒死了",
        "风把晾衣绳刮断了",
        "去年台风树倒了扯断了电线",  # past
    ],
)
def test_look_alikes_raise_no_alarm(classifier: Classifier, text: str) -> None:
    assert_no_alarm(classifier, text)


@pytest.mark.parametrize(
    "text",
    ["马蜂把两个小孩蛰了 窝就在2栋车棚", "2栋车棚有个马蜂窝 刚蛰了两个小孩"],
)
def test_urgent_whatever_the_model_files_it_under(classifier: Classifier, text: str) -> None:
    verdict = classifier.classify(text)
    assert verdict.is_complaint and verdict.urgent, (text, verdict)
