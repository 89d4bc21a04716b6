"""The learned layer and the three outcomes, without a bot."""

from __future__ import annotations

import pytest

from bot.classify import Verdict
from bot.classify.learning import NOT_A_COMPLAINT, Learned, phrases_of, worker_correction
from bot.core.lessons import Lesson, LessonSource

CHAT = LessonSource.CANCEL


def lesson(text: str, category: str | None, source: LessonSource = LessonSource.TRIAGE) -> Lesson:
    return Lesson(text, category is not None, category, source)


def complaint(category: str = "other", margin: float = 2.0, urgent: bool = False) -> Verdict:
    return Verdict(True, category, urgent, None, margin=margin, guess=category)


def test_phrases_are_runs_of_two_to_four_characters_without_digits():
    found = phrases_of("3栋 老爷梯!")
    assert {"老爷", "爷梯", "老爷梯"} <= found and not any("3" in p for p in found)


def test_a_phrase_counts_only_after_consistent_lessons():
    layer = Learned()
    layer.learn(lesson("石桥铺又堵车了", None))
    assert layer.items() == {}  # one lesson is not evidence
    layer.learn(lesson("石桥铺堵了半小时", None))
    item = layer.items()["石桥铺"]
    assert (item.label, item.support, item.against) == (NOT_A_COMPLAINT, 2, 0)
    shown = [i.phrase for i in layer.shown()]
    assert "石桥铺" in shown and "石桥" not in shown  # the longer phrase says as much
    layer.learn(lesson("石桥铺的路灯坏了", "lighting"))
    layer.learn(lesson("石桥铺那边又没灯", "lighting"))
    assert "石桥铺" not in layer.items()  # the workers disagree: nothing learned


def test_grammar_and_general_words_are_never_learned():
    layer = Learned(is_common=lambda phrase: phrase == "下午")
    for text in ("下午了一个会", "下午了一个人"):
        layer.learn(lesson(text, None))
    assert not {"了一个", "下午", "午了"} & set(layer.items())


def test_chatter_the_workers_dismissed_goes_to_a_worker_and_is_held_not_silenced_when_sure():
    layer = Learned()
    for n in range(2):
        layer.learn(lesson(f"石桥铺堵车{n}", None, CHAT))
    verdict = layer.apply("石桥铺又堵了 烦死", complaint(margin=3.0))
    assert verdict.is_complaint and verdict.outcome() == "unsure"  # best guess kept
    quiet = Verdict(False, None, False, None, margin=-3.0)
    assert layer.apply("石桥铺", quiet).outcome() == "not_complaint"  # never into the band
    for n in range(3):
        layer.learn(lesson(f"石桥铺又堵{n}", None, CHAT))
    sure = layer.apply("石桥铺又堵了 烦死", complaint(margin=3.0))
    assert not sure.is_complaint and sure.held and sure.outcome() == "unsure"
    assert sure.outcome((0.0, 0.0)) == "unsure" and sure.unheld().is_complaint


def test_a_category_moves_only_after_three_lessons_and_urgency_is_never_touched():
    layer = Learned()
    for n in range(2):
        layer.learn(lesson(f"蓝棚棚全是破车{n}", "parking"))
    assert layer.apply("蓝棚棚满了", complaint("sanitation")).category == "sanitation"
    layer.learn(lesson("蓝棚棚停不进去", "parking"))
    moved = layer.apply("蓝棚棚满了", complaint("sanitation"))
    assert moved.category == "parking" and moved.outcome() == "complaint"
    missed = layer.apply("蓝棚棚满了", Verdict(False, None, False, None, margin=-3.0))
    assert missed.outcome() == "unsure" and missed.guess == "parking"  # a worker decides
    for n in range(2):
        layer.learn(lesson(f"蓝棚棚又乱停{n}", "parking"))
    filed = layer.apply("蓝棚棚满了", Verdict(False, None, False, None, margin=-3.0))
    assert filed.is_complaint and filed.category == "parking"  # five lessons: filed
    urgent = complaint("fire_safety", urgent=True)
    assert layer.apply("蓝棚棚着火了", urgent) is urgent
    sure_chatter = layer.apply("蓝棚棚辛苦了 哈哈", Verdict(False, None, False, None, margin=-4.1))
    assert sure_chatter.outcome() == "unsure" and not sure_chatter.is_complaint  # to a worker
    nearly = layer.apply("蓝棚棚又满了 哈哈", Verdict(False, None, False, None, margin=-3.9))
    assert nearly.is_complaint and nearly.category == "parking"


@pytest.mark.parametrize(
    ("verdict", "outcome", "gold", "source"),
    [
        (complaint("water"), "unsure", (True, "water"), LessonSource.TRIAGE),
        (complaint("water"), "complaint", (False, None), LessonSource.CANCEL),
        (Verdict(False, None, False, None), "not_complaint", (True, "lift"), LessonSource.NEW),
        (complaint("water"), "complaint", (True, "lift"), LessonSource.CATEGORY),
        (complaint("water"), "complaint", (True, "water"), LessonSource.DONE),
        (Verdict(False, None, False, None), "not_complaint", (False, None), None),
    ],
)
def test_what_a_workers_answer_teaches(verdict, outcome, gold, source):
    taught = worker_correction("text", verdict, outcome, *gold)
    assert (taught.source if taught else None) is source


