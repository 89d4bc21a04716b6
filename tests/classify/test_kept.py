"""What the lessons taught the classifier, kept between starts (QA round 31): restored and
learned on from, it is what learning every lesson again gives — and only a classifier built
the same way uses it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.classify import CategoryExtension, Classifier, kept
from bot.core.lessons import Lesson, LessonSource

DATA = Path(__file__).resolve().parents[1] / "data"
SOURCES = (LessonSource.DONE, LessonSource.TRIAGE, LessonSource.CANCEL, LessonSource.CATEGORY)


def taught(count: int) -> list[Lesson]:
    """A year of a community's lessons in little: labelled messages as the workers decided
    them, a ticket's done after its 研判 now and then (the same words taught twice)."""
    lines = (DATA / "blind40-mixed.jsonl").read_text(encoding="utf-8").splitlines()
    lessons = []
    for n, line in enumerate(lines[:count]):
        row = json.loads(line)
        source = SOURCES[n % len(SOURCES)] if row["is_complaint"] else LessonSource.CANCEL
        ticket = n if source is LessonSource.DONE else None
        lessons.append(Lesson(row["text"], row["is_complaint"], row["category"], source, 9001,
                              ticket_id=ticket))  # fmt: skip
        if n % 17 == 0 and row["is_complaint"]:  # filed through 研判 first, then done
            lessons.append(Lesson(row["text"], True, row["category"], LessonSource.DONE, 9001))
    return lessons


@pytest.fixture(scope="module")
def lessons() -> list[Lesson]:
    return taught(240)


def fresh(classifier: Classifier) -> Classifier:
    classifier.forget()
    return classifier


def test_a_kept_state_learned_on_from_is_every_lesson_learned_again(lessons: list[Lesson]):
    """A start used to learn every lesson again (35,000 in a community's second year: half a
    minute before anyone was answered). Restoring the state kept at the last start and
    learning the lessons since must judge every message exactly as that did."""
    everything = Classifier.load()
    everything.learn_all(lessons)
    earlier = Classifier.load()
    earlier.learn_all(lessons[:150])
    raw = kept.dump(earlier)
    restarted = Classifier.load()
    kept.restore(restarted, raw)
    assert restarted.learned_state() == earlier.learned_state()  # the floats to the last bit
    restarted.learn_all(lessons[150:])
    assert restarted.learned_state() == everything.learned_state()
    lines = (DATA / "blind41-mixed.jsonl").read_text(encoding="utf-8").splitlines()
    probe = [json.loads(line)["text"] for line in lines[:150]]
    assert [restarted.classify(text) for text in probe] == [
        everything.classify(text) for text in probe
    ]
    assert restarted.learned is not None and everything.learned is not None
    assert restarted.learned.shown() == everything.learned.shown()


def test_only_a_classifier_built_the_same_way_uses_a_kept_state(
    lessons: list[Lesson], classifier: Classifier
):
    """The shipped model and data, and the deployment's own categories and words, make the
    fingerprint: a state learned by another build is learned again, never half used."""
    shipped = kept.fingerprint(classifier)
    assert shipped is not None and shipped == kept.fingerprint(Classifier.load())
    own_words = Classifier.load([CategoryExtension("parking", keywords=("僵尸车",))])
    assert kept.fingerprint(own_words) not in (None, shipped)
    assert kept.fingerprint(Classifier.load(model=False)) is None  # the rules alone: not kept


def test_bytes_that_are_no_state_are_refused_and_leave_nothing_half_learned(
    lessons: list[Lesson], classifier: Classifier
):
    learner = fresh(classifier)
    learner.learn_all(lessons[:40])
    good = kept.dump(learner)
    try:
        for bad in (b"", b"not a state", good[: len(good) // 2], good[:-1] + bytes([good[-1] ^ 1])):
            learner.learn_all(lessons[40:60])
            with pytest.raises(ValueError, match="not a learned state"):
                kept.restore(learner, bad)
            assert learner.learned is None and learner.adapted is None
        rules_alone = Classifier.load(model=False)
        with pytest.raises(ValueError):  # a model's adjustment for a classifier without one
            kept.restore(rules_alone, good)
    finally:
        classifier.forget()


def test_a_standby_on_another_machine_uses_the_state_its_active_kept(tmp_path: Path) -> None:
    """A standby runs on a second machine (docs/scaling.md): the same bot and jieba, installed
    there at another moment. pip writes jieba's dictionary file anew, so its modification time
    differs; the state the active process kept must still be the standby's, or each takeover
    learns 35,000 lessons again (and keeps them anew for the other machine to learn again)."""
    import importlib.util
    import os
    import shutil
    import subprocess
    import sys

    spec = importlib.util.find_spec("jieba")
    assert spec is not None and spec.origin is not None
    there = tmp_path / "jieba"  # the same jieba's files, written by another install
    there.mkdir()
    (there / "__init__.py").write_text("", encoding="utf-8")
    shutil.copyfile(Path(spec.origin).parent / "dict.txt", there / "dict.txt")
    os.utime(there / "dict.txt", ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    probe = (
        "import sys, types; from bot.classify import kept; "
        "print(kept.fingerprint(types.SimpleNamespace(made_by=())))"
    )
    root = str(Path(__file__).resolve().parents[2])

    def fingerprint(*path: str) -> str:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join((*path, root)))
        done = subprocess.run([sys.executable, "-c", probe], env=env, cwd=root,
                              capture_output=True, text=True, check=True)  # fmt: skip
        return done.stdout.strip()

    here, elsewhere = fingerprint(), fingerprint(str(tmp_path))
    assert len(here) == 64
    assert elsewhere == here
    (there / "dict.txt").write_text("天 1 n\n", encoding="utf-8")  # another dictionary: not it
    assert fingerprint(str(tmp_path)) != here
