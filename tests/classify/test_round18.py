"""Round 18's danger, judged by the shipped classifier (my own sentences, none taken from a data
set, none among the training lines): whole pinyin typed without a Chinese keyboard, initials
for gas (mq, rq) and the property (wy), gas told by its rotten-egg smell indoors, a neighbour
from abroad telling of someone in the lift in English, a crack that grows and gives way; and
look-alikes: a drain's rotten eggs, a lift stuck with nobody in it, a crack that is only
noticed, English or pinyin chatter."""

from __future__ import annotations

import pytest

from bot.classify import Classifier

URGENT = [
    ("jiu ming, 8 hao lou zhao huo le", "fire_safety"),
    ("dian ti kun ren le, 2 dan yuan, kuai lai ren", "lift"),
    ("4栋 mq漏了 好冲 快", "fire_safety"),
    ("走廊里一股臭鸡蛋味 越来越重 3单元", "fire_safety"),
    ("Please help, an old lady is trapped inside the elevator of building 9", "lift"),
    ("地库柱子那条裂缝越来越宽 一直往下掉渣 车还在进出", "facilities"),
]
NOT_URGENT = [
    ("化粪池那边一股臭鸡蛋味 好几天了", True),
    ("The lift in block 3 is stuck on the 5th floor again, nobody inside", True),
    ("客厅墙角有条小缝 不知道要不要紧", False),
    ("wo men jin tian qu gong yuan wan", False),
    ("wy今天把草坪修剪了 好看多了", False),
]


@pytest.mark.parametrize(("text", "category"), URGENT)
def test_danger_is_urgent(classifier: Classifier, text: str, category: str) -> None:
    verdict = classifier.classify(text)
    assert verdict.is_complaint and verdict.urgent, (text, verdict)
    assert verdict.category == category, (text, verdict)


@pytest.mark.parametrize(("text", "complaint"), NOT_URGENT)
def test_look_alikes_raise_no_alarm(classifier: Classifier, text: str, complaint: bool) -> None:
    verdict = classifier.classify(text)
    assert not verdict.urgent, (text, verdict)
    if not complaint:
        assert verdict.outcome() != "complaint", (text, verdict)
