"""Round 36 (blind57's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: a fight told by the blood drawn or a bottle swung (东北话 干起来了, 整出血了), a
drunk man holding a knife in Cantonese (拎住 / 揸住把刀), a typhoon uprooting a tree now, a water
main spouting out of the road (voice input's 主管到), a wet electric box sizzling, a broken
railing with children about in 闽南话 (囡仔); the same words told of a film, a game, the past or
a slow tree root raise no alarm."""

from __future__ import annotations

import pytest

from bot.classify import Classifier
from tests.classify.judged import assert_no_alarm, round_tests

URGENT = [
    ("楼下俩人干起来了 都整出血了", "security"),
    ("有人在单元门口拿酒瓶子抡人", "security"),
    ("西门有个醉酒佬拎住把刀 周围都系人", "security"),
    ("台风太大了 门口那棵榕树根都翘起来了 快来人", "greenery"),
    ("主管到爆了 马路上在往外冒水", "water"),
    ("楼道的配电箱淋了雨 一直滋滋响", "power"),
    ("3栋天台护栏断了 有囡仔在上面跑来跑去", "facilities"),
]
NOT_COMPLAINTS = [
    "去年台风那棵树连根拔起 现在补种了没",
    "小区喷泉像喷泉一样好看",
    "电视剧里两个人打得满脸是血",
    "打游戏打得流鼻血了哈哈",
    "酒瓶子都抡上了 电影里那段太燃了",
    "有个佬喺度卖鱼 好新鲜",
]
FILED: list[tuple[str, str | None]] = []

test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)


@pytest.mark.parametrize(
    "text",
    [
        "树根把人行道的地砖都顶得翘起来了",  # a slow root, no wind
        "草坪上在喷水 浇花呢",  # a sprinkler
        "回南天 一楼地面在冒水",  # a damp floor
        "热水器开关一开就冒气 正常吗",  # steam from a heater
    ],
)
def test_look_alikes_raise_no_alarm(classifier: Classifier, text: str) -> None:
    assert_no_alarm(classifier, text)
