"""What the clock does with a 研判 item nobody judged: it files it, except chatter the model was
sure of that only a community's learned phrase held for a worker; and which of her words are
the waiting ones said again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.core.triage import SURE_CHATTER, files_on_timeout, says_again


@pytest.mark.parametrize(
    ("margin", "held", "files"),
    [
        (-0.5, False, True),  # the band's own unsure message
        (-5.4, False, True),  # a wide band's low score: filed as the notice promised
        (-1.0, True, True),  # held by lessons though the model would file it
        (SURE_CHATTER - 0.1, True, False),  # sure chatter a learned phrase named: dropped
        (-12.0, True, False),
    ],
)
def test_what_the_timeout_does(margin: float, held: bool, files: bool) -> None:
    assert files_on_timeout(margin, held) is files


def test_her_words_said_again_while_they_wait() -> None:
    at = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    garden = [("我家菜地里头全是水", "water", at)]
    later = at + timedelta(minutes=20)
    assert says_again("我家菜地里头全是水", "water", garden, at + timedelta(seconds=5))  # tapped
    assert says_again("我家菜地里头全是水！", "water", garden, later)  # nobody answered
    assert says_again("菜地里头全是水 有人管吗", "water", garden, later)  # chased
    assert says_again("怎么还没人来", None, garden, later)  # a chase naming nothing else
    # a question about a matter of its own is an item of its own
    assert not says_again("门口那个快递柜有人管吗", "other", garden, later)
    assert not says_again("快递好慢", "other", garden, later)
    assert not says_again("我家菜地里头全是水", "water", [], later)  # nothing of hers waits
