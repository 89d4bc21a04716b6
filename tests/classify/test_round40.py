"""Round 40 (blind61's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: a smell in the stairwell that makes several households sick and will not
clear, a whole building without water (湖南话 个栋楼) or gone dark (上海话 黑脱了) with people
who depend on it, a child on an air-conditioner unit outside a window, a prowler scratching
cars, a lift that dropped, a lift door closing again and again on a child, an electric bike
venting at the charging point, a tree uprooted and creaking against a wall, taps giving only
air beside someone bedridden, a child face down in the pool; look-alikes raise no alarm."""

from __future__ import annotations

import pytest

from bot.classify import Classifier
from tests.classify.judged import assert_no_alarm, round_tests

URGENT = [
    ("3单元楼道那股味道冲得人想吐 好几户都说头晕 窗都开了还散不掉", "fire_safety"),
    ("个栋楼都冇水了 老人细伢子等着用水", "water"),
    ("今朝7号楼整幢楼黑脱了 屋里向老人要吸氧的", "power"),
    ("那个小孩在5栋外面的空调外机上哭", "other"),
    ("有个人在地库转悠 刚才拿东西划车", "security"),
    ("电梯掉了 3单元", "lift"),
    ("电梯门一直开开关关 夹到小孩了 哭得好厉害", "lift"),
    ("充电桩那边有辆电动车冒白烟 味道刺鼻", "fire_safety"),
    ("那棵大树根都翘起来了 斜着压在围墙上 吱嘎吱嘎响", "greenery"),
    ("8号楼拧开水龙头只有空气声 楼里还有卧床的老人", "water"),
    ("游泳池里有个小孩脸朝下漂着", "other"),
]
NOT_COMPLAINTS = [
    "小孩在窗台上画画",
]
FILED: list[tuple[str, str | None]] = []

test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)


@pytest.mark.parametrize(
    "text",
    [
        "垃圾站那味道臭得想吐",
        "这味道好几天了 闻着头晕 是不是该消毒了",
        "电梯按钮掉了",
        "电梯门夹到我手了 好疼",
        "老板今天又在会上发火了，整个办公室都冒烟了",  # anger that smokes (still filed: the model)
        "水龙头就是空气声 是不是停水了",
        "有人在楼下转悠 好像在找人",
        "那棵树根都翘起来了 歪在路边",
        "3栋电梯里的排风扇坏了，夏天在里面闷得喘不过气",  # stuffy, not trapped
    ],
)
def test_look_alikes_raise_no_alarm(classifier: Classifier, text: str) -> None:
    assert_no_alarm(classifier, text)
