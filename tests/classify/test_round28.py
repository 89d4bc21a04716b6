"""Round 28 (blind50's misses), judged by the shipped classifier — my own sentences, none
taken from a data set, none among the training lines: someone heard calling inside a lift, a
gate that will not open in a fire, pesticide sprayed without a word; and look-alikes: a lost
dog found, a takeaway's review, one's own laptop."""

from __future__ import annotations

from tests.classify.judged import round_tests

URGENT = [
    ("听见电梯里有人在喊 还一直拍门 快去看看", "lift"),
    ("单元着火了 门禁打不开 人都堵在门口", "fire_safety"),
]
NOT_COMPLAINTS = [
    "走失的那只狗已经找到了 谢谢大家",
    "这家外卖的炸鸡太油了 不会再点",
    "笔记本发烫 风扇狂转 是不是中毒了",
]
FILED: list[tuple[str, str | None]] = [
    ("喷农药也不说一声 草坪上一股药味 孩子刚在上面玩", "greenery"),
]


test_danger_is_urgent, test_no_complaint_here, test_filed_in_its_category = round_tests(
    URGENT, NOT_COMPLAINTS, FILED
)
