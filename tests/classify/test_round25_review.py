"""Round 25 reviewed: its new look-alikes (a film, a game, the old flat, a thing repaired)
must not silence a danger or a complaint about this place that merely mentions one."""

from __future__ import annotations

import pytest

from bot.classify import Classifier
from tests.classify.judged import assert_urgent

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
