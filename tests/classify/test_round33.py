"""Round 33 (QA round 34's typhoon night), judged by the shipped classifier — my own
sentences, none taken from a data set: water into the garage told in Cantonese (入水, 浸咗) and
in the north-east's words (灌水), someone on oxygen when the power goes asking what to do; and
灌水 as the forum's word for idle posting."""

from __future__ import annotations

import pytest

from bot.classify import Classifier
from tests.classify.judged import round_tests

URGENT = [
    ("地下车库入水了 快去挪车", "water"),
    ("车库灌水了 老鼻子车泡里头了", "water"),
    ("家里老人用呼吸机 停电了咋办", "power"),
]
NOT_COMPLAINTS = [
    "这个帖子纯属灌水 大家别当真",
    "他们天天在群里灌水",
]
FILED: list[tuple[str, str | None]] = []

test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)


@pytest.mark.parametrize("text", ["车库入水啊 好多车浸咗", "B区车库入水咗 啲车浸咗一半"])
def test_a_garage_taking_water_in_cantonese_is_a_danger_now(
    classifier: Classifier, text: str
) -> None:
    verdict = classifier.classify(text)
    assert verdict.is_complaint and verdict.urgent, (text, verdict)


@pytest.mark.parametrize("text", ["要是停电了 我妈的制氧机咋办", "如果停电了呼吸机怎么办"])
def test_power_asked_about_as_a_what_if_is_no_alarm(classifier: Classifier, text: str) -> None:
    assert not classifier.classify(text).urgent, text


@pytest.mark.parametrize(
    "text", ["楼上又灌水了", "楼上别灌水了啊", "楼上灌水喽", "楼下灌水啦", "楼上在灌水啊"]
)
def test_the_post_above_idle_posting_is_no_flood(classifier: Classifier, text: str) -> None:
    """楼上 / 楼下 in a chat are the messages above and below: "楼上又灌水了" teases a neighbour
    for idle posting, no water in any building (no alarm to every worker at night)."""
    assert not classifier.classify(text).urgent, text


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        ("老头子喝醉了 倒在床上就睡", False),  # flopping onto a bed is no fall
        ("我爸喝醉了 倒在地上叫不醒", True),
        ("奶奶在床上起不来了 叫她也不太应", True),  # a stroke looks so: not kept from a bed
        ("我妈早上躺在床上起不来了 半边身子动不了", True),
    ],
)
def test_down_on_a_bed_is_asleep_unless_she_cannot_get_up(
    classifier: Classifier, text: str, urgent: bool
) -> None:
    assert classifier.classify(text).urgent is urgent, text


@pytest.mark.parametrize(
    ("text", "guess"),
    [
        ("停水了 什么时候来水", "water"),
        ("过年停水了 什么时候来水", "water"),
        ("过年停电了 啥时候来电啊", "power"),
        ("又断水了 好久才有水哦", "water"),
    ],
)
def test_a_cut_reported_and_asked_about_goes_to_a_worker(
    classifier: Classifier, text: str, guess: str
) -> None:
    """The model reads these as the talk around a planned cut and often rightly; the first to
    say it may be the only one: a worker judges it (研判), and the wait files it."""
    verdict = classifier.classify(text)
    assert verdict.outcome() in ("unsure", "complaint"), (text, verdict)
    assert verdict.is_complaint or verdict.guess == guess, (text, verdict)


@pytest.mark.parametrize(
    "text",
    [
        "明天停水 什么时候来水",
        "手机没电了 什么时候能充上",
        "要是停电了 什么时候来电啊",
        "来水了 谢谢",
    ],
)
def test_a_cut_to_come_or_a_phone_is_no_cut_now(classifier: Classifier, text: str) -> None:
    assert classifier.classify(text).outcome() == "not_complaint", text
