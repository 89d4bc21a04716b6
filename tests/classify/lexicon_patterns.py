"""Every gated regex the classifier searches, for the tests that check them all."""

from __future__ import annotations

from bot.classify import Classifier
from bot.classify.regex import Gated


def every_gated(classifier: Classifier) -> list[Gated]:
    """The lexicon's, the danger rules' (patterns and contexts), the scenes' and the place
    finder's gated regexes."""
    lexicon, places = classifier._lexicon, classifier._places
    found: list[Gated | None] = [gated for gated, *_ in lexicon.combos]
    found += [gated for _, gated, _ in lexicon.not_complaint]
    found += [lexicon.sarcasm, lexicon.habitual, lexicon.danger.elsewhere, lexicon.danger.after]
    found += [rule.pattern for rule in lexicon.urgent] + [rule.context for rule in lexicon.urgent]
    found += [gated for gated, _, _ in lexicon.scenes.patients]
    found += [gated for gated, _ in lexicon.scenes.drops] + list(lexicon.scenes.keeps)
    found += [places._structured, places._generic]
    return [gated for gated in found if gated is not None]
