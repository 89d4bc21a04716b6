"""A review of round 24 (a helper who wrote its own sentences against the round's new entries):
where they were too wide or too narrow. Each sentence is the reviewer's; the expectations are
the taxonomy's."""

from __future__ import annotations

import pytest

from bot.classify import Classifier
from tests.classify.judged import (
    assert_heard,
    assert_no_alarm,
    assert_no_complaint,
    assert_urgent,
)

# too wide: no alarm (a complaint or not, but no danger now)
NO_ALARM = [
    "下水道返水了 黑乎乎一团往外冒 臭死了",  # sewage, not smoke
    "垃圾桶里黑乎乎一片往外涌 全是苍蝇 几天没收了",
    "楼上邻居在阳台烧香 烟往下灌 全进我家了",  # incense
    "楼下晾衣架上挂一排衣服 现在下面小孩在玩 风一吹飘来飘去",  # clothes hanging
    "外墙上垂下来一条大红横幅 现在楼下好多人在看热闹",
    "楼上用绳子从窗户吊下来一个篮子拿外卖 现在下面外卖小哥在等 挺有意思",
    "楼上小孩在上面跑来跑去 楼板咔咔响 吵死了",  # upstairs, not on ice
    "带孩子去商场溜冰场 几个小朋友在冰上滑 冰薄薄一层 孩子玩得可开心了",  # a rink
    "小区路面结了薄冰 孩子们在冰上溜着玩 大人都不敢走 物业撒点盐吧",  # a path, no water
    "我爸最喜欢的那个主持人大爷好几天没露面了 节目都换人了",
    "楼下张大爷三天没出屋了 他说外面太冷 在家猫冬呢 挺好",
    "燃气热水器好用 老婆洗了一个多钟头还没出来",
    "燃气热水器点不着火 打电话喊物业都没人应",
    "我家热水器漏水 渗到楼下了 敲门没人应 物业也联系不上",
]
NOT_COMPLAINTS = [
    "物业在大门上挂一溜彩旗 现在看着挺精神 路过的都说好",
    "燃气热水器好用 老婆洗了一个多钟头还没出来",
    "新装的燃气热水器真不错 闺女洗了两个小时都没出来",
    "对门邻居好几天没露面了 估计回老家过年了",
    "烧炭取暖同时要开窗 不然会头晕",
    "炭盆烧完及时端出去 不然头晕恶心",
    "烧炉子随时开窗通风 头晕赶紧出门",
]
# too narrow, or wrongly read: a danger now, in its category
URGENT = [
    ("老家那边来的亲戚在这边住 屋里烧着炭盆 刚才说话都含糊了", "fire_safety"),
    ("刚才进门时看到我妈趴在桌上 屋里烧着炭火 喊她也不应", "fire_safety"),
    ("我爸早上起床时头晕得厉害 屋里烧着炉子 现在叫不醒", "fire_safety"),
    ("下班回来时奶奶迷迷糊糊的 屋里炭盆还烧着 门窗关得死死的", "fire_safety"),
    ("屋里烧着炭盆 我爸叫不醒了 快来人", "fire_safety"),
    ("奶奶屋里烧着炭火 喊她半天不答应 门窗关得死死的", "fire_safety"),
    ("亲戚家孩子刚才跑到人工湖中间去了 冰咔咔响 快来人", "other"),
    ("人工湖上 两个孩子正往中间走 冰咯吱咯吱响 没大人跟着", "other"),
]
# complaints the round's new signs of no complaint must not silence
COMPLAINTS = [
    ("刚有两个人冒充燃气公司进了我家 骗走五百 别上当", "security"),
    ("提醒家里有老人的 刚才有人冒充社区的来我们楼推销保健品 隔壁阿姨被骗了好几千", "security"),
    ("物业私自给燃气涨价 一方多收五毛钱 有没有人管", "property_service"),
]
# heard (filed, or put to a worker): the lift locked by the property company for a fee
HEARD = ["电梯没坏 是物业把它锁了 说欠了电梯费才开"]
# the round's signs of no complaint step aside (the model still misses these two: see
# docs/classifier.md, round 24): a complaint after 不是着火 放心, a lift after another mended
NOT_SILENCED_BY_THE_ROUND = [
    "不是着火 放心 是楼下饭店烧烤 可烟太大了 呛得不行 天天这样",
    "1号梯已经修好了 可以坐了。2号梯又卡在5楼了",
]


@pytest.mark.parametrize("text", NO_ALARM)
def test_no_alarm(classifier: Classifier, text: str) -> None:
    assert_no_alarm(classifier, text)


@pytest.mark.parametrize("text", NOT_COMPLAINTS)
def test_no_complaint(classifier: Classifier, text: str) -> None:
    assert_no_complaint(classifier, text)


@pytest.mark.parametrize(("text", "category"), URGENT)
def test_danger_is_urgent(classifier: Classifier, text: str, category: str) -> None:
    assert_urgent(classifier, text, category)


@pytest.mark.parametrize(("text", "category"), COMPLAINTS)
def test_still_a_complaint(classifier: Classifier, text: str, category: str | None) -> None:
    verdict = classifier.classify(text)
    assert verdict.is_complaint, (text, verdict)
    assert category is None or verdict.category == category, (text, verdict)


@pytest.mark.parametrize("text", NOT_SILENCED_BY_THE_ROUND)
def test_the_rounds_signs_step_aside(classifier: Classifier, text: str) -> None:
    """Neither sign of no complaint added in round 24 fires on these."""
    cues = classifier.analyse(text).plain.cues
    assert "reassurance" not in cues, (text, cues)


@pytest.mark.parametrize("text", HEARD)
def test_heard(classifier: Classifier, text: str) -> None:
    assert_heard(classifier, text)


def test_steam_is_no_smoke() -> None:
    """The rules read steam from a burst heating pipe as water (the smoke signs need 烟, or a
    dark mass rising); whether it is urgent is the model's call, and it wavers with training."""
    judged = Classifier.load(model=False).analyse("暖气管漏了 白汽一团一团往外冒 楼道跟桑拿似的")
    assert judged.plain.category == "water" and judged.plain.danger == "water", judged.plain
