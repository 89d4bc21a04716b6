"""The rules' side of a verdict: where they overrule the model's urgent head, the words they
decided by, and their verdict alone (no model loaded)."""

from __future__ import annotations

import re

from bot.classify.rules import (
    ELSEWHERE,
    FICTION,
    OTHER_EXTRA,
    THRESHOLD,
    Judgement,
)
from bot.classify.staff_notice import staff_notice
from bot.classify.verdict import Verdict

__all__ = ["GUESS_FROM", "alarm_withdrawn", "by_rules", "named", "rules_keywords"]

GUESS_FROM = -2.0  # a message this far below the line gets no category guess (it is chatter)

# The reporter's own word that it can wait ("not urgent but pls check", "不紧急 有空来看看").
_SAYS_NOT_URGENT = re.compile(
    r"not\s*(so\s*|that\s*|very\s*)?urgent|no\s*rush|not\s*an\s*emergency|"
    r"不(太|是很|怎么|算)?紧急|不是(什么)?急事|不(用|必)?着急|(?<!急)不急(?![着于死])"
)


def alarm_withdrawn(plain: Judgement, assumed: Judgement, text: str) -> bool:
    """Where the rules overrule the model's urgent head, whatever its words say:
    - the message is about somewhere else (a video, a home village, a friend's compound) and
      names no place here, and they found no danger here;
    - a staff notice looks back on a danger (`staff_notice`);
    - only one's own phone or tablet (手机快没电了 谁家有充电宝: no complaint, no danger; a
      phone going flat in a stuck lift keeps its alarm), or one on the way (我已经在电梯里了 马上
      下来 等我一下);
    - a scare told as over (电梯没坏 刚才是停电检修 现在好了) they raise no alarm for;
    - the reporter says it is not urgent and the rules found no danger now."""
    cues = assumed.cues
    if not assumed.urgent and _SAYS_NOT_URGENT.search(text) is not None:
        return True
    if not assumed.urgent and not (ELSEWHERE | FICTION).isdisjoint(cues):
        return True
    # one's own phone; on one's way ("我在电梯里了 马上下来")
    own = not {"gadgets", "on_my_way"}.isdisjoint(cues)
    if own and assumed.danger is None and not plain.is_complaint:
        return True
    return ("reassurance" in cues and not assumed.urgent) or staff_notice(assumed.cues, text)


def named(assumed: Judgement) -> str | None:
    """The category the rules' own words name, if any (not "other")."""
    return assumed.category if assumed.keywords and assumed.category != "other" else None


def rules_keywords(
    plain: Judgement, assumed: Judgement, is_complaint: bool, category: str | None
) -> tuple[str, ...]:
    """The rules' deciding words, where they decided the same way as the model."""
    if not is_complaint:
        return plain.keywords
    return assumed.keywords if category == assumed.category else ()


def by_rules(
    plain: Judgement, assumed: Judgement, location: str | None, assume_complaint: bool
) -> Verdict:
    """The rules' verdict alone, with its margin in score points over their line."""
    result = assumed if assume_complaint else plain
    guess = result.category
    if result.is_complaint:
        line = THRESHOLD + (OTHER_EXTRA if result.category == "other" else 0.0)
    else:  # near the line: what it would be about, for a worker to judge
        line = THRESHOLD
        if result.score >= THRESHOLD + GUESS_FROM:
            guess = assumed.category
            line += OTHER_EXTRA if guess == "other" else 0.0
    return Verdict(
        is_complaint=result.is_complaint,
        category=result.category,
        urgent=result.urgent,
        location=location,
        keywords=result.keywords,
        margin=result.score - line,
        guess=guess,
        named=named(assumed),
    )
