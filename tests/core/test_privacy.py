"""What another group is shown of a ticket merged in from it: the building, not the flat."""

from __future__ import annotations

import pytest

from bot.core.privacy import building_only


@pytest.mark.parametrize(
    ("place", "shown"),
    [
        ("3-2-501", "3-2"),
        ("3栋2单元501", "3栋2单元"),
        ("2单元301", "2单元"),
        ("3栋1202室", "3栋"),
        ("1202", None),
        ("5号楼", "5号楼"),
        ("12幢", "12幢"),
        ("东门", "东门"),
        (None, None),
    ],
)
def test_another_group_sees_the_building_not_the_flat(place, shown):
    assert building_only(place) == shown
