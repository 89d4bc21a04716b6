"""No regex the classifier searches does work that grows with the square of a message.

`re.search` tries a pattern at every position of the text. An alternative whose match starts
with an unbounded run (`\\d+楼`, `(\\d|[一二三])+岁`) and needs something after it walks the
whole rest of a long run from each position inside it, and gives up: 2,000 digits took half
a second in one search, on the event loop (and `re` holds the GIL, so a thread would not
help). A negative look-behind for the run's own characters (`(?<!\\d)\\d+楼`) lets the search
start only where the run does, and finds the same matches.
"""

from __future__ import annotations

import re
import re._constants as _c  # type: ignore[import-not-found]
import re._parser as _p  # type: ignore[import-not-found]
from typing import Any

from bot.classify import Classifier, regex, urgency
from bot.classify.regex import split_top
from tests.classify.lexicon_patterns import every_gated


def _unbounded_start(items: Any, more: bool) -> bool:
    """Whether a match of this sequence can begin with an unbounded repeat that something
    after it must follow (a lone run — a split on punctuation — always matches at once)."""
    for i, (op, av) in enumerate(items):
        after = more or i < len(items) - 1
        if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            return False  # a look-behind or an anchor decides where a match may start
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            low, high, sub = av
            if high == _c.MAXREPEAT:
                return after
            if _unbounded_start(sub, after):
                return True
            if low > 0:
                return False
            continue  # optional: the match may begin with what follows
        if op == _c.SUBPATTERN:
            return _unbounded_start(av[-1], after)
        if op == _c.BRANCH:
            return any(_unbounded_start(branch, after) for branch in av[1])
        return False
    return False


def _quadratic(pattern: str) -> list[str]:
    return [alt for alt in split_top(pattern) if _unbounded_start(_p.parse(alt), False)]


def test_the_checker_finds_a_run_searched_from_inside() -> None:
    assert _quadratic(r"\d+楼") == [r"\d+楼"]
    assert _quadratic(r"(有)?(一|\d+)(天|月)") == [r"(有)?(一|\d+)(天|月)"]
    assert _quadratic(r"([一二]|\d)+岁|好") == [r"([一二]|\d)+岁"]
    assert _quadratic(r"(?<!\d)\d+楼|[,，\s]+|楼[一二]+层|\d{1,3}号") == []


def test_no_lexicon_pattern_searches_a_run_from_inside(classifier: Classifier) -> None:
    sources = [gated.pattern for gated in every_gated(classifier)]
    sources += [word_class.source for word_class in classifier._lexicon.danger._classes.values()]
    for module in (urgency, regex):
        sources += [v.pattern for v in vars(module).values() if isinstance(v, re.Pattern)]
    assert len(sources) > 200
    assert [alt for source in sources for alt in _quadratic(source)] == []


def test_a_long_run_of_digits_is_still_read() -> None:
    classifier = Classifier.load()
    run = "1" * 1990
    assert classifier.classify(run + "3栋电梯困人了").urgent
    assert classifier.classify(run).is_complaint is False