@pytest.mark.parametrize(
    ("verdict", "expected"),
    [
        (complaint(margin=2.0), "complaint"),
        (complaint(margin=0.5), "unsure"),
        (Verdict(False, None, False, None, margin=-0.5, guess="water"), "unsure"),
        (Verdict(False, None, False, None, margin=-0.5), "not_complaint"),  # no guess: chatter
        (Verdict(False, None, False, None, margin=-2.0, guess="water"), "not_complaint"),
        (complaint(margin=-5.0, urgent=True), "complaint"),  # danger is never unsure
    ],
)
def test_three_outcomes(verdict, expected):
    assert verdict.outcome((-1.0, 1.0)) == expected
    assert verdict.outcome((0.0, 0.0)) == ("complaint" if verdict.is_complaint else "not_complaint")


def test_one_message_taught_twice_counts_once_and_places_are_not_learned():
    layer = Learned()
    text = "二号院那个老爷梯又卡住了"
    layer.learn(lesson(text, "lift", LessonSource.TRIAGE))
    layer.learn(lesson(text, "lift", LessonSource.DONE))  # the same message, done later
    assert layer.items() == {}
    layer.learn(lesson("老爷梯今天又趴窝", "lift"))
    assert "老爷梯" in layer.items() and not any("号" in p for p in layer.items())
    layer.learn(lesson(text, None, LessonSource.CANCEL))  # changed its mind: the latest counts
    assert "老爷梯" not in layer.items()


def segmenter_of(words: set[str]):  # type: ignore[no-untyped-def]
    """A toy segmenter: the longest known word at each place, else one character."""

    def cut(text: str) -> list[str]:
        out, i = [], 0
        while i < len(text):
            size = next((n for n in (4, 3, 2) if text[i : i + n] in words), 1)
            out.append(text[i : i + size])
            i += size
        return out

    return cut


def test_whole_words_are_learned_nicknames_with_a_numeral_too():
    layer = Learned(cut=segmenter_of({"老七", "今天", "又停", "红姐", "舞队", "跳到"}))
    for text in ("老七今天又停", "老七今天又停了", "红姐舞队跳到十点", "红姐舞队跳到半夜"):
        layer.learn(lesson(text, "lift" if "老七" in text else "noise"))
    items = layer.items()
    assert items["老七"].label == "lift"  # one numeral: a lift's nickname, not a place
    assert items["红姐舞队"].label == "noise"
    assert "七今天" not in items and "姐舞队跳" not in items  # torn words are never learned


def test_other_is_never_learned_and_chatter_about_a_name_keeps_its_category():
    layer = Learned()
    for n, category in enumerate(("water", "power", "other", "other", "other")):
        layer.learn(lesson(f"红砖楼出事了{n}", category))
    assert "红砖楼" not in layer.items()  # a building's name is no category
    for n in range(4):
        layer.learn(lesson(f"大白又在大堂尿了{n}", "pets"))
    for n in range(2):
        layer.learn(lesson(f"大白好可爱{n}", None, CHAT))
    assert layer.items()["大白"].label == "pets"  # what the complaints naming it are about
    quiet = Verdict(False, None, False, None, margin=-3.0)
    assert layer.apply("大白今天剪毛了", quiet) == quiet  # chatted about: not filed on the name
    moved = layer.apply("大白又来了", complaint("sanitation"))
    assert moved.category == "pets"  # a complaint naming it is about the dog


def test_a_message_taught_again_is_an_example_of_its_latest_label_only():
    """A message filed as a lift and then cancelled as no complaint counts against the lift:
    it is no longer shown as one of the examples behind it (QA round 16)."""
    layer = Learned()
    layer.learn(lesson("老爷梯又停了", "lift"))
    layer.learn(lesson(" 老爷梯又停了", None, CHAT))  # the same words, as the ticket keeps them
    for text in ("老爷梯卡住了", "老爷梯门坏了", "老爷梯没反应", "老爷梯又趴窝"):
        layer.learn(lesson(text, "lift"))
    item = layer.items()["老爷梯"]
    assert (item.label, item.support, item.against) == ("lift", 4, 1)
    assert item.examples == ("老爷梯卡住了", "老爷梯门坏了", "老爷梯没反应")


def test_the_lessons_of_one_ticket_are_one_message_whatever_words_each_kept():
    """/new as a reply with the worker's own words, then /done with the ticket's summary:
    one message, not two lessons' worth of evidence (QA round 16)."""
    layer = Learned()
    new = Lesson("老爷梯没反应 3栋电梯", True, "lift", LessonSource.NEW, ticket_id=7)
    layer.learn(new)
    layer.learn(Lesson("老爷梯没反应", True, "lift", LessonSource.DONE, ticket_id=7))
    assert layer.items() == {}  # one message is not evidence
    layer.learn(Lesson("老爷梯没反应", False, None, CHAT, ticket_id=7))  # cancelled after all
    layer.learn(lesson("老爷梯又停了 烦", None, CHAT))
    item = layer.items()["老爷梯"]
    assert (item.label, item.support, item.against) == (NOT_A_COMPLAINT, 2, 0)
    assert item.examples == ("老爷梯没反应 3栋电梯", "老爷梯又停了 烦")
    joined = Learned()  # two reports /new filed into one ticket: two messages
    joined.learn(Lesson("老爷梯卡住了", True, "lift", LessonSource.NEW, ticket_id=8))
    joined.learn(Lesson("老爷梯又不动了", True, "lift", LessonSource.NEW, ticket_id=8))
    assert joined.items()["老爷梯"].support == 2
