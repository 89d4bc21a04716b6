"""Round 44 (blind67's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: a woman in labour or someone taken ill high up while the lift is out, a guard
collapsed in the heat (四川话 倒起了), a bin store burning (里头在燃), a blast that shakes a
building; and no alarm or no complaint for a story about another compound's lift, a figure of
speech (头顶冒火), a cook's flames shown off, a film in 《》, a game, one's own cat, a smoke
alarm recommended."""

from __future__ import annotations

import pytest

from bot.classify import Classifier
from tests.classify.judged import assert_no_alarm, round_tests

URGENT = [
    ("我媳妇羊水破了 9栋电梯停了下不去 我们在18楼 谁来搭把手", "lift"),
    ("电梯坏了一整天 楼上王伯心脏病犯了 担架下不来 3栋", "lift"),
    ("东门垃圾房冒起好大的烟 里头在燃 快喊人来", "fire_safety"),
    ("刚刚嘭的一声 整栋楼都在晃 窗户玻璃碎了一地 12栋", "fire_safety"),
]
NOT_COMPLAINTS = [
    "刷到新闻说外地有个小区电梯里电瓶车着火了 大家千万别推车进电梯",
    "《三体》里面那段电梯停了的情节看得我好紧张",
    "昨晚打王者 队友一直送 气死我了",
    "我家猫把花盆推下来了 满地是土 气得我想打它",
    "燃气报警器推荐这款 我家装的这款挺灵敏的",
]
FILED: list[tuple[str, str | None]] = []

test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)


@pytest.mark.parametrize(
    "text",
    [
        "改方案改到头顶冒火了 甲方还在催",
        "在家学做火焰牛排 火苗窜老高 帅不帅",
        "单元门砰的一声摔上 整个楼道都震 闭门器又坏了",
    ],
)
def test_look_alikes_raise_no_alarm(classifier: Classifier, text: str) -> None:
    assert_no_alarm(classifier, text)


def test_staff_collapsed_is_urgent(classifier: Classifier) -> None:
    """A guard or a cleaner is someone who may be hurt too (the category may follow the staff's
    words: 保安 reads as security)."""
    for text in ("门岗那个保安倒起了 满头大汗叫不应 谁有藿香正气水", "保洁阿姨晕倒在5栋楼梯口了"):
        verdict = classifier.classify(text)
        assert verdict.is_complaint and verdict.urgent, (text, verdict)


@pytest.mark.parametrize(
    ("text", "urgent"),
    [("3座部𨋢又关唔到门 开开埋埋咁", False), ("5號樓電體卡住了 里面有人在拍门", True)],
)
def test_lift_in_cantonese_and_typed_wrong(classifier: Classifier, text: str, urgent: bool) -> None:
    """blind68: 部𨋢 and 電體 are the lift (a Cantonese word, a typo written in traditional)."""
    verdict = classifier.classify(text)
    assert verdict.is_complaint and verdict.category == "lift", (text, verdict)
    assert verdict.urgent == urgent, (text, verdict)


@pytest.mark.parametrize(
    "text",
    [
        "电梯头顶上在冒火花",
        "楼道头顶的电线着火了",
        "家里头顶吊灯冒烟了",
        "走廊头上灯管着火了",
        "楼道着火了 快来人 整栋楼都要完蛋了",
        "刚把油加到锅里就着火了 快来人",
    ],
)
def test_fire_over_the_head_or_with_a_cry_stays_urgent(classifier: Classifier, text: str) -> None:
    """The review of round 44: only the head itself on fire is a figure (头顶要冒火了); a
    consequence told with a cry for help is no hypothetical."""
    verdict = classifier.classify(text)
    assert verdict.is_complaint and verdict.urgent, (text, verdict)
