"""Round 38 (blind59's misses: dangers told without the usual words), judged by the shipped
classifier — my own sentences, none taken from a data set: a wall or a socket hot to the touch
with a hum or a burnt smell (粤语 燶味), wiring burnt black, a boiler or a heating pipe hissing
out steam or scalding water, water through a light fitting, wires soaked, a barrier arm that
struck a child, cars scratched right now, an old woman's door with papers piling up and no
answer, tiles pouring down, a crack that now takes a finger, dangers cried in a few words with
a place ("烟 5栋 楼道", "速来 车库 水", "7栋!! 电梯!! 人!!"), 找火了 typed for 着火了, "怎么叫都
不醒", several who cannot be without their oxygen in a blackout; look-alikes raise no alarm."""

from __future__ import annotations

import pytest

from bot.classify import Classifier
from tests.classify.judged import assert_no_alarm, round_tests

URGENT = [
    ("3栋楼道的电箱一直嗡嗡响 旁边墙摸着烫手 有股焦味", "power"),
    ("插座那块墙都烫手了 家里电器都没开", "power"),
    ("天台的电线全黑了 还有阵燶味", "power"),
    ("锅炉房在嘶嘶响 门缝往外冒白气 地上全是热水", "water"),
    ("暖气管子呲呲往外滋水 烫脚", "water"),
    ("卫生间灯孔往下滴水 灯还开着", "water"),
    ("电线泡在水里 一直闪", "power"),
    ("道闸杆砸到一个小孩 孩子在哭", "parking"),
    ("有人在地库划车 现在还在划", "security"),
    ("隔壁老太太门口报纸堆了一周没人收 敲门也没动静", "other"),
    ("外墙瓷砖哗啦啦往下掉 楼下好多人", "facilities"),
    ("墙上裂缝现在能塞进一根手指 还在掉渣", "facilities"),
    ("烟 5栋 楼道", "fire_safety"),
    ("速来 车库 水", "water"),
    ("火!! 3号楼后面", "fire_safety"),
    ("7栋!! 电梯!! 人!!", "lift"),
    ("地下车库找火了 黑烟往楼上串", "fire_safety"),
    ("我外婆一个人在家 怎么叫都不醒", "other"),
    ("东区停电了 好几个离不开制氧机的老人", "power"),
]
NOT_COMPLAINTS = [
    "手机充电的时候有点烫手 正常吗",
    "夏天墙摸着烫手 西晒太厉害了",
    "锅炉房今天开始供暖了 暖气管道有点嘶嘶声正常吗",
    "水 电 燃气 3栋",  # the bills or the services, listed
    "3栋 水",
]
FILED: list[tuple[str, str | None]] = []

test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)


@pytest.mark.parametrize(
    "text",
    [
        "差点砸到小孩 吓死了",  # a near miss, over
        "昨晚有人划车 今天调监控",  # past
        "门口快递堆了好几天没人拿 谁的啊",  # nobody feared for
        "墙上裂缝能塞进一根手指 去年就这样了",
        "我儿子叫了好几遍都不醒 赖床",
        "股票跌停了，感觉自己被困在电梯里出不去了",  # a figure of speech
        "今天 3栋 停水",
    ],
)
def test_look_alikes_raise_no_alarm(classifier: Classifier, text: str) -> None:
    assert_no_alarm(classifier, text)
