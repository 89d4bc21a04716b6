"""What the learned model sees of one message: words, character pairs and the lexicon's evidence.

The same function serves the shipped model at run time and its training (bot.devtools.train),
so a change here needs a retrained model: bump FEATURES_VERSION, then retrain.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.classify.lexicon import IMMEDIATE, PRAISE, SOLVED, Hit
from bot.classify.rules import Judgement

__all__ = ["FEATURES_VERSION", "WORD", "features"]

FEATURES_VERSION = 1
WORD = "w:"  # the prefix of a word feature
SCORE_FLOOR, SCORE_CEILING, SCORE_SCALE = -4.0, 6.0, 4.0
LENGTH_CAP, LENGTH_SCALE = 200, 100.0
# The rules' verdict again, per length: a short message has few words to add up, so the model
# needs to know how far to trust the rules on short and on long messages separately.
LENGTH_BANDS = ((8, "s"), (16, "m"), (32, "l"))
_FLAGS = ((SOLVED, "f:solved"), (PRAISE, "f:praise"), (IMMEDIATE, "f:immediate"))


def features(
    text: str, tokens: Sequence[str], hits: Sequence[Hit], plain: Judgement, assumed: Judgement
) -> dict[str, float]:
    """Sparse features of one normalised message.

    `plain` is the rules' judgement, `assumed` the same with the message taken as a complaint
    (its category and signs are always worked out). The rules' urgency is left out on purpose:
    the model learns danger from the words and the danger finder's evidence instead.
    """
    found: dict[str, float] = {}
    for token in tokens:
        word = token.strip()
        if word:
            found[WORD + word] = 1.0
    for i in range(len(text) - 1):
        found["b:" + text[i : i + 2]] = 1.0
    found["r:complaint"] = float(plain.is_complaint)
    found["r:score"] = max(SCORE_FLOOR, min(SCORE_CEILING, plain.score)) / SCORE_SCALE
    found["r:cat:" + str(assumed.category)] = 1.0
    band = "xl"
    for most, name in LENGTH_BANDS:
        if len(text) <= most:
            band = name
            break
    found["x:complaint:" + band] = float(plain.is_complaint)
    found["x:score:" + band] = found["r:score"]
    seen: set[str] = set()
    for term, _, _, info in hits:
        if term in seen:
            continue  # a word said twice counts once, as in the rules
        seen.add(term)
        for category, weight in (info.cats or {}).items():
            found["h:" + category] = found.get("h:" + category, 0.0) + weight
        if info.problem:
            found["h:problem"] = found.get("h:problem", 0.0) + info.problem
        if info.tone:
            found["h:tone"] = found.get("h:tone", 0.0) + info.tone
        flags = info.flags
        if flags:
            for flag, name in _FLAGS:
                if flags & flag:
                    found[name] = 1.0
    if assumed.danger is not None:
        found["d:found"] = 1.0
        found["d:cat:" + (assumed.danger or "None")] = 1.0
    for cue in assumed.cues:
        found["n:" + cue] = 1.0
    found["len"] = min(len(text), LENGTH_CAP) / LENGTH_SCALE
    return found
