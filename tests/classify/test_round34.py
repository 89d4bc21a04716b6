"""Round 34 (blind55's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: someone alone who does not answer (俺娘, Cantonese 冇应门 / 两日), gas told as a
smell that is wrong or filling a room and a gas bottle bursting, a melted plug strip while it
charges, a garage or basement taking water in without the word water, a knife or a stick with a
warning to stay in, violence told by what is done (往地上摔, 掐着脖子), a dog that has bitten
several, and things still being thrown down; a what-if asked as a question of what is
allowed, and a quarrel settled, are no complaints."""

from __future__ import annotations

import pytest

from bot.classify import Classifier
from tests.classify.judged import round_tests

URGENT = [
    ("俺爹一个人在家 昨天到现在电话都不接 谁帮忙去看看", "other"),
    ("隔篱阿伯冇应门 三日冇见佢落楼", "other"),
    ("闻着像是液化气 整个厨房都是 谁家的", "fire_safety"),
    ("这味不对劲 有点像天然气 楼梯间全是", "fire_safety"),
    ("楼下谁家液化气罐爆了 轰的一声 快打119", "fire_safety"),
    ("插线板都烧化了 一股焦味 孩子在那充电", "fire_safety"),
    ("配电房里有嗡嗡的声音 还闪了一下蓝光", "power"),
    ("负一层在进水 赶紧去挪车", "water"),
    ("楼下有个男的拿着棍子 大家先别下楼", "security"),
    ("那男的把他老婆往地上摔 快报警", "security"),
    ("那条狗已经咬了三个了", "pets"),
]
NOT_COMPLAINTS = [
    "俺娘一个人在家 挺好的 就是想孙子了",
    "要是车库倒灌了怎么办",
    "车库防倒灌的挡板装好了没",
    "如果插线板烧化了怎么办",
    "拿着刀切西瓜呢 不出门了 外面太热",
    "煤气罐的钱交了没",
    "万一停电了 是不是不能坐电梯？",  # a what-if asked
    "如果闻到天然气味 要不要先开窗？",
    "那天吵架的两家已经和好了",  # a quarrel settled
]
FILED: list[tuple[str, str | None]] = []

test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)


@pytest.mark.parametrize("text", ["楼上在往下扔砖头", "楼上还在往下扔酒瓶 快来人"])
def test_things_still_thrown_down_are_a_danger_now(classifier: Classifier, text: str) -> None:
    verdict = classifier.classify(text)
    assert verdict.is_complaint and verdict.urgent, (text, verdict)


@pytest.mark.parametrize(
    "text",
    [
        "俺妈一个人在家 电话不接 可能去跳广场舞了",  # an absence explained
        "去年暴雨车库倒灌 好多车都泡了",  # past
        "小区的喷泉又坏了 好久没开了",  # the compound's fountain, no pipe spouting
        "电视剧里那个男的把女的往墙上撞 看得我好气",  # on television
    ],
)
def test_look_alikes_raise_no_alarm(classifier: Classifier, text: str) -> None:
    assert not classifier.classify(text).urgent, text
