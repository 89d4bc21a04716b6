"""The words that say a reporter's problem is over (bot.core.withdrawal)."""

from __future__ import annotations

import pytest

from bot.core.withdrawal import says_its_over


@pytest.mark.parametrize(
    ("words", "over"),
    [
        ("算了不用了 我儿子换好了", True),
        ("没事了 来水了", True),
        ("车已经挪走了", True),
        ("师傅修好了 谢谢", True),
        ("好了好了 别吵了", False),
        ("还没修好", False),
        ("修好了吗", False),
        ("已经报修了", False),
        ("电梯又坏了", False),
    ],
)
def test_words_that_say_it_is_over(words: str, over: bool) -> None:
    assert says_its_over(words) is over
