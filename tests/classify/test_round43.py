"""Round 43 (blind66's misses, and the false alarms of the eight months of chat held out of the
model), judged by the shipped classifier — my own sentences, none taken from a data set:
someone knocked down by a vehicle and left lying there (and in 四川话, 躺起不动), a new crack in
a wall a finger fits into, a corridor full of smoke in 粤语, water that makes several households
sick, a door handle turned at night, a coal stove or charcoal behind shut windows with a
headache, a lamp post that shocks (typed 漏店), a parent not answering since yesterday; and
no alarm for a council's paperwork ("园林部门"), a list of what a compound has been through,
what a fire would do, a guard prying a lift door open, advice not to pry it, hotpot steam,
a skipping rope swinging the lamp, a tricycle before the charging cabinet, a lift that moved
after a wait."""

from __future__ import annotations

import pytest

from bot.classify import Classifier
from tests.classify.judged import assert_no_alarm, round_tests

URGENT = [
    ("有个骑车的大爷被货车撞倒了 躺地上没动静 司机跑了", "other"),
    ("东门口有个娃儿遭摩托车撞了 躺起不动 快打120", "other"),
    ("客厅墙今早裂开一条缝 拳头都塞得进去 楼板咔咔响 9栋", "facilities"),
    ("3座成条走廊都系烟 火警钟一直响", "fire_safety"),
    ("喝了楼顶水箱的水 我们单元好几户都拉肚子 水还有怪味", "water"),
    ("半夜三点有人在外面转我家门把手 我一个人在家 5栋", "security"),
    ("隔壁在屋里烧炭取暖 门窗关得严严实实 我闻着脑袋疼", "fire_safety"),
    ("我爸住3栋 从昨晚起电话就一直没人接 哪个邻居帮忙去敲敲门", "other"),
]
NOT_COMPLAINTS = [
    "修剪大树要报园林部门审批 已经在走流程了",
]
FILED: list[tuple[str, str | None]] = []

test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)


@pytest.mark.parametrize(
    "text",
    [
        "淹水 停电 困电梯 这几年全经历了一遍",
        "电动车别推上楼 真着火了整栋楼都遭殃",
        "保安已经在撬门了 大家别急",
        "你在里面待着别动 不要撬门 维保马上到",
        "今晚打边炉 成屋都系烟 好正",
        "十一点了楼上还在跳绳 吊灯都在晃 还让不让人睡",
        "充电柜前面停了辆三轮车 电动车入唔到去",
        "电梯卡在两层中间 等了五分钟才动",
    ],
)
def test_look_alikes_raise_no_alarm(classifier: Classifier, text: str) -> None:
    assert_no_alarm(classifier, text)
