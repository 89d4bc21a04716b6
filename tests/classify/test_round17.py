"""Round 17's danger and signs of no complaint, judged by the shipped classifier (my own
sentences, none taken from a data set, none among the training lines): pinyin initials typed in
a hurry (dt: 电梯, kr: 困人, sos), fire told in emoji, a gas smell in Cantonese words and the
fear of a spark, concrete falling from a slab; and look-alikes: emoji praise, a relative's
compound told as where they live, a fall seen in a shop, a found pet, memories, thanks for a
neighbour's help, a question for a product."""

from __future__ import annotations

import pytest

from bot.classify import Classifier

URGENT = [
    ("9栋dt kr了 快", "lift"),
    ("1单元的dt gr了 半个小时了 sos", "lift"),
    ("🔥🔥🔥6号楼 快来人", "fire_safety"),
    ("sos 地下室着火了", "fire_safety"),
    ("樓梯間好大陣石油氣味 唔敢撳電掣 3座", "fire_safety"),
    ("车库顶板一直在掉混凝土 钢筋都露出来了 下面还有人在走", "facilities"),
]
NOT_COMPLAINTS = [
    "这家奶茶🔥🔥🔥 快去买",
    "新开的火锅店🔥🔥 推荐大家去",
    "我哥住的那个小区昨天停电停了一天",
    "在菜市场看到一个阿姨晕倒了 120来了",
    "谁家的泰迪跑出来了 在5栋门口坐着 主人快来领",
    "还记得刚入住那会儿 小区门口连个超市都没有",
    "谢谢1栋的阿姨 上次我家孩子反锁在家是你帮忙打的电话",
    "有没有好用的漏水报警器推荐",
]


@pytest.mark.parametrize(("text", "category"), URGENT)
def test_danger_is_urgent(classifier: Classifier, text: str, category: str) -> None:
    verdict = classifier.classify(text)
    assert verdict.is_complaint and verdict.urgent, (text, verdict)
    assert verdict.category == category, (text, verdict)


@pytest.mark.parametrize("text", NOT_COMPLAINTS)
def test_not_complaints_are_never_acknowledged_in_public(classifier: Classifier, text: str) -> None:
    verdict = classifier.classify(text)
    assert verdict.outcome() != "complaint" and not verdict.urgent, (text, verdict)


@pytest.mark.parametrize(
    "text",
    [
        "这个sdt是什么",
        "我的dtm坏了",
        "sos",
        "save our souls 是sos的意思吗",
        "新买的SOS手环 老人摔倒可以报警 推荐",
        "The DT bus is late again 😤",
        "这个链接 https://example.com/dt/kr/ 看一下",
        "京A DT123 车主请挪车",
        "晚上kr直播 不见不散",
    ],
)
def test_letters_become_words_only_as_a_whole_run_beside_chinese(
    classifier: Classifier, text: str
) -> None:
    verdict = classifier.classify(text)
    assert not verdict.urgent and verdict.outcome() != "complaint", (text, verdict)


@pytest.mark.parametrize(
    "text",
    [
        "比赛赢了🔥🔥🔥!!!",
        "咱们小区篮球队🔥🔥🔥 5号楼的小伙子太猛了",
        "🚒 消防车来小区演练了 2栋门口",
        "谁家孩子的消防车玩具🚒掉在3栋门口了",
        "今晚8点广场舞🔥🔥🔥 3栋的姐妹们快来",
        "5栋王阿姨的手艺🔥🔥🔥",
    ],
)
def test_fire_emoji_as_praise_or_a_drill_raises_no_alarm(classifier: Classifier, text: str) -> None:
    verdict = classifier.classify(text)
    assert not verdict.urgent and verdict.outcome() != "complaint", (text, verdict)
