"""What a worker's /cancel teaches: "not a complaint" only when its reason says so, and never
when the reason says the problem went away or is handled elsewhere."""

from __future__ import annotations

import pytest

from bot.core.lessons import cancel_teaches


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
    ],
)
def test_what_a_cancel_teaches(reason: str | None, teaches: bool) -> None:
    assert cancel_teaches(reason) is teaches
