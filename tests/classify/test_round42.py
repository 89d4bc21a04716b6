"""Round 42 (blind63's and blind64's misses after the retraining), judged by the shipped
classifier — my own sentences, none taken from a data set: a ramp glazed with ice where cars
slide, a branch cracking open over a slide, a dog that lunged at a child (and a child's "今天天气"
no longer reads as a habit), a dog chasing someone biting, a child locked in a car whatever the
car is called and in 闽南话, a crowd with a stool raised, someone in an idling car who cannot be
woken, carbon monoxide with its symptoms, hot water pouring down the
stairs, roots out of the ground in a typhoon, a whole day without water in the heat with old
people, a mother who has not answered all day; games, a drama's finale and a figure of speech
raise no alarm, nor a child's toy left in a car, a general warning, or a dog that jumps up."""

from __future__ import annotations

import pytest

from bot.classify import Classifier
from tests.classify.judged import assert_no_alarm, round_tests

URGENT = [
    ("地库入口那个坡冻得亮晶晶的 好几辆车刹不住往下溜", "facilities"),
    ("刮大风 楼下那棵树的树杈咔嚓裂开了 底下停着好几辆婴儿车", "greenery"),
    ("今天天气好 带孙子去广场 一条大黄狗冲过来扑倒了我孙子 现在还在那转悠", "pets"),
    ("那条狼狗挣脱了链子 追着小孩咬 在6栋后面", "pets"),
    ("西门停车场一辆面包车里锁着个小娃 哭得满头汗", "other"),
    ("有一个囝仔予人锁佇车内底 哭甲强欲断气", "other"),
    ("菜场门口两拨人吵起来了 有人抄起了凳子", "security"),
    ("车库里那辆车一直没熄火 里面的人怎么敲都敲不醒", "other"),
    ("我婆婆在卫生间头晕想吐 热水器开着 会不会是一氧化碳", "fire_safety"),
    ("4单元楼梯上热水哗哗往下淌 还冒着热气", "water"),
    ("台风刮得门口那棵大树根都翘出地面了 歪向马路", "greenery"),
    ("9栋一整天都没水了 这么热的天 老人连口水都喝不上", "water"),
    ("我妈一个人住11栋 从早上打电话到现在都没人接 谁能帮忙上去敲个门", "other"),
]
NOT_COMPLAINTS = [
    "打游戏被偷家 水晶直接爆了 气死",
    "追的剧大结局了 男主被困在山洞里 哭死我了",
    "被老板骂了一顿 感觉整个人掉进冰窟窿里",
]
FILED: list[tuple[str, str | None]] = []

test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)


@pytest.mark.parametrize(
    "text",
    [
        "车里锁着个小孩的玩具 明天再拿",
        "这种天把小孩锁车里太危险了 家长心太大",
        "那条金毛又没拴绳 在儿童区扑小孩 主人还说它不咬人",
        "食堂那个坡又是一层冰 我是坐着滑下来的 物业撒点盐吧",
        "车库里有辆车一直没熄火 好吵 谁家的挪一下",
    ],
)
def test_look_alikes_raise_no_alarm(classifier: Classifier, text: str) -> None:
    assert_no_alarm(classifier, text)
