"""Round 41 (blind62's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: black smoke out of a window (冒黑的), water and a burning smell in a power
room, a socket sizzling and hot with the wallpaper yellowed, a bike shed crackling with a
strong plastic smell, a lost child nobody comes for, a whole building's heating out in deep
frost, a dog that bit a delivery man bloody, someone knocked down and trodden on in a crowd,
"zhao火了" typed in pinyin, a spilt chemical stinging eyes with old people by, a tree about to
fall over children in 闽南话 (欲倒, 树跤); a fire seen far off, a figure of speech, a tight
metro and a hot pot raise no alarm."""

from __future__ import annotations

import pytest

from bot.classify import Classifier
from tests.classify.judged import assert_no_alarm, round_tests

URGENT = [
    ("9栋那户窗户里一直往外冒黑的 一股焦糊味", "fire_safety"),
    ("配电房门底下渗出水来 里面嗡嗡响 还有股胶皮烧焦的味道", "power"),
    ("楼道插座一直滋滋响 旁边墙纸都发黄了 手靠近是烫的", "water"),
    ("车棚那边一阵阵爆响 刺啦刺啦的 塑料味很冲", "fire_safety"),
    ("有个小女孩在广场哭着找妈妈 半小时了没人来领", "other"),
    ("零下二十度 整栋楼暖气一宿都没热乎 孩子冻得直哭", "other"),
    ("那条狗把送外卖的小伙咬得腿上都是血", "pets"),
    ("发东西的地方挤成一团 有个老人被挤倒踩了", "other"),
    ("zhao火了 5单元", "fire_safety"),
    ("桶里流出来黄色的东西 眼睛火辣辣的 老人还在旁边坐着", "other"),
    ("中庭彼欉大树欲倒落来矣 树跤有囡仔咧耍", "greenery"),
]
NOT_COMPLAINTS = [
    "小孩在找妈妈 妈妈在超市",
    "眼睛火辣辣的 昨晚吃火锅太辣了",
    "考研成绩出来了，差三分，整个人像掉进了冰窖",
]
FILED: list[tuple[str, str | None]] = []

test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)


@pytest.mark.parametrize(
    "text",
    [
        "市中心那个商场着火了，浓烟好大，在我们这儿都能看到",  # far off
        "配电房门口一直滋滋响，还有焦味",  # labelled no danger in an earlier set
        "暖气不热 冻手",
        "外墙瓷砖前几天掉了一块 一块块的补一下",
        "狗咬破了我的拖鞋",
        "墙上有条缝 不敢装修",
        "早高峰地铁挤得要命 差点被挤倒",
    ],
)
def test_look_alikes_raise_no_alarm(classifier: Classifier, text: str) -> None:
    assert_no_alarm(classifier, text)
