"""Round 20 (blind36's and blind37's misses), judged by the shipped classifier — my own
sentences, none taken from a data set, none among the training lines: danger words as figures
of speech (heat or anger that burns, work that traps) raise no alarm; a slope that keeps
sliding and cladding still hanging after a fall are urgent; a video of elsewhere, a friend's
compound compared with ours and a memory are no complaint."""

from __future__ import annotations

import pytest

from bot.classify import Classifier

URGENT = [
    ("12栋旁边那个山坡垮下来了 泥水冲进一楼人家 还在塌", "facilities"),
    ("外墙砖掉下来好几块 砸到车顶了 上面还有一排翘着 9号楼北面", "facilities"),
    ("热得要命 3栋地下室着火了 全是烟", "fire_safety"),
    ("我和孩子被困在电梯里了 作业本都掉了 快救我们", "lift"),
]
FIGURES = [
    "热得我脑袋都要冒烟了 空调都不管用",
    "被报表困住了 救命 今天又走不了",
    "困在作业堆里出不来了 谁家孩子周末一起玩",
    "急得我心里冒火 这孩子怎么就是不听话",
]
NOT_COMPLAINTS = [
    "微博上那个小区着火的视频你们看了没 是外地的",
    "我闺蜜住的那个小区天天停水 咱们这边强多了",
    "老底子阿拉住石库门 一落雨就漏 现在想想蛮好白相",
]


@pytest.mark.parametrize(("text", "category"), URGENT)
def test_danger_is_urgent(classifier: Classifier, text: str, category: str) -> None:
    verdict = classifier.classify(text)
    assert verdict.is_complaint and verdict.urgent and verdict.category == category, verdict


@pytest.mark.parametrize("text", FIGURES)
def test_a_figure_of_speech_raises_no_alarm(classifier: Classifier, text: str) -> None:
    verdict = classifier.classify(text)
    assert not verdict.urgent and verdict.outcome() != "complaint", (text, verdict)


@pytest.mark.parametrize("text", NOT_COMPLAINTS)
def test_elsewhere_and_memories_are_not_filed(classifier: Classifier, text: str) -> None:
    verdict = classifier.classify(text)
    assert not verdict.urgent and verdict.outcome() != "complaint", (text, verdict)
