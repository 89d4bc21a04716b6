"""Each household's verdict counts: what one more verdict does to a done ticket."""

from __future__ import annotations

import itertools
import re
import re._constants as _c  # type: ignore[import-not-found]
import re._parser as _p  # type: ignore[import-not-found]

import pytest

from bot.core.followups import adds_detail
from bot.core.rates import ResponseLimits, three_rates
from bot.core.tickets import Rating, Status, standing_verdicts
from bot.core.verdicts import (
    _ACKNOWLEDGED,
    VerdictEffect,
    Verdicts,
    only_acknowledges,
    plain_verdict,
    verdict_effect,
    verdict_in_words,
)
from tests import factories

S, B, D = Rating.SATISFIED, Rating.BASICALLY_SATISFIED, Rating.DISSATISFIED


def verdicts(given: dict[int, Rating], households: int = 3) -> Verdicts:
    return Verdicts(given, frozenset(range(1, households + 1)))


@pytest.mark.parametrize(
    ("status", "before", "who", "rating", "effect"),
    [
        (Status.DONE, {}, 1, S, VerdictEffect.RECORDED),  # two households still to answer
        (Status.DONE, {1: S, 2: B}, 3, S, VerdictEffect.CLOSED),  # the last one pleased
        (Status.DONE, {1: S, 2: S}, 3, D, VerdictEffect.REOPENED),  # one unhappy is enough
        (Status.DONE, {1: S}, 1, S, VerdictEffect.UNCHANGED),
        (Status.DONE, {1: S}, 1, D, VerdictEffect.REOPENED),  # a mind changed the other way
        (Status.ASSIGNED, {1: D}, 2, D, VerdictEffect.RECORDED),  # also unhappy: heard
        (Status.ASSIGNED, {1: D}, 2, S, VerdictEffect.RECORDED),  # 1 is still unhappy
        (Status.ASSIGNED, {1: D}, 1, S, VerdictEffect.CHANGED),  # nobody unhappy: done again
        (Status.ASSIGNED, {1: D, 2: S, 3: S}, 1, B, VerdictEffect.CLOSED),
    ],
)
def test_what_one_more_verdict_does(status, before, who, rating, effect):
    start = verdicts(before)
    assert verdict_effect(status, start, start.with_verdict(who, rating)) is effect


def test_the_summary_is_the_least_pleased_verdict_and_the_waiting_are_named():
    given = verdicts({1: S, 2: B})
    assert given.summary is B and given.waiting == frozenset({3})
    assert (given.rated, given.pleased, given.unhappy) == (2, 2, False)
    assert verdicts({1: S, 2: D}).summary is D and verdicts({}).summary is None


def test_satisfaction_counts_households():
    many = factories.ticket(
        1, status=Status.CLOSED, rating="dissatisfied", households_rated=3, households_pleased=2
    )
    old = factories.ticket(2, status=Status.CLOSED, rating="satisfied")  # rated before counting
    rates = three_rates([many, old], many.created_at, ResponseLimits())
    assert (rates.satisfaction.numerator, rates.satisfaction.denominator) == (3, 4)


@pytest.mark.parametrize(
    ("words", "rating"),
    [
        ("没修好", D),
        ("还是不行 谢谢", D),  # thanks said, but not fixed
        ("不满意", D),
        ("电梯还是坏的", D),
        ("根本没人来修！", D),
        ("又坏了", D),
        ("仲未好呀", D),
        ("基本满意吧", B),
        ("还行", B),
        ("修好了 谢谢", S),
        ("满意", S),
        ("辛苦了👍", S),
        ("我晚上回去看看", None),
        ("谢谢师傅", None),  # bare thanks: no verdict, a pointer to the buttons
        ("修好了吗？我还没回去", None),  # a question
        ("好了好了 知道了", None),
        ("还没来得及看 谢谢", None),
        ("还没用过，明天试试", None),
        ("电梯又不能用了", D),
        ("不是很满意", D),
        ("修了也没用", D),
        ("差评", D),
        ("好评", S),
        ("挺好的 谢谢", S),
        ("还不错", S),
        ("一般吧", B),
        ("不是很好", None),  # hedged: the buttons, not 满意
        ("不太好意思 修好了", S),
        ("我一般晚上在家", None),
        ("", None),
        ("好" * 300, None),  # a long message is a report of its own
    ],
)
def test_a_verdict_in_words(words: str, rating):
    assert verdict_in_words(words) is rating


@pytest.mark.parametrize(
    "words",
    [
        "好的 谢谢",
        "收到",
        "谢谢师傅！",
        "👍👍",
        "嗯嗯 好的",
        "OK",
        "辛苦了~",
        "Thanks!",
        "thank you",
    ],
)
def test_words_that_only_acknowledge_give_no_reason(words: str) -> None:
    assert only_acknowledges(words)


@pytest.mark.parametrize(
    "words", ["", "   ", "师傅没来过", "好的 但是门还是关不上", "谢谢 晚上再看看"]
)
def test_words_that_say_something_are_kept(words: str) -> None:
    assert not only_acknowledges(words)


@pytest.mark.parametrize(
    "words",
    [
        "满意",
        "不满意 还是臭",
        "还行吧",
        "基本满意 谢谢",
        "非常满意👍",
        "挺满意的",
        "好评！",
        "差评",
    ],
)
def test_a_plain_verdict_said_as_a_message_of_its_own(words: str) -> None:
    assert plain_verdict(words)


