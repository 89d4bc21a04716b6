"""What the clock does with a 研判 item nobody judged: it files it, except chatter the model was
sure of that only a community's learned phrase held for a worker."""

from __future__ import annotations

import pytest

from bot.core.triage import SURE_CHATTER, files_on_timeout


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
