"""What a group is told of its ticket merged into another group's."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.texts import Texts
from tests import factories

TEXTS = Texts(ZoneInfo("Asia/Shanghai"))


def test_merged_away_names_the_other_group_with_no_space_after_its_bracket():
    into, merged = factories.ticket(12), factories.ticket(15)
    named = TEXTS.merged_away(into, merged, "阳光花园3栋业主群")
    assert "#12【电梯】3栋（阳光花园3栋业主群）一并办理，" in named, named
    unnamed = TEXTS.merged_away(into, merged, None)  # a group whose name is not known
    assert "#12【电梯】3栋 一并办理，" in unnamed, unnamed