@pytest.mark.parametrize(
    "words",
    [
        "可以了 明天见",
        "我不行了 累死了",
        "好了好了",
        "大家对物业满意吗 我们投个票吧",
        "新来的保安挺满意的",
        "今天菜价还行",
    ],
)
def test_everyday_words_are_no_plain_verdict(words: str) -> None:
    assert not plain_verdict(words)


def test_a_pleased_verdict_taken_back_by_a_reopen_is_not_counted_as_pleased():
    """QA round 17: 张阿姨 said 满意, then /reopen 1 又坏了: the lift is broken again and being
    redone, yet 满意率 read 100 %（1/1）and the ledger 满意度 满意, 满意户数 1/1 beside 办理中.
    Her verdict no longer stands (the next /done asks again); a 不满意 that reopened a ticket
    does, and so do the verdicts on a solved one."""
    base = dict(rating="satisfied", households_rated=1, households_pleased=1, reopened=1)
    redone = factories.ticket(1, status=Status.ASSIGNED, **base)
    unhappy = factories.ticket(
        2, status=Status.ASSIGNED, rating="dissatisfied", households_rated=2, households_pleased=1
    )
    closed = factories.ticket(3, status=Status.CLOSED, **base)
    assert standing_verdicts(redone) == (None, 0, 0)
    assert standing_verdicts(unhappy) == ("dissatisfied", 2, 1)
    assert standing_verdicts(closed) == ("satisfied", 1, 1)
    rates = three_rates([redone, unhappy, closed], redone.created_at, ResponseLimits())
    assert (rates.satisfaction.numerator, rates.satisfaction.denominator) == (2, 3)
    assert three_rates([redone], redone.created_at, ResponseLimits()).satisfaction.value is None


def test_a_ticket_made_urgent_later_owes_the_urgent_limit_from_then():
    """响应率: a lift taken five hours after it was reported broken, an hour after a neighbour was
    trapped in it, was taken in time; one taken three hours after the trapping was not."""
    from datetime import timedelta

    from tests.factories import T0, ticket

    trapped = T0 + timedelta(hours=4)
    in_time = ticket(1, urgent=True, urgent_at=trapped, assigned_at=T0 + timedelta(hours=5))
    late = ticket(2, urgent=True, urgent_at=trapped, assigned_at=T0 + timedelta(hours=7))
    untaken = ticket(3, urgent=True, urgent_at=trapped)
    limits = ResponseLimits()
    assert limits.respond_by(in_time) == trapped + timedelta(hours=2)
    assert limits.respond_by(ticket(4)) == T0 + timedelta(hours=24)
    assert limits.respond_by(ticket(5, urgent=True)) == T0 + timedelta(hours=2)  # from filing
    # trapped at hour 23: the normal limit ends first
    assert limits.respond_by(ticket(6, urgent=True, urgent_at=T0 + timedelta(hours=23))) == (
        T0 + timedelta(hours=24)
    )
    at_hour_5 = three_rates([in_time, late, untaken], T0 + timedelta(hours=5), limits)
    assert (at_hour_5.response.numerator, at_hour_5.response.denominator) == (1, 1)
    at_hour_8 = three_rates([in_time, late, untaken], T0 + timedelta(hours=8), limits)
    assert (at_hour_8.response.numerator, at_hour_8.response.denominator) == (1, 3)


_BEFORE = (  # the acknowledgement's words as first written, for short texts only: `嗯+` in `(…)+`
    r"(好的?|好嘞|嗯+|哦+|噢+|收到了?|谢谢(你们?|您|师傅们?|大家)?|多谢|感谢(你们?|您|大家)?|"
    r"(你们?|您|师傅们?)?辛苦(了|啦|你们?了|您了)?|ok|okay|"
    r"知道了|明白了?|行|👌|👍|🙏|🌹|❤️?)+"
)
_PIECES = re.findall(
    r"\S+",
    """好 好的 好嘞 嗯 嗯嗯 哦 噢 收到 收到了 谢谢 谢谢你 谢谢你们 谢谢您
    谢谢师傅们 谢谢大家 多谢 感谢 感谢您 感谢大家 辛苦 辛苦了 你辛苦了
    师傅们辛苦啦 辛苦你们了 辛苦您了 ok okay 知道了 明白 明白了 行
    👌 👍 🙏 🌹 ❤ ❤️ 了 的 你们 您 师傅 大家 不 x 修""",
)


def test_acknowledgements_are_read_as_before() -> None:
    before = re.compile(_BEFORE)
    for words in itertools.product(_PIECES, repeat=3):
        text = "".join(words)
        assert only_acknowledges(text) == (before.fullmatch(text) is not None), text


def test_no_acknowledgement_is_searched_in_exponential_time() -> None:
    """A run of 嗯 and an "x": 26 took 18 s (the pattern tried every way of cutting the run
    into `嗯+`s), and a reply "对了嗯嗯…x" under a ticket held the event loop, every group
    with it, until the watchdog stopped the process — and the update, replayed, did it again."""

    def nested(items: object, inside: bool) -> bool:
        for op, av in items:  # type: ignore[attr-defined]
            if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
                unbounded = av[1] == _c.MAXREPEAT
                if (unbounded and inside) or nested(av[2], inside or unbounded):
                    return True
            elif op == _c.SUBPATTERN:
                if nested(av[-1], inside):
                    return True
            elif op == _c.BRANCH and any(nested(branch, inside) for branch in av[1]):
                return True
        return False

    assert nested(_p.parse(_BEFORE), False)
    assert not nested(_p.parse(_ACKNOWLEDGED.pattern), False)
    assert not only_acknowledges("嗯" * 4000 + "x")
    assert adds_detail("对了" + "谢谢你们辛苦了" * 500 + "x")
    assert only_acknowledges("嗯" * 4000)
