"""Round 21 (blind38's misses), judged by the shipped classifier — my own sentences, none taken
from a data set, none among the training lines: a cry with exclamation marks, a lift one cannot
get out of, a whole numbered building without water, gas 泄露 (as often typed) and in pinyin,
an elderly household freezing without heating; and look-alikes: a gas safety tip, a fund "on
fire"."""

from __future__ import annotations

import pytest

from bot.classify import Classifier

URGENT = [
    ("救命！！！ 电梯！！", "lift"),
    ("🆘🆘 16栋 电梯 出不来", "lift"),
    ("整个8号楼一滴水都没了 老人孩子都等着用水", "water"),
    ("天然气泄露了 7栋走廊全是那个味", "fire_safety"),
    ("tianranqi泄露了 3单元 快来", "fire_safety"),
    ("暖气一点也不热 我爸九十一岁了 屋里温度计只有七度 冻得直哆嗦", None),
]
NOT_URGENT = [
    "如果家里闻到燃气味 千万别开灯 先开窗 转给家里人看看",
    "今天基金着火了 全是红的 开心",
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


@pytest.mark.parametrize("text", ["3栋1单元电梯坏了 出不去", "老人住18楼 电梯坏了 一个礼拜出不去"])
def test_a_broken_lift_that_keeps_people_upstairs_is_a_complaint_not_a_rescue(
    classifier: Classifier, text: str
) -> None:
    verdict = classifier.classify(text)
    assert verdict.is_complaint and verdict.category == "lift" and not verdict.urgent, verdict


# From a review of rounds 20–21: a thing that burns after 热得/烫得/急得 is no figure of speech,
# a meeting room one is shut in is a room; a building's outage announced for tomorrow is a plan.
REAL_DANGER_NEAR_FIGURES = [
    "天太热了 热得电线都冒烟了",
    "插座烫得冒火星了",
    "充电器烫得冒烟了 在楼道里",
    "电瓶车电池烫到冒烟 3栋楼道",
    "我急得不行楼道里着火了",
    "急得我手都抖了3栋着火了快打119",
    "有人被困在会议室里出不来了 门打不开",
    "整栋楼停电了 明天才能修好 老人在家好热",
]


@pytest.mark.parametrize("text", REAL_DANGER_NEAR_FIGURES)
def test_danger_told_beside_a_figure_is_still_urgent(classifier: Classifier, text: str) -> None:
    verdict = classifier.classify(text)
    assert verdict.is_complaint and verdict.urgent, (text, verdict)


@pytest.mark.parametrize(
    "text", ["整个5栋明天停电检修", "整个5栋明天上午停水", "明天上午 整栋停电检修"]
)
def test_an_outage_announced_for_later_is_no_alarm(classifier: Classifier, text: str) -> None:
    assert not classifier.classify(text).urgent, text
