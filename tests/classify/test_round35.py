"""Round 35 (blind56's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: someone setting a fire now (told first hand or as what people running out say),
petrol poured or leaking beside someone smoking (粤语 食烟), a smoke alarm sounding with a
burnt smell, a pipe spraying water that nobody can shut off; a football match that "打起来了"
is no fight, and an idiom or a verdict in the news is no fire."""

from __future__ import annotations

import pytest

from bot.classify import Classifier
from tests.classify.judged import assert_no_alarm, round_tests

URGENT = [
    ("有人在楼道放火", "fire_safety"),
    ("4栋有人纵火 大家快跑", "fire_safety"),
    ("有个男的往302门上泼汽油", "fire_safety"),
    ("地库有辆车在漏油 旁边还有人抽烟", "fire_safety"),
    ("停车场嗰架车漏油 仲有人喺度食烟", "fire_safety"),
    ("家里烟雾报警器一直在叫 有股焦味", "fire_safety"),
    ("楼道的烟感响个不停 闻着一股烧焦的胶味", "fire_safety"),
    ("厨房水管裂了，水喷得满屋都是，总阀找不到", "water"),
    ("卫生间管子爆了 水一直滋 阀门拧不动", "water"),
]
NOT_COMPLAINTS = [
    "打起来了打起来了 巴西和阿根廷踢得太精彩了",
    "放火烧山 牢底坐穿",
    "只许州官放火不许百姓点灯",
    "纵火犯抓到了 新闻说判了十年",
    "小孩玩水枪 喷得满地都是水 哈哈",
]
FILED: list[tuple[str, str | None]] = []

test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)


@pytest.mark.parametrize(
    "text",
    [
        "烟感一直响 原来是炒菜的烟",  # cooking
        "下半场打起来了 裁判都拉不开",  # a match (the model still files it: no alarm, though)
        "楼道烟感老是半夜叫 吵死了",  # a faulty alarm, a habit
        "车位上有车漏油 地上一大片油渍",  # a stain, nobody smoking
        "地下室堆了汽油桶 一个烟头就完了",  # a hazard feared, nothing spilt
        "我家水龙头关不紧 一直滴水",  # a drip
    ],
)
def test_look_alikes_raise_no_alarm(classifier: Classifier, text: str) -> None:
    assert_no_alarm(classifier, text)


def test_a_real_fight_kicked_hard_is_still_one(classifier: Classifier) -> None:
    verdict = classifier.classify("楼下两个男的打起来了 踢得好凶 有人流血了")
    assert verdict.is_complaint and verdict.urgent, verdict
