"""Round 12: scene families filed under the wrong category before (my own sentences, none taken
from a data set)."""

from __future__ import annotations

import pytest

from bot.classify import Classifier


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # lamps at home dimming when someone's machine starts: the supply
        ("对面烧烤店的大风扇一开 我们这排的灯就发暗", "power"),
        ("楼下电焊一开机 屋里灯就一闪一闪的", "power"),
        # a ceiling stain or drip blamed on the flat upstairs
        ("我家客厅天花板又起了一片水印 楼上死活不认", "neighbour_dispute"),
        # a rodent told by its shape, rats gnawing
        ("半夜厨房有个灰东西溜过去 拖着条长尾巴", "sanitation"),
        ("耗子把储藏室的纸箱全啃烂了 物业管不管", "sanitation"),
        # a shed roof leaking
        ("电动车棚的顶棚漏雨 车坐垫天天是湿的", "facilities"),
        # parcels anyone can take
        ("门卫室门口的快递谁都能翻 我的已经被人拿走两次了", "security"),
    ],
)
def test_scene_category(classifier: Classifier, text: str, category: str) -> None:
    verdict = classifier.classify(text)
    assert verdict.is_complaint, verdict
    assert verdict.category == category, verdict


@pytest.mark.parametrize(
    "text",
    [
        "老鼠药在哪买比较好 有推荐的吗",
        "快递到了没 我等着急用",
    ],
)
def test_not_scene(classifier: Classifier, text: str) -> None:
    assert not classifier.classify(text).urgent
