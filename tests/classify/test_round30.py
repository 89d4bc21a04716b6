"""Round 30 (blind52's misses), judged by the shipped classifier — my own sentences, none
taken from a data set, none among the training lines: a hiss and a smell however the pipe is
called, a panel blown loose and drifting over people, a child through the ice; and look-alikes:
a button that does nothing beside an old man who climbs, a tyre or a window that leaks air,
thanks for a tree set straight."""

from __future__ import annotations

import pytest

from bot.classify import Classifier
from tests.classify.judged import assert_no_alarm, round_tests

URGENT = [
    ("灶台后面那根管子丝丝响 屋里有股怪味 不敢开火", "fire_safety"),
    ("楼顶的铁皮让风刮起来了 在半空中飘来飘去 底下全是买菜的人", "facilities"),
    ("一个娃娃掉冰窟窿里了 在小区后头的河上 快来人", "other"),
    ("有个老人踩破冰掉到湖里了 快拿竹竿", "other"),
    # a notice's head on a danger now keeps its alarm (one looking back on a fire does not)
    ("@所有人 6栋着火了 大家快下楼", "fire_safety"),
]
NOT_COMPLAINTS = [
    # stream-ad's first run: a staff notice after a fire, a new restaurant
    "【物业通知】上周2号楼楼道起火后 本周清理各楼道杂物 电动车请到北门充电棚充电",
    "东门外新开了一家烧烤店 周末去尝尝",
    "自行车胎漏气了 谁知道哪里能打气",
    "谢谢物业昨天把北门那棵歪脖子树扶正了 效率很高",
]
FILED: list[tuple[str, str | None]] = [
    ("3号楼电梯按了没反应 我家老爷子八十了 爬6楼要命", "lift"),
]


test_danger_is_urgent, test_no_complaint_here, test_filed_in_its_category = round_tests(
    URGENT, NOT_COMPLAINTS, FILED
)


@pytest.mark.parametrize(
    "text", ["烤肉滋滋响 有股味道 香死了", "锅里的油滋滋响 一股味 邻居家又在炸东西"]
)
def test_a_pan_that_sizzles_is_no_gas_leak(classifier: Classifier, text: str) -> None:
    assert_no_alarm(classifier, text)
