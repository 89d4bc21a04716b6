"""Round 52 (blind77's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: gas told in 闽南话 (瓦斯, 灶脚, 头眩), a child gone under in a pool told in 客家话
(细人仔), a child lost "while I took a call", a dog chasing a child to bite (追到), a garage
flooding typed in pinyin, a retaining wall given way (崩忒); and no alarm for a recipe's hot
oil, a gas bill, heat that "sets me on fire", a parcel gone or a child found under the bed."""

from __future__ import annotations

from tests.classify.judged import round_tests

URGENT = [
    ("阮兜厝内的瓦斯味真重 阿公头眩 紧来", "fire_safety"),
    ("5栋灶脚瓦斯一直嘶嘶响 恁紧来看", "fire_safety"),
    ("泳池有个细人仔沉落去了 冇人救 紧来", "other"),
    ("孙子4岁 在楼下玩 我买个东西回来就找不到了 大家帮忙看看 穿黄衣服", "other"),
    ("楼下有条大黄狗追到一个小孩咬 快来人", "pets"),
    ("di ku jin shui le, kuai lai ren", "water"),
    ("3栋挡土墙崩忒了 泥巴往下冲 下背有人", "facilities"),
]
NOT_COMPLAINTS = [
    "今天做油泼面 热油一泼滋滋响 香",
    "瓦斯费这个月怎么这么贵",
    "热得 我感觉自己要着火了",
    "我买个东西回来 发现快递不见了",
    "孩子一下就看不见了 原来躲在床底下 吓死我了",
]
FILED: list[tuple[str, str | None]] = []

test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)


def test_a_place_typed_in_pinyin_is_shown_whole(classifier) -> None:  # type: ignore[no-untyped-def]
    """地下室 read from "dixiashi" is shown as she typed it, not cut to its first letters."""
    verdict = classifier.classify("zhong xin hua yuan you ren yun dao le")
    assert verdict.urgent
    assert verdict.location == "zhong xin hua yuan"
