"""Find the place a message names (3栋2单元, 地下车库B区, 东门保安亭, 3-2-501 …), as written.

The longest natural place phrase is taken: phase + area + building + unit + floor + part,
lane + house (12弄5号, as in Shanghai's 石库门 lanes), garage + area, gate + booth, area + landmark
(北区车棚). A place with an identifier (number or letter) beats a named one (人工湖, 物业办公室)
or a gate (东门, 2号门); among those the first in the message wins (the gate is often only the
way in: "配电房冒烟了 从北门绕过去").
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources

from bot.classify.normalize import Normalized
from bot.classify.regex import Gated, GateIndex

__all__ = ["LocationFinder"]

_CN = "一二三四五六七八九十"
_NUM = rf"(?:(?<!\d)\d{{1,3}}|(?<![{_CN}])[{_CN}]{{1,3}})"  # not glued to a longer number
_NB = r"(?<![a-z])"  # not glued to a preceding latin letter
_AREA = rf"(?:[a-z]|[东西南北中]|{_NUM})区"
_PHASE = rf"{_NUM}期"
_BUILDING = rf"(?:(?:{_NUM}(?:[-~～到至]{_NUM})?|[a-z])(?:号楼|号栋|栋|幢|座)|\d{{1,3}}#楼?)"
# 2门洞: the north-east's word for a unit (a building's way in); after a building, 3门 too
_UNIT = rf"(?:(?:{_NUM}|[东西中])单元|{_NUM}号?门洞)"
_ENTRY = rf"{_NUM}门(?![口市面店诊卫禁岗洞])"
_STAIR = rf"{_NUM}梯(?![子级坎])"  # 5座2梯: Guangdong's stair core, only after a building
_FLOOR = rf"(?:负)?{_NUM}(?:楼|层)(?![上下道梯房顶])"
_ROOM = r"-?\d{3,4}(?:室|号|房)?(?!\d)"
# 12弄5号: a lane, then the house; digits only ("一弄就坏" is no lane)
_LANE = r"(?<!\d)\d{1,4}(?:弄|巷)(?:\d{1,2}支弄)?(?:\d{1,4}号)?"
_SPACE = r"(?:\d{2,4}号?(?:车位)?|[a-z]?\d{1,4}号?车位)(?!\d)"


def _alt(words: list[str]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


class LocationFinder:
    """Compiled once from `bot/lexicon/places.toml`; `find` is cheap."""

    def __init__(self, gates: GateIndex | None = None) -> None:
        raw = (
            resources.files("bot.classify.data").joinpath("places.toml").read_text(encoding="utf-8")
        )
        data = tomllib.loads(raw)
        shops = _alt(list(data.get("shops", [])))
        named = _alt(list(data.get("named", []))) + rf"|(?<![去到个的校位年])(?:{shops})"
        parts = _alt(list(data.get("building_parts", [])))
        gate_parts = _alt(list(data.get("gate_parts", [])))
        garage_parts = _alt(list(data.get("garage_parts", [])))
        tail = rf"(?:{_FLOOR}(?:{parts})?|{parts}|{_ROOM})?"
        structured = "|".join(
            [
                r"(?<!\d)\d{1,2}-\d{1,2}-\d{3,4}(?!\d)",
                rf"{_NB}{_LANE}",
                rf"{_NB}(?:{_PHASE})?(?:{_AREA})?(?:{_BUILDING}(?:{_UNIT}|{_STAIR}|{_ENTRY})?|{_UNIT}){tail}",
                rf"(?:地下车库|车库|地库){_AREA}(?:{_SPACE})?",
                rf"{_NB}(?:负|地下){_NUM}(?:楼|层)(?:{_AREA})?(?:{_SPACE})?",
                rf"{_NB}{_PHASE}(?:{_AREA})?",
                rf"{_NB}{_AREA}(?:{_SPACE}|{named})?",
                r"(?<![a-z])(?:building|block|bldg\.?|tower)\s?#?\d{1,3}(?!\d)",
            ]
        )
        # 2号门, not 12号门市 (a shop), 3号门面 (a shop front) or 5号门洞 (a building's way in)
        numbered = rf"{_NB}{_NUM}号(?=门(?![市面洞店诊]))"
        gate = rf"(?<![对出进关开工])(?:[东西南北]|大|正|后|侧|厂|{numbered})门口?(?:{gate_parts})?"
        # 老食堂, 老俱乐部: an old work-unit compound names its grounds by what they were
        landmark = rf"(?:老(?!年))?(?:{named})(?:{garage_parts}|门口)?(?!门)"
        # Last: a flat named alone, by its neighbour, as a household or one reported for
        # (楼上1502, 1102你家, 帮301的李奶奶反映);
        # a floor alone is most often the resident's own ("我住18楼"), no place of the problem
        by = ("楼上", "楼下", "对门", "隔壁", "我是", "住在", "住", "帮", "替", "代")
        beside = "|".join(f"(?<={w})" for w in by)
        alone = "|".join(
            [
                rf"(?:{beside})\d{{3,4}}(?![\d年月日号岁块元米个点分秒%])",
                r"(?<![\d.:：-])\d{3,4}(?=(?:你|他|她)?家|室|户|那家|那户|的住户|业主|楼下|楼上)",
            ]
        )
        self._gates = gates if gates is not None else GateIndex()
        self._structured = Gated(structured, self._gates)
        self._generic = Gated(f"{landmark}|{gate}", self._gates)
        self._alone = Gated(alone, self._gates)

    def find(self, norm: Normalized, mask: int | None = None) -> str | None:
        """The place named in the normalised message, in its original spelling, or None.

        `mask` is the shared gate index's mask of the text when the caller already has it.
        """
        text = norm.text
        if mask is None:
            mask = self._gates.mask(text)
        match = (
            self._structured.search(text, mask)
            or self._generic.search(text, mask)
            or self._alone.search(text, mask)
        )
        if match is None:
            return None
        start, end = match.start(), match.end()
        if norm.kept is None:  # a place typed in pinyin (dixiashi → 地下室) is shown whole
            start, end = _whole_letters(norm, start, end)
        found = norm.original_span(start, end).strip()
        return found or None


def _whole_letters(norm: Normalized, start: int, end: int) -> tuple[int, int]:
    """[start, end) widened to the whole runs of latin letters the normaliser read as words."""
    original, text = norm.original, norm.text

    def read(i: int) -> bool:
        return original[i].isascii() and original[i].isalpha() and text[i] != original[i].lower()

    def padding(i: int) -> bool:  # the spaces a shorter word left behind, over letters
        return text[i] == " " and (
            read(i) or (original[i] == " " and i + 1 < len(text) and read(i + 1))
        )

    while start > 0 and read(start - 1) and read(start):
        start -= 1
    if read(end - 1):
        while end < len(original) and padding(end):
            end += 1
    return start, end
