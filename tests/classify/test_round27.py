"""Round 27 (blind49's misses), judged by the shipped classifier — my own sentences, none
taken from a data set, none among the training lines: a tree the typhoon leans over people, a
car stalled in a garage's flood with someone in it, a gas smell typed as it sounds (梅气),
someone in a lift told in northern dialect (俺…搁里头), an open manhole; and look-alikes: rain
that keeps one indoors."""

from __future__ import annotations

from tests.classify.judged import round_tests

URGENT = [
    ("刮台风 6栋门口那棵大树被吹得歪歪斜斜 根都露出来了 底下好多人走", "greenery"),
    ("地库出口水淹到车窗了 有台车熄了火 里面还坐着人", "water"),
    ("俺娘搁电梯里头呢 电梯卡住不动了 3号楼", "lift"),
    ("电梯卡半截了 俺老伴搁里头呢 咋整", "lift"),
    ("一股梅气味儿 从楼下飘上来的 好呛", "fire_safety"),
    ("路口井盖没了 黑乎乎一个洞 下雨看不见", "facilities"),
]
NOT_COMPLAINTS = [
    "天天下雨 出不了门 闷得慌",
    "雨下了三天 阳台的衣服一件都没干",
]
FILED: list[tuple[str, str | None]] = [
    ("草丛积水养了好多蚊子 晚上根本没法下楼乘凉", "sanitation"),
    ("谢谢物业 电梯坏了一个礼拜 天天爬十八楼锻炼身体", "lift"),
]


test_danger_is_urgent, test_no_complaint_here, test_filed_in_its_category = round_tests(
    URGENT, NOT_COMPLAINTS, FILED
)
