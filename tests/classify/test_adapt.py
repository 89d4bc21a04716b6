"""The deployment's own correction to the model (`bot.classify.adapt`), alone and in the
classifier."""

from __future__ import annotations

import pytest

from bot.classify import Classifier
from bot.classify.adapt import BIAS, MAX_SHIFT, MIN_LESSONS, Adaptation
from bot.core.lessons import Lesson, LessonSource

CATEGORIES = ("lift", "parking", "water")
TRAFFIC = "石桥铺那段又堵死了 半小时没动 烦死了"


def teach(layer: Adaptation, found: dict[str, float], category: str | None, times: int) -> None:
    for n in range(times):
        layer.learn(found, 1.0, [0.0, 0.0, 0.0], category, f"例子{n}")


def test_nothing_changes_before_enough_lessons_then_only_within_bounds():
    layer = Adaptation(CATEGORIES)
    chatter = {"w:石桥铺": 1.0, "w:堵": 1.0}
    teach(layer, chatter, None, MIN_LESSONS - 1)
    assert not layer.active
    assert layer.evidence(chatter) == 0.0
    assert layer.category_scores(chatter, [1.0, 2.0, 3.0]) == [1.0, 2.0, 3.0]
    teach(layer, chatter, None, 200)
    assert layer.active
    assert -MAX_SHIFT <= layer.evidence(chatter) < -1.0  # the workers kept calling it chatter
    assert layer.evidence({"w:电梯": 1.0}) > layer.evidence(chatter)  # other words: less


def test_a_phone_number_is_never_learned_nor_shown_a_building_number_is():
    layer = Adaptation(CATEGORIES)
    found = {"w:13812345678": 1.0, "w:3": 1.0, "w:电梯": 1.0}
    teach(layer, found, "lift", MIN_LESSONS + 5)
    learned = {item.feature for item in layer.items(limit=100)}
    assert "w:13812345678" not in learned  # a resident's phone: nobody's way of speaking
    assert {"w:3", "w:电梯"} <= learned


def test_a_phone_number_typed_with_dashes_is_not_learned_piece_by_piece(
    classifier: Classifier,
):
    for n in range(MIN_LESSONS + 5):
        lesson = Lesson(f"{n}号楼电梯坏了 急 打我电话138-1234-5678", True, "lift", LessonSource.NEW)
        classifier.learn(lesson)
    assert classifier.adapted is not None
    shown = {item.feature for item in classifier.adapted.items(limit=200)}
    assert not [f for f in shown if "1234" in f or "5678" in f], shown
    classifier.forget()


def test_a_phone_number_is_not_learned_two_digits_at_a_time(classifier: Classifier):
    """Dismissed 研判 items "快递又好慢 13912345678": `learned` listed characters '13', '39',
    '01' … as this community's way of speaking (QA round 30)."""
    for n in range(MIN_LESSONS + 5):
        number = "139 1234 5678" if n % 2 else "15012345678"
        classifier.learn(Lesson(f"快递又好慢{n} {number}", False, None, LessonSource.TRIAGE))
    assert classifier.adapted is not None
    shown = {item.feature for item in classifier.adapted.items(limit=500)}
    assert not [f for f in shown if f.startswith("b:") and f[2:].isdigit()], shown
    assert "b:快递" in shown  # the words around it are learned as ever
    classifier.forget()


def test_category_lessons_move_the_category_and_say_what_backs_them():
    layer = Adaptation(CATEGORIES)
    nickname = {"w:老牛": 1.0}
    teach(layer, nickname, "lift", MIN_LESSONS + 10)
    scores = layer.category_scores(nickname, [0.0, 1.0, 1.0])
    assert scores.index(max(scores)) == 0  # 老牛 is the lift here
    items = layer.items()
    assert any(i.feature == "w:老牛" and i.label == "lift" and i.weight > 0 for i in items)
    assert all(len(i.examples) <= 3 for i in items) and items[0].examples
    assert any(i.feature == BIAS for i in layer.items(limit=100))
    assert layer.category_scores(nickname, [0.0, 0.0, 0.0]) != [0.0, 0.0, 0.0]


