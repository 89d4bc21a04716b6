"""The words that say a reporter's problem is over (bot.core.withdrawal)."""

from __future__ import annotations

import pytest

from bot.core.withdrawal import (
    place_meant,
    place_not_meant,
    said_wrong_of,
    says_it_was_wrong,
    says_its_over,
    sent_by_mistake,
    takes_back_waiting,
)


@pytest.mark.parametrize(
    ("words", "over"),
    [
        ("算了不用了 我儿子换好了", True),
        ("没事了 来水了", True),
        ("车已经挪走了", True),
        ("师傅修好了 谢谢", True),
        ("好了好了 别吵了", False),
        ("还没修好", False),
        ("修好了吗", False),
        ("已经报修了", False),
        ("电梯又坏了", False),
    ],
)
def test_words_that_say_it_is_over(words: str, over: bool) -> None:
    assert says_its_over(words) is over


@pytest.mark.parametrize(
    ("words", "mistake"),
    [
        ("不好意思发错群了", True),
        ("刚才那个不算", True),
        ("上面的不算数", True),
        ("当我没说", True),
        ("大家忽略我刚才说的", True),
        ("发错了吗？", False),
        ("说错了 是5栋不是3栋", False),  # what she meant follows: the problem stays
        ("搞错了 是楼上不是我家", False),
        ("这不算什么大事", False),
    ],
)
def test_words_that_say_it_was_sent_by_mistake(words: str, mistake: bool) -> None:
    assert sent_by_mistake(words) is mistake


@pytest.mark.parametrize(
    ("words", "meant"),
    [
        ("说错了 是5栋不是3栋", "说错了 是5栋 "),
        ("不是3栋，是5栋2单元", " ,是5栋2单元"),  # (NFKC: the comma as typed on a computer)
        ("写错了 5号楼", "写错了 5号楼"),
        ("不是3栋吗？", None),  # a question
        ("电梯又坏了", None),
    ],
)
def test_words_that_correct_a_place(words: str, meant: str | None) -> None:
    assert place_meant(words) == meant


@pytest.mark.parametrize(
    ("words", "not_meant"),
    [
        ("说错了 是5栋不是3栋", "不是3栋"),
        ("不是三号楼，是5栋", "不是三号楼"),
        ("写错了 5号楼", None),  # no wrong place named
        ("电梯又坏了", None),
    ],
)
def test_the_place_she_did_not_mean(words: str, not_meant: str | None) -> None:
    assert place_not_meant(words) == not_meant


@pytest.mark.parametrize(
    ("words", "outright"),
    [
        ("说错了 是5栋", True),
        ("更正一下 5号楼", True),
        ("是5栋不是3栋", False),  # (a correction only if 3栋 is a place: the caller reads it)
        ("不是物业的问题 是3栋业主堆的", False),
    ],
)
def test_words_that_say_outright_it_was_said_wrong(words: str, outright: bool) -> None:
    assert says_it_was_wrong(words) is outright


@pytest.mark.parametrize(
    ("wrong", "place", "of_it"),
    [
        ("3栋", "3栋", True),
        ("三号楼", "3栋2单元", True),
        ("3栋", "13栋", False),
        ("3栋", "6栋", False),
        ("3栋", None, False),
    ],
)
def test_whether_the_wrong_place_is_the_tickets(wrong: str, place: str | None, of_it: bool) -> None:
    assert said_wrong_of(wrong, place) is of_it


@pytest.mark.parametrize(
    ("text", "takes_back"),
    [
        ("已经好了 不用来了", True),
        ("不好意思发错群了", True),
        ("算了不用了 来水了", True),
        ("算了 说了也没人管", False),  # she gave up; the problem is still there
        ("算了算了", False),
    ],
)
def test_what_takes_back_a_waiting_message(text: str, takes_back: bool) -> None:
    assert takes_back_waiting(text) is takes_back
