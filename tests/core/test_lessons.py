"""What a worker's /cancel teaches: "not a complaint" only when its reason says so, and never
when the reason says the problem went away or is handled elsewhere."""

from __future__ import annotations

import pytest

from bot.core.lessons import Lesson, LessonSource, cancel_teaches, merge_lesson


@pytest.mark.parametrize(
    ("reason", "teaches"),
    [
        (None, True),  # a worker's bare /cancel: not a complaint
        ("", True),
        ("不是诉求", True),
        ("闲聊", True),
        ("误报", True),
        ("不算问题", True),
        ("广告", True),
        ("开玩笑的", True),
        ("已解决，不算问题了", False),  # it went away: it was a complaint
        ("自己好了 不算事", False),
        ("不是误报，是居民自己撤回", False),
        ("重复了", False),
        ("自己修好了", False),
        ("居民说不用了", False),
        ("并不是诉求", True),  # emphatic, not negated
        ("误报，已撤销", True),  # 撤销 is the cancel itself
        ("不是诉求，撤回", True),
        ("这条不算", True),
        ("不是闲聊", False),  # negated
        ("不是广告", False),
        # as workers say it (QA round 16): a notice, a question, none of ours
        ("物业通知", True),
        ("是物业发的公告", True),
        ("这是停电通知", True),
        ("非诉求", True),
        ("不属于诉求", True),
        ("不用登记", True),
        ("只是咨询", True),
        ("只是问问", True),
        ("外小区的事", True),
        ("不是我们小区的", True),
        ("与本小区无关", True),
        ("不是通知", False),
        ("已通知物业处理", False),  # the verb: handled elsewhere, a complaint after all
        ("已电话通知业主", False),
        ("通知物业了", False),
        ("已咨询物业", False),
        ("停水通知已发，恢复了", False),
        ("发错了", False),  # posted by mistake: its words may well be a complaint
        ("测试", False),
    ],
)
def test_what_a_cancel_teaches(reason: str | None, teaches: bool) -> None:
    assert cancel_teaches(reason) is teaches


def test_a_merge_teaches_the_kept_category_only_when_it_was_the_same_already():
    same = merge_lesson("8栋楼道的灯不亮 晚上黑", "lighting", "lighting")
    assert same == Lesson("8栋楼道的灯不亮 晚上黑", True, "lighting", LessonSource.MERGE)
    # one incident, two kinds of problem: a power cut stopped the lift
    assert merge_lesson("电梯又停了 困在楼下上不去", "power", "lift") is None
