"""Internals that must stay exact: jieba-identical segmentation, gated regexes, normalisation."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import jieba
import pytest

from bot.classify import Classifier
from bot.classify.classifier import USER_WORD_FREQ
from bot.classify.dictionary import Dictionary
from bot.classify.normalize import Normalizer
from bot.classify.regex import Gated, GateIndex, first_chars, first_grams, last_grams, split_top
from bot.devtools.bench.classify import generate_messages
from tests.classify.lexicon_patterns import every_gated

DATA = Path(__file__).parents[1] / "data"


def _corpus() -> list[str]:
    texts = [
        json.loads(line)["text"]
        for name in ("messages-dev.jsonl", "messages-team.jsonl", "messages-holdout.jsonl")
        for line in (DATA / name).read_text("utf-8").splitlines()
    ]
    rng = random.Random(3)
    pool = "".join(texts) + "abcXYZ 0123-_.#&%+\t\n😀，。！？"
    texts += ["".join(rng.choice(pool) for _ in range(rng.randint(0, 80))) for _ in range(1500)]
    return texts + generate_messages(300) + ["", "a", "a b", "x" * 3000, "1-2-3 abc.d"]


@pytest.fixture(scope="module")
def jieba_tokenizer(classifier: Classifier) -> jieba.Tokenizer:
    """A jieba Tokenizer that knows the lexicon's words as the classifier's dictionary does."""
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word in classifier._lexicon.user_words():
        tokenizer.add_word(word, max(tokenizer.FREQ.get(word, 0), USER_WORD_FREQ))
    return tokenizer


def test_the_dictionary_holds_what_jieba_holds(
    classifier: Classifier, jieba_tokenizer: jieba.Tokenizer
) -> None:
    dictionary = classifier._segmenter.dictionary
    assert dictionary.total == jieba_tokenizer.total
    freq = jieba_tokenizer.FREQ
    assert all(dictionary.count(word) == count for word, count in freq.items())
    rng = random.Random(5)
    words = list(freq)
    absent = {rng.choice(words) + rng.choice(words) for _ in range(20_000)} - freq.keys()
    assert absent and all(dictionary.count(text) is None for text in absent)
    assert dictionary.count("") is None


def test_a_dictionary_adds_words_as_jieba_does() -> None:
    ours = Dictionary.load(["老爷梯", "电梯", "老爷梯"], 50_000)
    theirs = jieba.Tokenizer()
    theirs.initialize()
    for word in ["老爷梯", "电梯", "老爷梯"]:
        theirs.add_word(word, max(theirs.FREQ.get(word, 0), 50_000))
    assert ours.total == theirs.total
    assert [ours.count(w) for w in ("老爷梯", "老爷", "电梯", "梯老")] == [
        theirs.FREQ.get(w) for w in ("老爷梯", "老爷", "电梯", "梯老")
    ]


def test_segmentation_is_identical_to_jieba_hmm_off(
    classifier: Classifier, jieba_tokenizer: jieba.Tokenizer
) -> None:
    segmenter = classifier._segmenter
    tokenizer = jieba_tokenizer
    normalizer = Normalizer()
    for text in _corpus():
        for variant in (text, normalizer.normalize(text).text):
            assert segmenter.cut(variant) == tokenizer.lcut(variant, HMM=False), variant


def test_gated_search_finds_what_the_plain_regex_finds(classifier: Classifier) -> None:
    lexicon = classifier._lexicon
    normalizer = Normalizer()
    patterns = [gated for gated, *_ in lexicon.combos]
    patterns += [gated for _, gated, _ in lexicon.not_complaint]
    patterns += [rule.pattern for rule in lexicon.urgent]
    texts = [normalizer.normalize(t).text for t in _corpus()]
    masks = [lexicon.gates.mask(text) for text in texts]
    for gated in patterns:
        plain = re.compile(gated.pattern)
        for text, mask in zip(texts, masks, strict=True):
            found = gated.search(text, mask)
            expected = plain.search(text)
            assert (found is None) == (expected is None), (gated.pattern, text)
            if found is not None and expected is not None:
                assert found.start() == expected.start()


def test_every_pattern_compiles(classifier: Classifier) -> None:
    """Gated regexes are compiled when first searched: a broken one must fail here, not on
    the one message that needs it."""
    lexicon = classifier._lexicon
    patterns = every_gated(classifier)
    assert len(patterns) > 200
    for gated in patterns:
        assert (gated.gated is None) == (gated.sources[0] is None), gated.pattern
        assert (gated.free is None) == (gated.sources[1] is None), gated.pattern
        re.compile(gated.pattern)
    for word_class in lexicon.danger._classes.values():
        assert word_class.pattern.pattern == word_class.source


DIGITS = set("0123456789")


@pytest.mark.parametrize(
    ("pattern", "first", "last"),
    [
        ("(楼上|隔壁).{0,8}(漏|渗)", {"楼上", "隔壁"}, {"漏", "渗"}),
        ("(是|这是)?什么意思", {"是什", "这是", "什么"}, {"思"}),
        (r"(?<!\d)\d-\d", {f"{d}-" for d in DIGITS}, DIGITS),
        ("臭|好臭", {"臭", "好"}, None),
        (r"^\s*【", None, {"【"}),
        ("(楼上|隔壁)", {"楼上", "隔壁"}, None),
    ],
)
def test_gate_sets(pattern: str, first: set[str] | None, last: set[str] | None) -> None:
    assert first_grams(pattern) == (frozenset(first) if first else None)
    assert last_grams(pattern) == (frozenset(last) if last else None)


def test_first_chars_and_split() -> None:
    assert first_chars("(a|b)c") == {"a", "b"}
    assert first_chars("a?b") == {"a", "b"}
    assert first_chars(".x") is None
    assert split_top(r"a(b|c)|[|]d|\|e") == ["a(b|c)", "[|]d", r"\|e"]


def test_a_pattern_that_cannot_be_gated_is_always_searched() -> None:
    index = GateIndex()
    gated = Gated([r"^\s*x", "(y|z)w"], index)
    assert gated.free is not None and gated.gated is not None
    assert gated.search("  x", index.mask("  x")) is not None
    assert gated.search("zw", index.mask("zw")) is not None
    assert gated.search("zq", index.mask("zq")) is None


def test_normalisation_maps_back_to_the_original() -> None:
    normalizer = Normalizer()
    norm = normalizer.normalize("电\u200b悌：ＡＢ３栋\x00 物葉")
    assert norm.text.startswith("电梯:ab3栋")
    start = norm.text.index("3栋")
    assert norm.original_span(start, start + 2) == "３栋"
    assert normalizer.normalize("電梯壞了").text == "电梯坏了"
    assert normalizer.normalize("以经 因该 在不修").text == "已经 应该 再不修"
    # Cantonese words become the Mandarin the lexicon knows, one character for one
    assert normalizer.normalize("部电梯又坏咗 冇人嚟整").text == "部电梯又坏了 没人来整"
    assert normalizer.normalize("拍门唔应 系唔系").text == "敲门不应 是不是"
    # 陕西话's 咧 is 了 after a word; 咧嘴, 骂骂咧咧 and 大大咧咧 keep it
    assert normalizer.normalize("电梯坏咧 等咧半年咧").text == "电梯坏了 等了半年了"
    assert normalizer.normalize("咧嘴笑 骂骂咧咧 大大咧咧").text == "咧嘴笑 骂骂咧咧 大大咧咧"
    mandarin_only = ("能不能快点解决", "尽快联系我", "附近排水沟", "东边架空层", "都系统升级了")
    for mandarin in mandarin_only:
        assert normalizer.normalize(mandarin).text == mandarin  # no Cantonese word inside


@pytest.mark.parametrize("name", ["variants.txt", "cantonese.txt"])
def test_every_variant_keeps_its_length(name: str) -> None:
    """A fix that would change the text's length is dropped when loaded (positions must stay
    exact), so an entry whose two sides differ in length would never be applied."""
    path = Path(__file__).parents[2] / "bot" / "classify" / "data" / name
    uneven = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        wrong, _, right = line.partition(" ")
        if len(wrong) != len(right.strip()):
            uneven.append(line)
    assert uneven == []


@pytest.mark.parametrize("name", ["patterns.toml", "danger.toml", "categories.toml"])
def test_no_pattern_is_hidden_behind_a_comment(name: str) -> None:
    """A `#` after a pattern on a line turns the rest of the line into a comment: a pattern
    after it is silently never loaded (round 81 lost the trade patterns "边个要芒果" and "拼车"
    that way for a moment). Comments go on their own line, or after a line's last pattern."""
    path = Path(__file__).parents[2] / "bot" / "classify" / "data" / name
    hidden = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        quote = ""  # the quote of the string being read, if any
        for at, char in enumerate(line):
            if char in "'\"" and quote in ("", char):
                quote = "" if quote else char
            elif char == "#" and not quote:
                if re.search(r"'[^']+'\s*,", line[at:]):
                    hidden.append(f"{name}:{number}")
                break
    assert hidden == []
