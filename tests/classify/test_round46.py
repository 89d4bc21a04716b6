"""Round 46 (blind70's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: a child missing a moment ago (a person sought is no lost property), a call
from a grandmother alone that broke off after "dizzy, can't stand", 我大 fallen; and no alarm
or no complaint for 脑子冒烟, 钱包要着火, a toddler's falls (皮实), a film's scene, a video's."""

from __future__ import annotations

import pytest

from bot.classify import Classifier
from tests.classify.judged import assert_no_alarm, round_tests

URGENT = [
    ("有没有人看到一个穿蓝衣服的小女孩 四岁 刚刚在3栋楼下一转眼就不见了", "other"),
    ("我奶奶一个人住 刚打电话说胸口疼站不起来 电话就断了 5栋701 谁能去看看", "other"),
    ("我大在厨房跌倒了 起不来 7号楼3单元 哪个能来帮一把", "other"),
]
NOT_COMPLAINTS = [
    "看了《中国机长》 玻璃碎掉那一段吓死我了",
    "刷到个视频 有人在电梯里蹦 电梯都停了 大家别学",
    "有没有人看到一把黑色雨伞 落在2栋电梯里了",
]
FILED: list[tuple[str, str | None]] = []

test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)


@pytest.mark.parametrize(
    "text",
    [
        "改了一天方案 脑子冒烟了",
        "双十二又来 钱包要着火了",
        "孙子学走路摔了好几跤 可皮实了 一声不哭",
    ],
)
def test_look_alikes_raise_no_alarm(classifier: Classifier, text: str) -> None:
    assert_no_alarm(classifier, text)
