"""Round 22 (blind39–41's misses), judged by the shipped classifier — my own sentences, none taken
from a data set, none among the training lines: someone taken ill told only by the signs,
children at deep water or running onto the road, a leg out of a window, smoke filling a
stairwell, a wall cracking while the stairs shake, a car sliding on ice with people below, gas
told by the stove and a dizzy head; and look-alikes: a first-aid lesson, a child's fire game, a
child's coat found on a railing, a playground risk "sooner or later", mailboxes pried open; our
compound praised beside a relative's, a repair thanked, a fault that was one's own."""

from __future__ import annotations

import pytest

from bot.classify import Classifier

URGENT = [
    ("我刚去看了独居的周奶奶 她坐在椅子上迷迷糊糊的 身上滚烫 问话也答不上", "other"),
    ("湖那边两个小学生翻过栏杆去捞东西 水好深 周围一个大人都没有", "other"),
    ("一个小孩自己跑到东门外面的大马路上了 车一辆接一辆 谁家的", "other"),
    ("7栋那个窗户 孩子一只脚已经伸出窗外了 快去敲门", "other"),
    ("刚才砰的一声 现在楼道里全是黑烟 3单元的快下楼", "fire_safety"),
    ("楼梯间的墙裂开了 刚又掉下一大块 楼梯都在晃", "facilities"),
    ("坡道结冰了 一辆车刹不住往下溜 下面有人在走", "facilities"),
    ("灶打不着火 屋里一股味 闻得头晕 是不是漏气了", "fire_safety"),
]
NOT_URGENT = [
    "给家长们分享个急救知识 孩子被东西卡住喉咙 用海姆立克法 大家都学学",
    "我家小子拿着玩具水枪玩救火 喊着快来人着火啦 太可爱了",
    "在小广场捡到一件孩子的外套 挂在旁边的栏杆上了 谁家的",
    "蹦床的垫子破了个洞 娃娃们还在上面跳 迟早要出事 物业换一下吧",
    "信报箱的锁被人撬了好几个 小门也掉了一个",
]
NOT_COMPLAINTS = [
    "我表妹那个小区物业天天找不到人 还是我们这边物业靠谱",
    "我婆婆那个小区楼道里全是电瓶车 我们小区算好的了",
    "窗户修好了 谢谢李师傅 大热天爬上爬下的",
    "家里跳闸查清楚了 是我家电热水器的问题 不是小区的问题",
]


@pytest.mark.parametrize(("text", "category"), URGENT)
def test_danger_is_urgent(classifier: Classifier, text: str, category: str) -> None:
    verdict = classifier.classify(text)
    assert verdict.is_complaint and verdict.urgent, (text, verdict)
    assert verdict.category == category, (text, verdict)


@pytest.mark.parametrize("text", NOT_URGENT)
def test_look_alikes_raise_no_alarm(classifier: Classifier, text: str) -> None:
    assert not classifier.classify(text).urgent, text


@pytest.mark.parametrize("text", NOT_COMPLAINTS)
def test_no_complaint_here(classifier: Classifier, text: str) -> None:
    verdict = classifier.classify(text)
    assert verdict.outcome() != "complaint" and not verdict.urgent, (text, verdict)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "各位邻居下午好呀🌞 今天出太阳了 我带孙女去公园转了一圈 回来买了点橘子 甜得很 "
            "对了顺便提一句 9栋门口那个下水井盖一直哐当哐当响 好几天了 物业有空看看哈 谢谢大家🙏",
            ("water", "facilities"),  # a sewer's cover: either reads right
        ),
        (
            "邻居们周末愉快 我家闺女考上大学了 请大家吃糖🍬 "
            "另外想反映一下 楼上每晚十二点还在剁东西 咚咚咚的",
            ("noise", "neighbour_dispute"),
        ),
    ],
)
def test_a_complaint_after_a_turn_in_a_friendly_message_is_heard(
    classifier: Classifier, text: str, category: tuple[str, ...]
) -> None:
    verdict = classifier.classify(text)
    assert verdict.is_complaint and verdict.category in category, (text, verdict)


@pytest.mark.parametrize(
    "text",
    [
        "大家早上好 对了 明天团购的西瓜到了 记得去驿站拿",
        "今天天气真好 话说你们中午都吃的啥 我做了红烧肉",
    ],
)
def test_chatter_after_a_turn_stays_chatter(classifier: Classifier, text: str) -> None:
    assert classifier.classify(text).outcome() != "complaint", text
