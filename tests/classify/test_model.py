"""The shipped model: its file, how it weighs the rules, its training, and danger first."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from bot.classify import Classifier
from bot.classify.features import FEATURES_VERSION
from bot.classify.model import RULES_COMPLAINT, Model, ModelError
from bot.devtools import train


def _blob(header: object, weights: bytes = b"") -> bytes:
    return gzip.compress(json.dumps(header).encode() + b"\n" + weights)


def test_the_shipped_model_round_trips_through_its_file(classifier: Classifier) -> None:
    model = classifier.model
    assert model is not None and model.features_version == FEATURES_VERSION
    again = Model.load(gzip.compress(model.to_bytes()))
    found = classifier.analyse("3栋电梯又坏了 三天没人修").features
    before, after = model.weigh(found, True), again.weigh(found, True)
    assert after.evidence == pytest.approx(before.evidence, 1e-6) and after.urgent == before.urgent
    assert again.category_of(after) == model.category_of(before) == "lift"


@pytest.mark.parametrize(
    "data",
    [
        {"format": 99},
        {"format": 3, "features_version": 1, "names": [], "heads": {}},
        {"format": 3, "features_version": 1, "names": ["w:x"], "heads": {"complaint": "x"}},
        "not a model",
        {
            "format": 3,
            "features_version": 1,
            "names": [],  # a yes/no head without its one label
            "heads": {h: {"labels": [], "bias": []} for h in ("complaint", "urgent", "category")},
        },
        {
            "format": 3,
            "features_version": 1,
            "names": ["w:x"],  # weights for one feature are missing
            "heads": {h: {"labels": ["yes"], "bias": [0.0]} for h in ("complaint", "urgent")}
            | {"category": {"labels": ["lift"], "bias": [0.0]}},
        },
    ],
)
def test_a_damaged_model_file_is_one_clear_error(data: object) -> None:
    with pytest.raises(ModelError):
        Model.load(_blob(data))


def _model(version: int = FEATURES_VERSION) -> Model:
    return Model.build(
        version,
        {
            "complaint": (("yes",), (-0.5,), {"w:坏": (0.2,)}),
            "urgent": (("yes",), (-5.0,), {}),
            "category": (("lift", "water"), (0.0, 0.0), {"w:坏": (0.5, -0.5)}),
        },
    )


def test_a_model_for_other_features_is_refused_with_the_fix() -> None:
    with pytest.raises(ModelError, match="retrain"):
        Classifier.load(model=_model(FEATURES_VERSION - 1))


def test_a_damaged_file_or_a_weight_row_that_does_not_match_its_labels_is_refused() -> None:
    with pytest.raises(ModelError):
        Model.load(b"not gzip at all")
    broken = bytearray(gzip.compress(b"x" * 1000))
    broken[20:30] = b"\xff" * 10  # a sound gzip header, damaged data
    with pytest.raises(ModelError):
        Model.load(bytes(broken))
    with pytest.raises(ModelError):
        Model.build(1, {"urgent": (("a", "b"), (0.0, 0.0), {"w:x": (1.0,)})})


def test_the_rules_verdict_is_a_prior_the_model_adds_to() -> None:
    model = _model()
    alone = model.weigh({"w:坏": 1.0}, rules_complaint=False)
    backed = model.weigh({"w:坏": 1.0}, rules_complaint=True)
    assert alone.evidence == pytest.approx(-0.3)
    assert backed.evidence == pytest.approx(-0.3 + RULES_COMPLAINT)
    assert model.category_of(backed) == "lift" and not alone.urgent


def test_without_a_model_the_rules_alone_judge() -> None:
    rules = Classifier.load(model=False)
    assert rules.model is None
    verdict = rules.classify("5栋电梯又坏了")
    assert verdict.is_complaint and verdict.category == "lift"


def test_training_writes_a_model_the_classifier_loads(tmp_path: Path) -> None:
    lines = [
        {"text": f"{n}栋电梯又坏了", "is_complaint": True, "category": "lift", "urgent": False}
        for n in range(1, 9)
    ]
    lines += [
        {"text": f"{n}栋楼道垃圾堆了好几天", "is_complaint": True, "category": "sanitation"}
        for n in range(1, 9)
    ]
    lines += [{"text": f"谢谢{n}号楼的邻居", "is_complaint": False} for n in range(1, 9)]
    trapped = {"is_complaint": True, "category": "lift", "urgent": True}
    lines += [{"text": f"{n}栋电梯里困了人 快来", **trapped} for n in range(1, 5)]
    (tmp_path / "sets").mkdir()
    (tmp_path / "sets" / "tiny-a.jsonl").write_text(
        "\n".join(json.dumps(line, ensure_ascii=False) for line in lines), encoding="utf-8"
    )
    out = tmp_path / "model.bin.gz"
    assert train.main(["--data", str(tmp_path / "sets"), "--out", str(out)]) == 0
    tiny = Classifier.load(model=Model.load(out.read_bytes()))
    assert tiny.classify("9栋电梯又坏了").category == "lift"
    assert not tiny.classify("谢谢10号楼的邻居").is_complaint


def test_the_cross_check_reports_each_family_it_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        {"text": f"{n}栋{thing}", "is_complaint": True, "category": cat}
        for n in range(1, 6)
        for thing, cat in (("电梯又坏了", "lift"), ("门口垃圾没人收", "sanitation"))
    ] + [{"text": f"{n}号的快递到了 谢谢", "is_complaint": False} for n in range(1, 6)]
    for name, part in (("one", rows[::2]), ("two", rows[1::2])):
        (tmp_path / f"{name}-x.jsonl").write_text(
            "\n".join(json.dumps(r, ensure_ascii=False) for r in part), encoding="utf-8"
        )
    assert train.main(["--data", str(tmp_path), "--cross"]) == 0
    reports = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["family"] for r in reports] == ["one-x", "two-x"]
    assert all(0.0 <= r["precision"] <= 1.0 and r["n"] > 0 for r in reports)


# Danger first, judged by the whole classifier (model and rules together): sentences written
# for this test, one or two per family the issue names, none of them in the training sets.
DANGER_NOW = [
    "6栋3楼楼道里全是黑烟 呛得睁不开眼",  # a known miss until the fumes scene (blind24)
    "厨房煤气味特别冲 我把阀门关了还是有",
    "配电箱在冒火星子 啪啪响",
    "电梯卡在9楼和10楼中间 里面有个老人在喊",
    "外墙有块砖松了在晃 下面就是幼儿园门口",
    "西门那个井盖不见了 黑洞洞的 天黑了看不见",
    "一条大狗刚把小孩咬了 还在追人",
    "有个陌生人在一家家拧门把手 现在在5楼",
    "车库进水了 水已经没过轮胎还在涨",
    "救护车进不来 消防通道被私家车堵死了",
]
NOT_DANGER = [
    "万一电梯困人了应该打哪个电话",
    "昨天电梯困人 半小时就救出来了 没事",
    "明天上午十点消防演练 请大家配合",
    "今晚吃火锅 辣得我冒火",
    "被蚊子咬了好几个包",
    "楼下烧烤的烟飘上来了 有点呛",
]


@pytest.mark.parametrize("text", DANGER_NOW)
def test_danger_now_is_an_urgent_complaint(classifier: Classifier, text: str) -> None:
    verdict = classifier.classify(text)
    assert verdict.is_complaint and verdict.urgent
    assert verdict.outcome() == "complaint"  # never left unsure


@pytest.mark.parametrize("text", NOT_DANGER)
def test_the_same_words_without_danger_now_are_not_urgent(
    classifier: Classifier, text: str
) -> None:
    assert not classifier.classify(text).urgent
