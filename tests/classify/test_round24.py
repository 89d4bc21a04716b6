"""Round 24 (blind44–45's misses), judged by the shipped classifier — my own sentences, none
taken from a data set, none among the training lines: icicles over a way people walk, children
on thin ice, an old neighbour not seen for days, carbon monoxide from a brazier told by slurred
words, smoke rising up a stairwell, a lift typed wrong; and look-alikes: a scam warning, a lift
that is not broken, a puddle explained, a dream, thanks for ice cleared, the home village, one's
own TV, a fall laughed off."""

from __future__ import annotations

import pytest

from bot.classify import Classifier
from tests.classify.judged import assert_filed, assert_no_alarm, assert_no_complaint, assert_urgent

URGENT = [
    ("3号楼屋檐挂下来的冰溜子快一米了 下面就是单元门", "facilities"),
    ("食堂后面那排冰凌子挂了一溜 风一吹掉了一根 差点砸着人", "facilities"),
    ("北门坡道上全冻住了 刚才送外卖的连人带车摔了 还有好多学生要走这条路", "facilities"),
    ("后山那个水塘刚冻上 冰很薄 三个小孩在上面跑来跑去 没有大人管", "other"),
    ("楼下钱奶奶好几天没露面了 门口的报纸一摞 打电话也不接", "other"),
    ("邻居在屋里烧炭盆 窗户都关着 刚才她开门的时候说话都含糊不清了", "fire_safety"),
    ("地下车库一股烟往上窜 从楼梯间都冒到一楼了", "fire_safety"),
    ("坐电提卡在半路 里面还有个老太太 按铃没人应", "lift"),
]
NO_ALARM = [
    "二单元电梯停了一个礼拜 我妈腿脚不好 这几天都没下过楼",  # stuck upstairs, not unseen
    "我老家那边的河都冻住了 今年特别冷 打电话说水管也冻爆了",  # the home village, told by phone
]
NOT_COMPLAINTS = [
    "提醒大家 最近有人冒充供暖公司上门收费 千万别开门",
    "电梯没坏啊 是有人用箱子挡着门在搬家",
    "门口那滩水是洗车的 不是水管破了 放心吧",
    "昨晚梦到家里进贼了 吓醒了",
    "感谢物业大哥一早把台阶上的冰都铲了",
    "家里电视机开不了机 有人会修吗",
    "早上摔了一跤 没啥事 就是丢人",
    "高架上一动不动 今天又要迟到了",
]
FILED = [
    ("半夜十二点楼上还在剁肉馅 咣咣的 睡不着", "noise"),
    ("耗子从下水道爬上来了 厨房里到处是它的屎", "sanitation"),
]


@pytest.mark.parametrize(("text", "category"), URGENT)
def test_danger_is_urgent(classifier: Classifier, text: str, category: str) -> None:
    assert_urgent(classifier, text, category)


@pytest.mark.parametrize("text", NO_ALARM)
def test_no_alarm(classifier: Classifier, text: str) -> None:
    assert_no_alarm(classifier, text)


@pytest.mark.parametrize("text", NOT_COMPLAINTS)
def test_no_complaint_here(classifier: Classifier, text: str) -> None:
    assert_no_complaint(classifier, text)


@pytest.mark.parametrize(("text", "category"), FILED)
def test_filed_in_its_category(classifier: Classifier, text: str, category: str) -> None:
    assert_filed(classifier, text, category)
