"""Round 19's danger, judged by the shipped classifier (my own sentences, none taken from a data
set, none among the training lines): the barest cries (救命 电梯, 煤气 快跑), a lift holding a
grandparent in Hunan words, smoke pouring out in Cantonese, a fresh crack shedding sand, a
woman crying for help; and look-alikes: a gas bill, a crack that was checked, a help advert."""

from __future__ import annotations

import pytest

from bot.classify import Classifier

URGENT = [
    ("救命 电梯 3栋", "lift"),
    ("天然气！！快跑啊", "fire_safety"),
    ("2栋电梯又卡起哒！里头关起个爹爹", "lift"),
    ("五座有好多黑烟涌出来 成层楼都系燶味", "fire_safety"),
    ("车库墙上裂开一道大口子 一直往外掉沙子 会不会塌", "facilities"),
    ("隔壁一直有个女人在喊救命 还有砸东西的声音", None),
]
NOT_URGENT = [
    "燃气费又涨了 大家快跑去营业厅问问",
    "那条裂缝去年就有 物业请人检测过 说不影响结构",
    "电梯里贴的广告 说是什么救命神器",
]


@pytest.mark.parametrize(("text", "category"), URGENT)
def test_danger_is_urgent(classifier: Classifier, text: str, category: str | None) -> None:
    verdict = classifier.classify(text)
    assert verdict.is_complaint and verdict.urgent, (text, verdict)
    assert category is None or verdict.category == category, (text, verdict)


@pytest.mark.parametrize("text", NOT_URGENT)
def test_look_alikes_raise_no_alarm(classifier: Classifier, text: str) -> None:
    verdict = classifier.classify(text)
    assert not verdict.urgent and verdict.outcome() != "complaint", (text, verdict)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("119栋楼下有人乱停车 堵住了", "119栋"),
        ("110号楼电梯又坏了", "110号楼"),
        ("3栋120室漏水了", "3栋120室"),
    ],
)
def test_an_emergency_number_in_an_address_is_a_place_not_a_call(
    classifier: Classifier, text: str, place: str
) -> None:
    verdict = classifier.classify(text)
    assert verdict.is_complaint and not verdict.urgent and verdict.location == place, verdict
