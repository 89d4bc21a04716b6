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
from tests.classify.judged import assert_no_alarm, assert_no_complaint, assert_urgent

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
    assert_urgent(classifier, text, category)


@pytest.mark.parametrize("text", NOT_URGENT)
def test_look_alikes_raise_no_alarm(classifier: Classifier, text: str) -> None:
    assert_no_alarm(classifier, text)


@pytest.mark.parametrize("text", NOT_COMPLAINTS)
def test_no_complaint_here(classifier: Classifier, text: str) -> None:
    assert_no_complaint(classifier, text)


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


# From a review of round 22 and the place finder: each judged right before them, wrong after,
# right again once mended (guards that cancelled real fires, negations read as praise, children
# at water told as reminders, a toy in a child's throat, gates named as the way in, shops).
@pytest.mark.parametrize(
    "text",
    [
        "3栋着火了 转给家人看看",  # `tip` guard: 转给…看看 anywhere cancels the danger
        "3栋着火了 大家快跑 转给家里人看看 让他们别回来",
        "北区车棚电动车着火了 一排都着了 转给管理员看看",
        "我家宝宝在看消防车 太可爱了 楼下3栋好像着火了 好多烟",  # `joke`: 太可爱了
        "几个小孩在地库玩打火机 玩到消防通道那边 纸箱着火了",  # `joke`: 玩…消防
        "3栋着火了 早就说过电动车在楼道充电迟早要出事",  # `over`: 迟早要出事
    ],
)
def test_a_real_fire_stays_urgent(classifier: Classifier, text: str):
    verdict = classifier.classify(text)
    assert verdict.is_complaint and verdict.urgent, verdict


@pytest.mark.parametrize(
    "text",
    [
        "我们这物业不比他们好 垃圾堆了一礼拜",  # 不比他们好: no better than theirs
        "咱这物业管得还不如隔壁 就数我们这最不省心 车库积水没人管",  # 最不省心
        "就属我们小区最不安静 天天晚上广场舞",  # 最不安静
    ],
)
def test_our_compound_run_down_is_a_complaint(classifier: Classifier, text: str):
    assert classifier.classify(text).is_complaint


@pytest.mark.parametrize(
    "text,place",
    [
        ("游泳池有小孩溺水了 救护车从西门进来", "游泳池"),
        ("配电房冒烟了 快叫电工 从北门绕过去", "配电房"),
        ("地下车库积水到膝盖了 东门那边排水沟堵了", "地下车库"),
        ("垃圾房好几天没清了 臭到南门了", "垃圾房"),
        ("地下车库2号门口积水很深", "地下车库"),
        ("地库3号门的卷帘门坏了 车出不去", "地库"),
    ],
)
def test_the_place_of_the_trouble_beats_the_gate_named_as_the_way_in(
    classifier: Classifier, text: str, place: str
):
    assert classifier.classify(text).location == place


@pytest.mark.parametrize(
    "text,wrong",
    [
        ("12号门市的烧烤店油烟太大了 熏得楼上没法开窗", "12号门"),  # 门市: a shop
        ("3号门面的KTV半夜还在唱", "3号门"),  # 门面: a shop front
        ("5号门洞楼道灯不亮好几天了", "5号门"),  # 门洞: a building's entrance
    ],
)
def test_a_shop_or_an_entrance_numbered_号门_is_no_gate(
    classifier: Classifier, text: str, wrong: str
):
    assert classifier.classify(text).location != wrong


@pytest.mark.parametrize(
    "text",
    [
        "提醒各位家长 人工湖水很深 别让孩子在湖边玩",  # a reminder: no alarm
        "物业能不能在人工湖加个围栏 小孩老在湖边玩 水挺深的",  # a request: not urgent
        "周末带孩子去公园湖边玩了 水很深 大家带娃注意安全",  # a trip told afterwards
        "夏天到了 小区里的孩子总喜欢去河边玩 水挺深的 家长们要多注意",  # a reminder
        "我家孩子今天在景观池边玩水 水好深 吓得我赶紧抱回来了",  # over: carried home
    ],
)
def test_a_warning_about_deep_water_is_no_alarm(classifier: Classifier, text: str):
    assert not classifier.classify(text).urgent


def test_a_child_choking_on_a_toy_is_not_a_lift_fault(classifier: Classifier):
    verdict = classifier.classify("孩子玩具卡住喉咙了 脸都紫了 3栋2单元 快来人")
    assert verdict.urgent and verdict.category != "lift", verdict
