"""Danger now: the `[[urgent]]` phrase rules first, then the scene model (danger.py).

Both pass the same guards: a negation right before the danger, a past or hypothetical word or
a habit in its clause, a question about procedure, a danger told as already over, news from
elsewhere. A notice or a drill is handled by the caller (`rules.judge`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from bot.classify.lexicon import Lexicon

__all__ = ["Danger", "Negated", "find_danger"]

# Whether a negation stands right before a position of the text (rules._negated).
Negated = Callable[[Lexicon, str, int], bool]
# A search for a lost child or a confused parent is found by rules that ask for an age, clothes
# or a word that they are lost: of the 37 labelled reports they find, the model's urgent head
# vetoed four and none rightly, so the model may not overrule them (docs/classifier.md, round 53).
_SURE_KINDS = frozenset(
    {"missing", "outside_rail", "armed", "gas_break", "no_escape", "abandoned"}
    | {"trapped_count", "burst_rising", "rekindled", "overcome", "tainted_water"}
    | {"trapped_cry", "leaning_tree", "unresponsive", "sprayed", "water_live", "help_cry"}
    | {"snatched", "struck_down", "battery_fire", "flood_rising", "poisoned", "dependent_now"}
    | {"intruder_at_large", "ground_moving", "smoke_shut_in"}
)


class Danger(NamedTuple):
    """A danger now: where it is told, its words, the category it implies (or None), and
    whether the rules are sure enough of it that the model may not overrule them."""

    start: int
    words: str
    category: str | None
    sure: bool = False


_CLAUSE_END = re.compile(r"[,，。.!！?？;；\n]")
# A danger word in a clause that ends as a question is asked about, not reported.
_RHETORICAL_END = re.compile(
    r"[^,，。.!！?？;；\s]{0,14}?(吗|咋个办|怎么办|咋办|咋整|谁负责|哪个负责|谁来负责|谁赔|的话|"
    r"应该(先|打|找|怎么|往|朝)|打哪个|该找谁|找哪个|跑得(出去|出来|掉))"
)
# …but someone who depends on the power asking what to do is asking for help with it now
# ("我妈在用制氧机 停电了怎么办"): a plea, not a question about procedure.
_PLEA = re.compile(r"[^,，。.!！?？;；\s]{0,14}?(咋个办|怎么办|咋办|咋整)")
_ALREADY_OVER = re.compile(
    r"救(出来|下来|出)了?|(劝|拉|拽|抱|扶)(了)?(下来|回来|进来)了|(已经|早就?)(被)?(扑)?灭了|火(被)?扑灭|(?<![该计概会])人?没事了?|已经(换|修|处理)(了|好)|"
    r"(?<![不没])(是|原来是)[^,，。!！?？]{0,8}(检测|测试|演练|演习|烤|烧烤|做饭|炒菜|烧落叶)|"
    r"(?<![不没])(是|原来是)[^,，。!！?？]{0,14}(安检|放气测试|放散)|"
    r"(是|jieguo\s?shi|yuanlai\s?shi)[^,，。!！?？]{0,4}(电视|电影|dianshi|dianying)\s?(里|li)|"
    r"已经扑灭|(?<![没未])扑灭了|(盖上|盖住|盖了)[^,，。!！?？]{0,6}(就|才|马上|很快|一下)(就)?(熄)?灭了|"
    r"已经拔(了|掉)?(电|插头|电源)(?![^。!?？！]{0,8}(还|仍|依然|照样))"
)
# "昨晚刮下来了 现在就耷拉在路上": a past word followed by a present one tells a danger still there.
_STILL = re.compile(
    r"现在|还在|正在|仍然|依然|到现在|至今|目前|此刻|还是|今天|今早|今晚|一直(没|不|冇)人?(接|回|应|开)"
)
_SENTENCE_END = re.compile(r"[。.!?\n]")
# "从昨天晚上断水到现在": it began in the past and goes on
_GOES_ON = re.compile(r"[^,。!?]{0,2}(到现在|至今|到今天)")
_LEAD = 30  # characters before a scene's state searched for past and present words
# Figures of speech: "热得我整个人都要着火了", "气得我冒火" (heat or anger that burns),
# "被作业困住了 救命", "困在加班里出不来了" (trapped by work, not in a lift), "头顶要冒火了".
_BURNING_FIGURE = re.compile(
    r"(热|气|急|晒|辣|馋|愁|忙|怒|累|烦)(得|到)([^,，。.!！?？;；\s]{0,8}|\s[^,，。.!！?？;；\s]{0,8})$"
)
_HEAD_ON_FIRE = re.compile(  # 头顶冒火, 脑子冒烟, 钱包要着火: the head or the purse itself
    r"(头顶|头上|头发|脑门|脑子|脑袋|脑壳|脑瓜|心头|眼里|肚子里|钱包|荷包|钱袋子?|嗓子(眼)?|喉咙|(?<![煤燃沼然化暖蒸水热空])气)(要|都|直|快|在){0,2}$"
)
# …unless what burns is a thing or a place ("热得电线都冒烟了", "急得不行 楼道里着火了")
_BURNING_THING = re.compile(r"电|线|插|充|池|瓶|机|器|灯|箱|表|车|楼|栋|屋|家|房|库|厨|管")
# An outage announced for later is a plan ("整个5栋明天停电检修"), not a building without power
# now — the time told before the outage, in its clause ("停电了 明天才能修好" is now).
_PLANNED_OUTAGE = re.compile(
    r"明天|明早|明晚|后天|下周|下礼拜|下星期|(?<!\d)\d+月\d+[日号]|[周星期礼拜][一二三四五六日天]|将于|计划|届时"
)
_TRAPPING = (  # not a room named after it (会议室, 工作间, 考场): people are shut in those
    r"(作业|功课|工作|加班|上班|(?<!电)题|考试|试卷|会议|开会|报表|论文|方案|ppt|项目|堵车|车流|游戏|"
    r"副本|关卡|回忆|瞌睡|生活|房贷|家务|琐事|带娃|被窝)(?![室间场厅楼])|会议室[^,，。.!！?？;；\s]{0,2}开"
)
_TRAPPED_FIGURE = re.compile(  # 被作业困住, 堵车困在, 困在加班里, 困在家里打游戏
    _TRAPPING + r"[^,，。.!！?？;；\s]{0,4}困|困[^,，。.!！?？;；\s]{0,5}" + _TRAPPING
)
_FIRE_WORDS = re.compile(r"火|烟|燃|烧")
# "我的基金着火了 一片红": a market on fire, told where no building is named
_MARKET = re.compile(r"基金|股票|股市|大盘|持仓|a股|币圈|涨停|跌停")
_BUILDING = re.compile(r"栋|幢|楼|单元|小区|车库|厨房|屋|家里|阳台|电梯")
_CONSEQUENCE = re.compile(r"[^,。!?]{0,6}(全|整|一)(栋|幢)?楼(的人)?都?(要)?(遭殃|完蛋|玩完)")
_CALL_FOR_HELP = re.compile(r"快来人|快来|救命|快跑|快下楼|快出来|打119|报警|来人啊")
_LIFT_WORDS = re.compile(r"电梯|梯|轿厢|lift|elevator|𨋢")
# A bang at a festival is the fireworks' (round 74: "过年放鞭炮 嘭的一声巨响 一股烧焦味").
_FIREWORKS = re.compile(r"鞭炮|炮仗|烟花|爆竹|礼炮|二踢脚|放炮")
_HABIT_KINDS = frozenset(
    {
        "outage", "trapped", "dependent", "animal_attack", "intruder", "hole", "about_to_fall",
        "person_danger", "blocked_rescue", "live_wire", "lift_danger", "bite", "fire", "sparks",
        "falling", "flood", "trapped_count", "burst_rising",
    }
)  # fmt: skip


def _past(lex: Lexicon, text: str, lead: str | None = None) -> bool:
    """Whether `text` tells of a past event: a past word, unless `lead` (the text up to the
    danger's state) has a present word after its last past word."""
    if not any(p in text for p in lex.past_words):
        return False
    lead = text if lead is None else lead
    last = max((lead.rfind(p) + len(p) for p in lex.past_words if p in lead), default=-1)
    return last < 0 or _STILL.search(lead, last) is None


def _by_rules(
    lex: Lexicon, text: str, mask: int, immediate: bool, negated: Negated
) -> Danger | None:
    """The first `[[urgent]]` rule that matches and passes its guards: position, words, category."""
    todo = lex.urgent_gates.open(mask)
    if not todo:
        return None
    immediate = immediate or "!" in text
    last = None  # the rule searched last: its alternatives' bits come one after another
    while todo:
        bit = todo & -todo  # rules were registered in order: lowest bit first
        todo ^= bit
        found = lex.urgent_by_bit.get(bit.bit_length())
        if found is None:
            continue
        rule, need = found
        if mask & need != need or rule is last or (rule.immediate and not immediate):
            continue
        last = rule
        gated = rule.pattern.gated
        if gated is None or gated.search(text) is None:
            continue
        matches = list(gated.finditer(text))
        if rule.context is not None and not rule.context.search(text, mask):
            continue
        cooking = lex.danger.cooking
        if rule.kind == "fire" and mask & cooking.bit and cooking.pattern.search(text):
            matches = [m for m in matches if "火" in m.group(0) or "烧" in m.group(0)]
            # "炒菜油烟好大": smoke from the kitchen, not a fire (flames still are)
        if (
            rule.kind in _HABIT_KINDS
            and lex.habitual is not None
            and lex.habitual.search(text, mask)
        ):
            continue
        for match in matches:
            start = match.start()
            if negated(lex, text, start):
                continue
            clause = _CLAUSE_END.split(text[max(0, start - 12) : start])[-1] + match.group(0)
            if _past(lex, clause) and not _GOES_ON.match(text, match.end()):
                continue
            if clause and lex.hypothetical is not None and lex.hypothetical.search(clause):
                continue
            if rule.kind == "outage" and _PLANNED_OUTAGE.search(clause):
                continue
            if _consequence(text, match.end()):
                continue  # "着火了全楼遭殃": what would follow, not what happens
            if _RHETORICAL_END.match(text, match.end()) and not (
                rule.kind == "dependent" and _PLEA.match(text, match.end())
            ):
                continue  # "起火了咋个办", "真着火了消防车飞进来吗": asked, not happening
            if _ALREADY_OVER.search(text, match.end()):
                continue  # "…困在电梯里的老母亲救出来", "冒烟…已经灭了": told afterwards
            if _figure(rule.kind, text, start, match.end()):
                continue
            return Danger(start, match.group(0), rule.category, rule.kind in _SURE_KINDS)
    return None


def _consequence(text: str, end: int) -> bool:
    """After the danger, what it would do ("着火了全楼遭殃"), not what happens — unless the
    message calls for help ("着火了 快来人 整栋楼都要完蛋了")."""
    return _CONSEQUENCE.match(text, end) is not None and _CALL_FOR_HELP.search(text) is None


def _figure(kind: str, text: str, start: int, end: int) -> bool:
    """The danger words are a figure of speech: heat or anger that burns, work that traps."""
    if kind in ("fire", "sparks"):
        if _MARKET.search(text) and not _BUILDING.search(text):
            return True
        if _HEAD_ON_FIRE.search(text, max(0, start - 6), start):
            return True
        figure = _BURNING_FIGURE.search(text[max(0, start - 12) : start])
        return figure is not None and _BURNING_THING.search(figure.group(3)) is None
    if kind == "blast" and _FIREWORKS.search(text):
        return True
    if kind == "electric" and "静电" in text:
        return True  # a door handle's static in dry weather
    if kind == "trapped" and _LIFT_WORDS.search(text) is None:
        return _TRAPPED_FIGURE.search(text, max(0, start - 8), end + 8) is not None
    return False


# A cry: a few short words, one a danger, one a place ("烟 3单元 楼道", "速来 地库 水",
# "火！！！5号楼后面！！！", "11栋！！！电梯！！！人！！！"), typed in a hurry.
_CRY_SPLIT = re.compile(r"[\s!,.~、…]+")
_CRY_DANGERS = {
    "火": "fire_safety", "着火": "fire_safety", "起火": "fire_safety", "烟": "fire_safety",
    "冒烟": "fire_safety", "浓烟": "fire_safety", "煤气": "fire_safety", "漏气": "fire_safety",
    "水": "water", "漏水": "water", "进水": "water", "淹了": "water",
    "打架": "security", "有人打架": "security", "打人": "security", "有人打人": "security",
    "砍人": "security", "有人砍人": "security", "杀人了": "security", "有人持刀": "security",
}  # fmt: skip
_CRY_PLACE = re.compile(
    r"[栋幢座]|号楼|单元|地下室|车库|地库|楼道|楼梯|天台|楼下|楼上|(?<!\d)\d+楼|[东西南北]门|大门|门口"
)
_CRY_HURRY = re.compile(r"!|快|速来|救命|赶紧")
# "水 电 燃气 3栋": the bills or the services listed, not a cry
_CRY_LIST = frozenset(
    {"电", "燃气", "气", "网", "暖气", "电费", "水费", "燃气费", "物业费", "宽带"}
)
_CRY_SMOKING = re.compile(r"抽烟|吸烟|烟头|烟味|二手烟|烟瘾|香烟")  # "烟!! 谁又在楼道抽烟"
_CRY_MOST = 5  # words, besides a plea ("烟 楼梯 下不去 12栋 15楼 怎么办")
_CRY_LONGEST = 8  # characters in a word
_CRY_PLEA = frozenset({"怎么办", "咋办", "咋整", "救命", "救救我", "快来", "快来人", "快", "help"})


def _cry(text: str) -> Danger | None:
    """A danger cried in a few words with its place: position, words, category."""
    words = [w for w in _CRY_SPLIT.split(text) if w]
    told = sum(w not in _CRY_PLEA for w in words)
    if not 2 <= told <= _CRY_MOST or any(len(w) > _CRY_LONGEST for w in words):
        return None
    if _CRY_LIST.intersection(words):
        return None
    person = "人" in words or "有人" in words
    trapped = person and any(w in ("电梯", "梯") or w.endswith("电梯") for w in words)
    placed = any(_CRY_PLACE.search(w) for w in words)
    if trapped and (placed or "!" in text):  # "电梯！！有人！": the lift is the place
        return Danger(text.find("电梯"), "电梯…人", "lift")
    if not placed:
        return None
    for i, word in enumerate(words):
        category = _CRY_DANGERS.get(word)
        # the danger first ("烟 3单元"), or cried out ("速来 地库 水", "火！！")
        if word in ("烟", "冒烟", "浓烟") and _CRY_SMOKING.search(text):
            continue
        if category is not None and (i == 0 or _CRY_HURRY.search(text)):
            return Danger(text.find(word), word, category)
    return None


def find_danger(
    lex: Lexicon, text: str, mask: int, immediate: bool, negated: Negated
) -> Danger | None:
    """The danger now in `text` (position, words, implied category), or None."""
    found = _by_rules(lex, text, mask, immediate, negated) or _cry(text)
    model = lex.danger
    if found is not None:
        return None if model.cancelled(text, mask, found[0]) else found
    possible = model.possible(mask) if mask & model.firsts else 0
    if not possible:
        return None

    def ruled_out(near: str, wide: str, state: int, end: int) -> bool:
        lead = _SENTENCE_END.split(text[max(0, state - _LEAD) : state + 1])[-1]
        if negated(lex, text, state) or _past(lex, wide, lead):
            return True
        if lex.hypothetical is not None and lex.hypothetical.search(near):
            return True
        if lex.habitual is not None and lex.habitual.search(wide, mask):
            return True
        if _FIRE_WORDS.search(text, state, end) and _figure("fire", text, state, end):
            return True
        if "困" in text[state:end] and _figure("trapped", text, state, end):
            return True
        return bool(
            _RHETORICAL_END.match(text, end)
            or _ALREADY_OVER.search(text, end)
            or _consequence(text, end)
        )

    hit = model.find(text, mask, possible, ruled_out, lex.hypothetical)
    return None if hit is None else Danger(hit.start, hit.words, hit.category)
