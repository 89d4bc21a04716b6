"""jieba's dictionary as a trie, and kept between starts in the cache folder."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.classify import dictionary
from bot.classify.dictionary import Dictionary

WORDS = [("电梯", 500), ("电梯井", 20), ("坏了", 300), ("电梯", 100)]


@pytest.fixture(autouse=True)
def small_jieba(monkeypatch: pytest.MonkeyPatch) -> None:
    """A four-line dictionary file instead of jieba's 349,046 lines: the same reading."""

    def entries() -> Iterator[tuple[str, int]]:
        yield from WORDS

    monkeypatch.setattr(dictionary, "_entries", entries)


def test_counts_prefixes_and_the_total_are_jiebas() -> None:
    built = Dictionary.build(["老爷梯", "坏了"], 50)
    # a word written twice keeps its last count and counts twice in the total, as in jieba
    assert built.count("电梯") == 100
    assert built.count("电梯井") == 20
    assert built.count("电") == 0  # only the start of a word
    assert built.count("老爷") == 0
    assert built.count("老爷梯") == 50  # added with the least count
    assert built.count("坏了") == 300  # already a word: its own count, added again to the total
    assert built.count("梯井") is None
    assert built.total == 500 + 20 + 300 + 100 + 50 + 300


def test_a_start_reads_what_an_earlier_one_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Dictionary.load(["老爷梯"], 50, cache=tmp_path)
    assert len(list(tmp_path.glob("words-*.bin"))) == 1

    def no_building(*_: object) -> Dictionary:
        raise AssertionError("built again")

    monkeypatch.setattr(Dictionary, "build", classmethod(no_building))
    again = Dictionary.load(["老爷梯"], 50, cache=tmp_path)
    assert again.total == first.total
    assert [again.count(w) for w in ("老爷梯", "电梯", "电", "梯井")] == [50, 100, 0, None]


def test_other_words_are_another_dictionary(tmp_path: Path) -> None:
    Dictionary.load(["老爷梯"], 50, cache=tmp_path)
    other = Dictionary.load(["老七"], 50, cache=tmp_path)
    assert other.count("老七") == 50 and other.count("老爷梯") is None
    assert len(list(tmp_path.glob("words-*.bin"))) == 2


@pytest.mark.parametrize(
    "damage", ["cut", "garbage", "empty", "too long", "a bit", "no total", "another total"]
)
def test_a_damaged_cache_is_built_again(
    tmp_path: Path, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    Dictionary.load(["老爷梯"], 50, cache=tmp_path)
    (kept,) = tmp_path.glob("words-*.bin")
    raw = kept.read_bytes()
    total = len(dictionary._MAGIC)  # where the total is written (8 bytes)
    kept.write_bytes(
        {
            "cut": raw[: len(raw) // 2],
            "garbage": b"\x00" * len(raw),
            "empty": b"",
            "too long": raw + b"\x00\x00\x00\x00",
            "a bit": raw[:-40] + bytes([raw[-40] ^ 1]) + raw[-39:],
            # the header is checked too: a total of 0 would stop the segmenter (log 0), another
            # one change every route
            "no total": raw[:total] + bytes(8) + raw[total + 8 :],
            "another total": raw[:total] + bytes([raw[total] ^ 1]) + raw[total + 1 :],
        }[damage]
    )
    with caplog.at_level(logging.WARNING):
        again = Dictionary.load(["老爷梯"], 50, cache=tmp_path)
    assert again.count("老爷梯") == 50
    assert "rebuilding jieba's dictionary" in caplog.text
    assert kept.read_bytes() == raw  # stored again, whole


def test_a_cache_that_cannot_be_written_only_costs_the_building(tmp_path: Path) -> None:
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("x")
    assert Dictionary.load(["老爷梯"], 50, cache=blocked).count("老爷梯") == 50


def test_only_the_latest_few_are_kept(tmp_path: Path) -> None:
    for number in range(dictionary._KEPT + 3):
        Dictionary.load([f"词{number}"], 50, cache=tmp_path)
    assert len(list(tmp_path.glob("words-*.bin"))) == dictionary._KEPT


def test_a_dictionary_file_changed_by_hand_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Dictionary.load(["老爷梯"], 50, cache=tmp_path)
    monkeypatch.setattr(dictionary, "_dictionary_file_stamp", lambda: "5000:1")
    Dictionary.load(["老爷梯"], 50, cache=tmp_path)
    assert len(list(tmp_path.glob("words-*.bin"))) == 2


def test_the_cache_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert dictionary.default_cache() == tmp_path / "yuanzi"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert dictionary.default_cache() == Path.home() / ".cache" / "yuanzi"


def test_a_cache_folder_it_may_not_look_in_only_costs_the_building(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a HOME of another user's (sudo -u, a service started with root's HOME): stat() of the
    # cached file is refused, not "no such file"
    def refused(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "stat", refused)
    monkeypatch.setattr(Path, "read_bytes", refused)
    monkeypatch.setattr(Path, "mkdir", refused)
    assert Dictionary.load(["老爷梯"], 50, cache=tmp_path / "yuanzi").count("老爷梯") == 50


def test_a_file_not_kept_is_not_left_half_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(dictionary.os, "replace", disk_full)
    assert Dictionary.load(["老爷梯"], 50, cache=tmp_path).count("老爷梯") == 50
    assert list(tmp_path.iterdir()) == []  # no temporary file left at every start


@pytest.mark.parametrize("whose", ["writable by all", "another user's", "a link"])
def test_only_a_file_of_its_own_is_read(
    tmp_path: Path, whose: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # a cache folder others may write in (XDG_CACHE_HOME=/tmp …): what they put there is not
    # trusted, it is built again and replaced
    Dictionary.load(["老爷梯"], 50, cache=tmp_path)
    (kept,) = tmp_path.glob("words-*.bin")
    raw = kept.read_bytes()
    if whose == "writable by all":
        kept.chmod(0o666)
    elif whose == "another user's":
        monkeypatch.setattr(dictionary.os, "geteuid", lambda: kept.stat().st_uid + 1)
    else:
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        kept.rename(elsewhere / "a.bin")
        kept.symlink_to(elsewhere / "a.bin")
    with caplog.at_level(logging.WARNING):
        assert Dictionary.load(["老爷梯"], 50, cache=tmp_path).count("老爷梯") == 50
    assert "rebuilding jieba's dictionary" in caplog.text
    assert not kept.is_symlink() and kept.read_bytes() == raw
