"""Danger to people now is urgent however residents say it; the same words as a habit, a past
event, a hypothetical, a question about procedure or an idiom are not."""

from __future__ import annotations

import pytest

from bot.classify import Classifier

URGENT = [
    "7栋东面外墙的瓷砖正在往下掉 楼下是进出的路",
    "小区门口那块招牌被风吹得快掉下来了 下面一直有人走",
    "北门路口的井盖不见了 晚上黑灯瞎火的 谁走过去都要掉进去",
    "车库入口地面塌陷了一个大洞 车差点开进去",
    "单元门口电线掉在地上 还在冒火花",
    "地下室积水都漫到配电箱了",
    "一条大狗追着小孩咬 孩子腿上流血了",
    "有人在撬302的门 快叫保安",
    "电梯突然往下滑了好几层 里面有人在喊",
    "电梯里有个老人晕倒了 门打不开",
    "对面楼有个小孩爬到窗台上了 快找他家人",
    "楼下有个老太太摔倒了 起不来",
    "消防通道被车堵死了 救护车进不来 病人等着送医院",
    "整栋楼停电了 我妈在家要用制氧机",
    "电梯困人了 已经打了119",
    "楼道好大的烟 从4楼往下冒 大家快下去",
    "漏煤气了 一股臭鸡蛋味",
]

NOT_URGENT = [
    "上个月电梯关过人 一直没人管",
    "万一井盖被偷了小孩掉下去咋整",
    "电梯困人了应该打哪个电话",
    "消防演习 本周六上午九点 请大家配合",
    "今晚吃火锅 楼下新开的店火爆得很",
    "蚊子好多 被咬了一身包",
    "楼上炒菜的油烟味好大",
    "吓死我了 以为着火了 原来是楼下在烤串",
    "那只狗天天叫 吵死人",
    "路灯坏了好几天了 晚上黑黢黢的",
    "小区老人多次在这个台阶摔倒 希望加个扶手",
    "前几天有人在车棚偷电瓶 大家小心",
]


@pytest.mark.parametrize("text", URGENT)
def test_danger_now_is_urgent(classifier: Classifier, text: str) -> None:
    verdict = classifier.classify(text)
    assert verdict.is_complaint and verdict.urgent, verdict


@pytest.mark.parametrize("text", NOT_URGENT)
def test_the_same_words_not_about_danger_now_are_not_urgent(
    classifier: Classifier, text: str
) -> None:
    assert not classifier.classify(text).urgent
