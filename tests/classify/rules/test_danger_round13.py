"""Round 13: people already made ill by something in the air — a chemical dumped, pesticide
sprayed where people are, cleaning agents mixed (my own sentences, none taken from a data set),
and look-alikes that must not raise an alarm."""

from __future__ import annotations

import pytest

from bot.classify import Classifier


@pytest.mark.parametrize(
    "text",
    [
        "楼道里不知道谁洒了什么液体 味道刺鼻 我家孩子闻了一直咳",
        "垃圾房边上一桶化学品漏了 两个环卫工头晕呕吐",
        "绿化在楼下喷药 窗户都关了 还是呛得老人直咳",
        "地下室一股怪味 我家老人头晕了",
        "保洁把消毒水和洁厕灵混一起拖地 大堂里呛得喘不上气",
    ],
)
def test_fumes_that_already_made_people_ill(classifier: Classifier, text: str) -> None:
    verdict = classifier.classify(text)
    assert verdict.is_complaint and verdict.urgent, verdict


@pytest.mark.parametrize(
    "text",
    [
        "感冒了 一直咳 吃了药也不见好",
        "坐车坐得头晕想吐",
        "如果闻到刺鼻气味 头晕 要马上开窗 离开",
        "这个中药味太苦了 我都想吐",
        "下周三绿化打药 有过敏的邻居请关好窗",
    ],
)
def test_no_alarm(classifier: Classifier, text: str) -> None:
    assert not classifier.classify(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        "火已经扑灭了 是三楼阳台的纸箱烧着了 没有人受伤",
        "李奶奶在家摔倒了 邻居发现得早 120已经送去医院了",
    ],
)
def test_told_after_it_is_over(classifier: Classifier, text: str) -> None:
    assert not classifier.classify(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        "有人晕倒在电梯口 谁来帮忙送去医院",
        "3楼着火了 火还没灭 快跑",
    ],
)
def test_still_happening(classifier: Classifier, text: str) -> None:
    assert classifier.classify(text).urgent


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # Sichuan and Chongqing words for the same dangers: 关到/关倒 (trapped), 头 (inside),
        # 咯 (了), 老汉儿 (father), 喊不醒
        ("电梯关到人了", "lift"),
        ("电梯把人关起了 在8楼", "lift"),
        ("电梯里头关到个老人家", "lift"),
        ("娃儿关到电梯头了", "lift"),
        ("天然气漏咯 一股臭味", "fire_safety"),
        ("老汉儿晕倒在楼梯间了 喊不醒", "other"),
    ],
)
def test_dialect_danger(classifier: Classifier, text: str, category: str) -> None:
    verdict = classifier.classify(text)
    assert verdict.is_complaint and verdict.urgent, verdict
    assert verdict.category == category, verdict


@pytest.mark.parametrize(
    "text", ["要是电梯关到人咋个办", "娃儿把门关到了 进不去屋", "上个月电梯关到人了 后来修好了"]
)
def test_dialect_look_alikes(classifier: Classifier, text: str) -> None:
    assert not classifier.classify(text).urgent
