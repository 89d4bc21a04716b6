"""Round 26 (blind48's misses), judged by the shipped classifier — my own sentences, none
taken from a data set, none among the training lines: a smouldering smell that grows and is
not found, a child fallen into water, a fire started by something burned, dogs going after a
child, someone fallen indoors who does not answer; and look-alikes: a game's burning building,
one's own blocked drain, what to do if the water stops."""

from __future__ import annotations

from tests.classify.judged import round_tests

URGENT = [
    ("三单元楼梯间一股烧焦的胶皮味 越闻越浓 也不知道哪冒出来的", "fire_safety"),
    ("湖边有个小娃娃栽到水里了 快来人啊", "other"),
    ("谁在车棚边上烧东西 旁边的电动车座垫都烧着了", "fire_safety"),
    ("两条大黑狗追着个小学生撵 孩子摔地上了 南门", "pets"),
    ("楼下张奶奶倒在厨房地上 隔着窗喊她没反应", "other"),
]
NOT_COMPLAINTS = [
    "游戏里那栋楼着火了 我的角色被困在电梯里 笑死",
    "我家下水道堵了 有没有人认识通下水的师傅",
    "停水的话家里要不要先存点水 第一次遇到",
]
FILED: list[tuple[str, str | None]] = [
    ("物业服务真是没得说 路灯坏了半个月没人修", "lighting"),
    ("楼道口天天有人烧纸 烟呛得人睁不开眼", None),
]


test_danger_is_urgent, test_no_complaint_here, test_filed_in_its_category = round_tests(
    URGENT, NOT_COMPLAINTS, FILED
)
