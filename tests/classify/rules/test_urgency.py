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

# Scenes, written fresh for the scene model (a thing + a dangerous state + people at risk or
# immediacy, or a person in danger), one group per family; none is taken from a data set.
SCENES = [
    # something about to fall where people are
    "9栋楼顶的广告牌一角已经脱开了 风一吹就晃 底下是幼儿园门口",
    "主路边一根大树杈裂开了 吊在路中间上方 还有人骑车过",
    "二单元门口的雨棚铁架歪了 一直在响 小孩在下面等校车",
    # an open hole or a broken cover
    "篮球场边上雨水井的盖子被撬走了 小孩在旁边追着玩",
    "物业门口的路面陷下去一个坑 半米多深 刚才电瓶车差点栽进去",
    # electricity where people or water are
    "地库的充电桩被水泡着 还有车插着枪在充",
    "楼道那个电表箱一直啪啪响 冒出一股焦味 快来人看看",
    "大风把电缆刮断了 搭在单元门口的铁门上 大家不敢出门",
    # an animal going for people
    "西门有条大黄狗冲上去扑倒了一个小学生 孩子吓哭了",
    "花园里有一条蛇 盘在滑梯下面 小朋友都在那玩",
    "单元门口一窝马蜂 刚蜇了一个老人的头",
    # a lift with someone inside
    "5栋电梯停在两层中间 里面有人在拍门",
    "我家娃一个人在电梯里 电梯卡住不动了 他一直在哭",
    "电梯门没合上就往下走 差点把人夹住",
    # fire, gas, water where it harms
    "垃圾房那边冒起黑烟 火苗有一人多高",
    "地下室有辆电动车在冒白烟 噼啪响",
    "装修工人把厨房的燃气管钻破了 嘶嘶往外冒气",
    "楼顶水箱的管子断了 水顺着楼道往下冲 灌进电梯井了",
    # a person in danger
    "有个老大爷在小区门口倒在地上 喊他不答应",
    "我奶奶早上出门散步到现在没回来 她有老年痴呆",
    "游泳池里有个小孩在扑腾 旁边没人",
    "小孩的手卡在电动门缝里 拔不出来",
    "隔壁独居的老爷爷三天没出门了 敲门没人应",
    # someone threatening people
    "楼下有个人拿着菜刀在追另一个人",
    "有个陌生男的一路跟着我女儿进了单元 现在还在楼道里",
    "有人正在从二楼窗户往里爬",
    # rescue that cannot get through, someone who depends on power or water
    "救护车在北门进不来 门口被一排私家车堵着",
    "整层楼没电了 孩子的胰岛素在冰箱里 天这么热",
    # already called, or asking whether to call: still urgent now
    "楼道的电箱冒烟了 要不要打119？",
    "有个阿姨在电梯口晕倒了 已经打了120",
]

NOT_SCENES = [
    "小区门口的招牌歪了好久了 能不能扶正一下",
    "井盖松了 每次车开过都哐当一声",
    "昨天那条蛇已经被物业抓走了 大家放心",
    "要是电梯困住人了应该先按哪个按钮",
    "周六消防演练 会放烟雾 请勿惊慌",
    "这家炸鸡店最近火爆得很 排队好长",
    "楼下有人烧烤 烟飘到我家了 呛得很",
    "新闻里说外地有个小孩被困电梯 大家注意",
    "最近上火 嘴巴起泡了",
    "车库的灯一闪一闪的 好几天了",
    "看到一条狗在花园里晒太阳 好可爱",
    "老人走路慢 电梯门关得太快了 希望调一下",
    "新出的爆款奶茶 排队的人好多",
    "如果瓷砖掉下来砸到人谁负责",
    "早上困在电梯里的大爷已经出来了 没大碍",
    "刚才水管爆的那家 师傅已经关了阀门 水也扫干净了",
    "着火打119 急救打120 老人记一下",
    "孩子放学还没回来 作业都没写 急死我了",
]


@pytest.mark.parametrize("text", URGENT + SCENES)
def test_danger_now_is_urgent(classifier: Classifier, text: str) -> None:
    verdict = classifier.classify(text)
    assert verdict.is_complaint and verdict.urgent, verdict


@pytest.mark.parametrize("text", NOT_URGENT + NOT_SCENES)
def test_the_same_words_not_about_danger_now_are_not_urgent(
    classifier: Classifier, text: str
) -> None:
    assert not classifier.classify(text).urgent


def test_an_urgent_rules_alternatives_are_visited_one_after_another(
    classifier: Classifier,
) -> None:
    """urgency._by_rules skips a rule searched just before: its gate bits must be adjacent."""
    by_bit = classifier._lexicon.urgent_by_bit
    rules = [by_bit[bit][0] for bit in sorted(by_bit)]
    runs = [rule for i, rule in enumerate(rules) if i == 0 or rules[i - 1] is not rule]
    assert len({id(rule) for rule in runs}) == len(runs)


@pytest.mark.parametrize(
    "text",
    [
        "昨晚做梦梦见楼里着火了 醒来一身汗",  # a dream
        "孩子在看动画片 里面电梯掉下去了 吓得直哭",  # a cartoon
        "那个插线板冒烟 我已经扔了 换了个新的",  # dealt with and thrown away
        "当年住平房 冬天煤气中毒是常事",  # a memory
        "楼下小卖部被撬 监控都拍到了 派出所说会查",  # recorded after the fact
        "今天热得要中暑了 大家多喝水",  # the weather, said strongly
        "楼下那群人喝酒鬼哭狼嚎的 吵死了",  # an idiom for noise
    ],
)
def test_dreams_films_memories_and_things_dealt_with_are_not_danger_now(classifier, text):
    assert not classifier.classify(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        "楼道插线板冒烟了 味道很大 快来人",
        "5栋有人煤气中毒 倒在地上 已经打了120",
        "有人正在撬我家门 快来人 我在家",
        "楼下老人中暑晕倒了 快来人帮忙",
    ],
)
def test_the_same_dangers_happening_now_stay_urgent(classifier, text):
    assert classifier.classify(text).urgent