def test_the_category_adjustment_learns_a_community_s_words_not_the_rules_evidence():
    layer = Adaptation(CATEGORIES)
    found = {"w:老牛": 1.0, "h:lift": 3.0, "r:cat:water": 1.0}
    teach(layer, found, "lift", MIN_LESSONS + 10)
    moved = [i for i in layer.items(limit=100) if i.label != "complaint"]
    assert moved and all(i.feature.startswith("w:") for i in moved)
    # what the rules say elsewhere ("water") is not turned into the lift
    assert layer.category_scores({"r:cat:water": 1.0}, [0.0, 0.0, 1.0]) == [0.0, 0.0, 1.0]


def test_the_classifier_learns_from_lessons_but_never_touches_urgency(classifier: Classifier):
    before = classifier.classify(TRAFFIC)
    urgent = "3栋电梯困人了 有个老人在里面喘不上气"
    assert classifier.classify(urgent).urgent
    try:
        for n in range(MIN_LESSONS + 10):
            text = f"石桥铺堵车第{n}回 烦死"
            classifier.learn(Lesson(text, False, None, LessonSource.CANCEL))
        assert classifier.adapted is not None and classifier.adapted.active
        after = classifier.classify(TRAFFIC)
        assert after.margin < before.margin - 1.0
        assert classifier.classify(urgent).urgent  # danger is never learned away
    finally:
        classifier.forget()
    assert classifier.adapted is None
    assert classifier.classify(TRAFFIC).margin == pytest.approx(before.margin)


def test_the_rules_alone_learn_phrases_only():
    rules = Classifier.load(model=False)
    rules.learn(Lesson("石桥铺堵车", False, None, LessonSource.CANCEL))
    assert rules.adapted is None and rules.learned is not None


def test_what_the_model_would_file_the_lessons_only_hold_for_a_worker(classifier: Classifier):
    """Neither layer, nor both together (a few dismissals of a phrase, many of a word in it,
    many other lessons), silences a message the model files: it is held for 研判 whatever the
    band; filed where 研判 is off."""
    probe = "石桥铺堵车 门口车也乱停 天天迟到"  # a parking complaint, with "迟到" in it
    assert classifier.classify(probe).outcome() == "complaint"
    try:
        for n in range(3):
            classifier.learn(Lesson(f"石桥铺堵车{n}回", False, None, LessonSource.CANCEL))
        for n in range(MIN_LESSONS):
            done = f"{n + 1}栋门口的垃圾桶满了没人收"
            classifier.learn(Lesson(done, True, "sanitation", LessonSource.DONE))
        for n in range(MIN_LESSONS):
            chatter = f"今天地铁{n}号线又晚点了 迟到扣钱"
            classifier.learn(Lesson(chatter, False, None, LessonSource.TRIAGE))
        verdict = classifier.classify(probe)
        assert not verdict.is_complaint and verdict.held
        for band in ((-2.0, 1.0), (-0.5, 1.0), (0.0, 0.0)):
            assert verdict.outcome(band) == "unsure"
        filed = verdict.unheld()
        assert filed.is_complaint and filed.category and not filed.held
    finally:
        classifier.forget()


def test_a_lesson_that_cannot_be_analysed_is_skipped(classifier: Classifier, monkeypatch, caplog):
    def broken(text: str) -> None:
        raise RuntimeError("analysis failed")

    try:
        monkeypatch.setattr(classifier, "analyse", broken)
        classifier.learn(Lesson("3栋电梯坏了", True, "lift", LessonSource.DONE))  # no raise
        assert "could not learn" in caplog.text
    finally:
        monkeypatch.undo()
        classifier.forget()


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("+1 我家老人也下不了楼", None),  # how the problem hurts, no problem of its own
        ("+1 六栋前面的草坪上又停了两辆车", "parking"),
        ("+1 我家也没水", "water"),
    ],
)
def test_the_verdict_says_which_problem_the_words_name(classifier: Classifier, text, named):
    assert classifier.classify(text).named == named


