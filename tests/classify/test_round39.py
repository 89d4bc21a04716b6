"""Round 39 (blind60's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: a wall hot inside where the wiring runs, a stairwell smelling of burning
rubber (天津话 跟烧胶皮似的) or burnt wiring stronger on every floor, a tank's water pouring
down the stairs, a swing wobbling with children on it, lights and appliances cutting in and
out beside an oxygen machine, smoke in
四川话 (烟子好大), a lift stuck with 阿拉姆妈 inside (上海话), "快来 9栋 电梯 有人", boxes set
alight and the fire already in the stairwell, water running out of a hanging lamp, a railing
that tingles after rain, rotten eggs making people dizzy, 着货 for 着火, a drain spouting onto
the road; the same words about a barbecue, a wet mop or a new slide raise no alarm."""

from __future__ import annotations

import pytest

from bot.classify import Classifier
from tests.classify.judged import assert_no_alarm, round_tests

URGENT = [
    ("5栋楼梯间那面墙里头是烫的 墙里走的电线", "fire_safety"),
    ("12栋楼道里跟烧胶皮似的 快来看看", "fire_safety"),
    ("一进3单元就是一股电线烧糊的味道 越往上越重", "fire_safety"),
    ("楼顶水箱的水顺着楼梯往下流 已经流到5楼了", "water"),
    ("秋千一荡就嘎吱嘎吱晃 螺丝都松了 好多小孩在上面", "facilities"),
    ("整栋楼的灯一会灭一会亮 我妈在用制氧机", "lighting"),
    ("楼道里烟子好大哦 呛得眼睛都睁不开", "fire_safety"),
    ("电梯关牢了 阿拉姆妈辣里厢", "lift"),
    ("快来 9栋 电梯 有人", "lift"),
    ("楼梯口的纸箱被人点了 火已经烧到楼道里了", "fire_safety"),
    ("客厅吊灯里面都在流水 楼上没人", "neighbour_dispute"),
    ("单元门口的铁栏杆摸上去麻手 刚下过雨", "power"),
    ("车库里一股臭鸡蛋的怪味 好几个人都说头晕", "fire_safety"),
    ("2栋的电线着货了", "fire_safety"),
    ("北门井盖往上翻水 路上已经一大片 还在往外涌", "water"),
]
NOT_COMPLAINTS = [
    "墙里面是热的 地暖开了吧",
    "烟子好大 炒菜的时候记得开油烟机",
    "头晕 可能是低血糖",
    "拿着货了 谢谢",
]
FILED: list[tuple[str, str | None]] = []

test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)


@pytest.mark.parametrize(
    "text",
    [
        "楼下烧烤 一股烧焦的味道",
        "电梯里有股烧焦的味道 跑起来还有嗡嗡声",
        "水顺着楼梯往下流 谁家拖地没拧干",
        "滑梯晃得厉害 孩子们在上面玩得好开心 是新装的吗",
        "灯一会灭一会亮 是不是灯泡要坏了",
        "昨晚车库里一股臭鸡蛋味 今天没了",
    ],
)
def test_look_alikes_raise_no_alarm(classifier: Classifier, text: str) -> None:
    assert_no_alarm(classifier, text)
