"""Scenes: an actor doing something to a thing of another category; phone numbers and adverts."""

from __future__ import annotations

import pytest

from bot.classify import Classifier


def category_of(clf: Classifier, text: str) -> str | None:
    """The category, or None for a non-complaint."""
    verdict = clf.classify(text)
    return verdict.category if verdict.is_complaint else None


class TestActorAndThing:
    """The harmed thing and the harm pick the category, not the actor named first."""

    @pytest.mark.parametrize(
        ("text", "category"),
        [
            # blocking a fire exit, a hydrant or a fire lane is fire safety, whoever does it
            ("物业的保洁把扫出来的落叶袋全码在安全出口门口，推都推不开", "fire_safety"),
            ("送桶装水的师傅把空桶堆在消火栓箱前面 箱门都打不开", "fire_safety"),
            ("水果店老板的三轮车天天横在消防车道上卸货", "fire_safety"),
            ("二楼那家的小孩把楼道灭火器拿出去玩 喷得一地白粉", "fire_safety"),
            # pouring into a drain blocks it: water
            ("对面烧烤店把油污水直接倒进路边的雨水口 现在都堵死了", "water"),
            ("摆夜市的把剩汤剩水全倒进窨井 井口都糊满了油", "water"),
            # a worker damaging a pipe or a cable: the thing's category
            ("装空调的师傅打孔把楼道的自来水管钻破了 还在一直滴", "water"),
            ("挖沟的工人把小区的电缆挖断了 我们这边全没电", "power"),
            ("施工队把中心花园的步道砖全撬起来 堆在那儿半个月没人管", "facilities"),
            # litter left by someone: sanitation
            ("外卖小哥把喝剩的奶茶杯扔在电梯角落 黏了一地", "sanitation"),
            ("装修工人把吃完的盒饭扔在草坪上 一直没人收", "sanitation"),
            # the property's own staff being rude: property service
            ("门岗保安对着业主大吼大叫 这服务态度谁受得了", "property_service"),
            ("保洁主管在群里阴阳怪气地怼业主 服务态度太差了", "property_service"),
            # upstairs leaking into my home is between households (taxonomy rule)
            ("楼上那户装修把卫生间的防水层凿了 我家吊顶一直在渗", "neighbour_dispute"),
            ("楼上家的洗衣机排水管脱了 水顺着墙渗到我家卧室", "neighbour_dispute"),
            # a neighbour's pet fouling a shared place: pets
            ("六楼那家遛狗让狗在电梯里撒尿 从来不擦", "pets"),
            # where it happened is not what is wrong
            ("地下室里苍蝇一大群 下去拿个东西都恶心", "sanitation"),
            ("修管道的把小区步道挖开了半个月不填", "facilities"),
            # a pest gnawing a thing: the thing decides, and a pest is no pet
            ("楼道的网线被老鼠啃断了 整层楼都断网", "other"),
            ("配电房的电缆被老鼠啃坏了 电压一直不稳", "power"),
            ("门口那棵老樟树被白蚁蛀空了 一推就晃", "greenery"),
            # power taken from a shared box
            ("三楼那户从楼道的电表箱私接电线给自己家用", "power"),
        ],
    )
    def test_harm_decides(self, classifier: Classifier, text: str, category: str) -> None:
        assert category_of(classifier, text) == category

    @pytest.mark.parametrize(
        ("text", "category"),
        [
            # the actor is also the thing complained about: it still decides
            ("保安晚上在岗亭里睡大觉 大门谁都能进", "security"),
            ("快递员从来不送上楼 全扔在驿站", "other"),
            ("隔壁装修天天从早上七点敲到晚上", "noise"),
            ("保洁阿姨一个星期没来扫楼道了", "sanitation"),
            ("邻居在公共过道堆了一个大鞋柜 还不让说", "neighbour_dispute"),
        ],
    )
    def test_actor_alone(self, classifier: Classifier, text: str, category: str) -> None:
        assert category_of(classifier, text) == category


class TestPhoneNumbers:
    """A hotline inside a phone number, adverts and lost-and-found are not complaints."""

    @pytest.mark.parametrize(
        "text",
        [
            "王老师电话13812345678 明天找她报名",
            "家政保洁 擦玻璃 深度清洁 电话15812345111",
            "急招保安两名 包吃住 联系13712345888",
            "管道疏通 马桶下水道堵塞 随叫随到 13012345678",
            "专业防水补漏 卫生间漏水不砸砖 质保十年 156-1234-5000",
            "开锁换锁 配汽车钥匙 上门服务 177 1234 5999",
            "捡到一个黑色钱包 在东门保安亭 失主请打13612345000",
            "出售九成新婴儿车 自提 电话18612345432",
            "本人收旧空调 旧冰箱 废旧电瓶 价格公道 13512345678",
        ],
    )
    def test_not_complaints(self, classifier: Classifier, text: str) -> None:
        assert category_of(classifier, text) is None

    @pytest.mark.parametrize(
        ("text", "category"),
        [
            ("楼道的灯坏了半个月没人修 再不修我就打12345", "lighting"),
            ("门口垃圾堆了一周没人收 明天我就去打12345投诉", "sanitation"),
            ("停车场道闸天天抬不起来 已经打过12345了", "parking"),
            ("挡住我车位的那辆白车 车上留的电话13912345670一直不接", "parking"),
        ],
    )
    def test_hotline_and_phone_in_complaints(
        self, classifier: Classifier, text: str, category: str
    ) -> None:
        assert category_of(classifier, text) == category


class TestWhatTheResidentWantsFixed:
    """Round 10: the cause, the symptom or the person in danger decides, not the place."""

    @pytest.mark.parametrize(
        ("text", "category"),
        [
            # the voltage named: flickering lamps and burnt chargers are its symptoms
            ("晚上电压低得很 灯一闪一闪的 冰箱都启动不了", "power"),
            ("这两天电压忽高忽低 家里的灯泡烧了两个", "power"),
            # pesticide is greenery's work, even next to a playground or a car park
            ("绿化公司在停车场边上打药 车上全是药水 也不提前说", "greenery"),
            # a sound through the walls is noise, whoever makes it
            ("对门天天半夜打游戏大喊大叫 隔着门都听得一清二楚", "noise"),
            # a person down or lost needs help: other, wherever they are
            ("健身步道上有个老爷爷摔倒了 起不来 谁在附近", "other"),
            ("停车场边上有个阿姨晕倒了 叫不醒 快来人", "other"),
            # a falling tree or branch is greenery, a snake or wasps are animals
            ("路口那棵大树被风吹得快倒了 下面还有人在等车", "greenery"),
            ("车库门口盘着一条蛇 好多小孩在旁边 快来人", "pets"),
        ],
    )
    def test_category(self, classifier: Classifier, text: str, category: str) -> None:
        assert category_of(classifier, text) == category


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # a vehicle where it does not belong is parking, even on a pavement or a lawn
        ("有人把三轮车停在盲道上 推轮椅的都过不去", "parking"),
        # green space turned into something else is greenery
        ("小区那片绿地改成了水泥停车场 一棵树都不剩", "greenery"),
    ],
)
def test_vehicles_and_green_space(classifier: Classifier, text: str, category: str) -> None:
    assert category_of(classifier, text) == category


def test_a_car_parked_somewhere_is_no_complaint_by_itself(classifier: Classifier) -> None:
    assert category_of(classifier, "我的车停在东门了 晚点过去拿东西") is None