def test_a_place_is_where_not_what_and_never_learned_as_a_category(classifier: Classifier):
    """北门's card reader keeps failing: rubbish at 北门 is still sanitation."""
    rubbish = "北门那一地瓜子皮烟头 谁扫"
    before = classifier.classify(rubbish)
    try:
        for n in range(MIN_LESSONS + 10):
            text = f"北门门禁又坏了 刷卡{n}回都没反应"
            classifier.learn(Lesson(text, True, "security", LessonSource.DONE))
        assert classifier.learned is not None
        assert not any("北门" in phrase for phrase in classifier.learned.items())
        assert classifier.adapted is not None
        places = [i for i in classifier.adapted.items(limit=1000) if "北门" in i.feature]
        assert all(i.label == "complaint" for i in places)  # where it happens, not what
        assert classifier.classify(rubbish).category == before.category == "sanitation"
    finally:
        classifier.forget()


def test_learned_names_each_weight_so_that_a_person_can_read_it():
    """`learned` printed "the rules' score on a message of length s" and category ids
    (property_service) beside labels it names in Chinese (QA round 16)."""
    from bot.classify.adapt import describe_feature

    names = {"lift": "电梯", "property_service": "物业服务"}
    assert describe_feature("x:score:s", names) == "the rules' score on a message of 1–8 characters"
    assert describe_feature("x:complaint:m") == "the rules' verdict on a message of 9–16 characters"
    assert describe_feature("x:score:xl").endswith("a message of over 32 characters")
    assert describe_feature("r:cat:property_service", names) == "the rules' category 物业服务"
    assert describe_feature("h:lift", names) == "the lexicon's words for 电梯"
    assert describe_feature("d:cat:None", names) == "danger the rules found, of no one category"
    assert describe_feature("w:老七", names) == "word '老七'"
    assert describe_feature("r:cat:gas") == "the rules' category gas"  # a name unknown: its id


def test_a_message_taught_again_with_the_same_label_moves_the_adjustment_once(
    classifier: Classifier,
):
    """Filed from 研判, then done: two lessons about one message. The running bot learns what
    `evaluate --learn` measures (one lesson per message); a changed label is a new lesson."""
    text = "老七又趴窝了 5栋的"
    classifier.learn(Lesson(text, True, "lift", LessonSource.TRIAGE))
    assert classifier.adapted is not None
    once = (classifier.adapted.lessons, classifier.adapted.items(limit=500))
    classifier.learn(Lesson(text, True, "lift", LessonSource.DONE))
    assert (classifier.adapted.lessons, classifier.adapted.items(limit=500)) == once
    classifier.learn(Lesson(text, False, None, LessonSource.CANCEL))  # taken back: new
    assert classifier.adapted.lessons == once[0] + 1
    classifier.forget()


def test_a_message_withdrawn_then_restored_is_not_left_leaning_to_chatter(
    classifier: Classifier,
):
    """QA round 38: a worker's /cancel (no complaint) then his /reopen restoring it (a lift
    complaint after all) left the layer leaning to "no complaint" — the restoring's own step is
    tiny where the model already says complaint. Now the first answer's step is taken back
    first (no further than undoing it), so the restored messages and their like end up no
    less a complaint than the model alone says (AdaGrad's steps do not undo exactly: within a
    tenth of a log-odds)."""
    texts = [f"{n}栋电梯又坏了 门关不上" for n in range(1, 31)]
    probes = [*texts[:3], "9栋电梯坏了", "3单元电梯门关不上", "电梯又不动了"]
    before = [classifier.classify(t).margin for t in probes]
    for n, text in enumerate(texts, start=1):
        classifier.learn(Lesson(text, False, None, LessonSource.CANCEL, ticket_id=n))
    leaning = [classifier.classify(t).margin for t in probes]
    for n, text in enumerate(texts, start=1):
        classifier.learn(Lesson(text, True, "lift", LessonSource.RESTORE, ticket_id=n))
    after = [classifier.classify(t).margin for t in probes]
    classifier.forget()
    assert all(m < b for m, b in zip(leaning, before, strict=True)), (before, leaning)
    assert all(a >= b - 0.1 for a, b in zip(after, before, strict=True)), (before, after)
    assert all(a <= b + MAX_SHIFT for a, b in zip(after, before, strict=True)), (before, after)
