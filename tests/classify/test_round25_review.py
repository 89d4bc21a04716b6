"""Round 25 reviewed: its new look-alikes (a film, a game, the old flat, a thing repaired)
must not silence a danger or a complaint about this place that merely mentions one."""

from __future__ import annotations

import pytest

from bot.classify import Classifier
from tests.classify.judged import assert_heard, assert_urgent

# Watching a film is what one did before, not the film's story: the danger is here, now.
FILM_THEN_DANGER = [
    ("看完电影回来发现楼道里全是烟，着火了", "fire_safety"),
    ("看完恐怖片回家发现电梯困人了，里面有人在喊", "lift"),
]


@pytest.mark.parametrize(("text", "category"), FILM_THEN_DANGER)
def test_a_danger_found_after_a_film_stays_urgent(
    classifier: Classifier, text: str, category: str
) -> None:
    assert_urgent(classifier, text, category)


# About this place, though they mention the old flat, the years lived here, a game, a repair.
SILENCED_BEFORE = [
    ("去年住进来的时候就漏水，到现在还没修好", None),
    ("我以前住的时候电梯就老坏，现在还是这样", "lift"),
    ("之前住在5楼的时候楼道灯就不亮，现在搬到3楼还是不亮", "lighting"),
    ("这边住了五年了，没见过物业这么不负责的", None),
    ("隔壁开黑到凌晨三点，拍桌子骂人", None),
    ("楼下孩子玩游戏大喊大叫到半夜", None),
    ("路灯修好了亮堂了，没两天又不亮了", "lighting"),
    ("修好了能用了，结果又漏水了", None),
    ("电梯修好了能坐了，就是门还是关不上", "lift"),
]


@pytest.mark.parametrize(("text", "category"), SILENCED_BEFORE)
def test_a_complaint_here_mentioning_a_look_alike_is_heard(
    classifier: Classifier, text: str, category: str | None
) -> None:
    assert_heard(classifier, text)
    if category is not None:
        assert classifier.classify(text).category == category
