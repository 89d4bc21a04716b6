"""Round 31 (blind53's misses), judged by the shipped classifier — my own sentences, none
taken from a data set, none among the training lines: a whole building without water told
the other way round, a tree lying on the power lines, a neighbour who does not answer beside a
stove; and look-alikes: one's own phone or tablet, a lift at one's workplace, the countryside,
fruit given away, a hypothetical asked, a door forced in the past or to rescue someone."""

from __future__ import annotations

import pytest

from bot.classify import Classifier
from tests.classify.judged import assert_no_alarm, round_tests

URGENT = [
    ("5号楼一滴水都没有 整栋都停了 老人做不了饭", "water"),
    ("从昨晚到现在没水 全楼都断了 物业电话打不通", "water"),
    ("门口那棵大槐树倒了 压在电线上了 还在冒火花", "greenery"),
    ("风把那根大树枝吹断了 搭在电线上 底下就是公交站", "greenery"),
    ("刘奶奶家敲门不应 屋里烧着炉子 会不会熏着了", "fire_safety"),
    ("快来人 有人在撬2单元302的门", "security"),
    ("抓小偷 在偷电瓶", "security"),
    # a phone going flat in a stuck lift keeps its alarm
    ("手机快没电了 被困在电梯里了 快来人", "lift"),
]
NOT_COMPLAINTS = [
    "要是电梯坏了 应该找谁？",
    "假如半夜停电了 打哪个电话",
    "我手机屏幕又碎了 有没有靠谱的修手机的",
    "平板快没电了 谁有充电器借一下",
    "我老家乡下的狗天天追人",
    "我们单位电梯又坏了 爬了八层",
    "谁要橘子 我家亲戚寄来的 放在门卫了 自己拿",
    "雾太大了 对面楼都看不见",
    "停水了 全楼都停了 明天上午恢复 请提前储水",
    "上次台风那棵树压到电线上 后来供电局来处理好了",
]
FILED: list[tuple[str, str | None]] = [
    ("3栋电梯一直有怪声 坐着心慌", "lift"),
    ("防盗门被人撬了 家里东西被翻乱了 昨晚的事", None),
]


test_danger_is_urgent, test_no_complaint_here, test_filed_in_its_category = round_tests(
    URGENT, NOT_COMPLAINTS, FILED
)


@pytest.mark.parametrize(
    "text",
    [
        "保安师傅帮忙撬门 把老人救出来了",
        "孩子在电梯里头玩 把按钮全按了一遍",
        "电梯里好臭 不知道哪家小孩在里面尿了",
        "电梯没坏 刚才是停电检修 现在好了 大家别打电话了",
    ],
)
def test_no_alarm_for_a_rescue_done_a_mess_or_a_scare_over(
    classifier: Classifier, text: str
) -> None:
    assert_no_alarm(classifier, text)
