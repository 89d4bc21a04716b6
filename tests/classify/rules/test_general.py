"""General behaviours added for unseen phrasing: formal letters, replies, dialect, slang, urgency.

The cases are new sentences, not lines of any labelled set: each checks a rule, not a memory.
"""

from __future__ import annotations

import pytest

from bot.classify import Classifier
from tests.classify.test_classify import check


class TestFormalRegister:
    @pytest.mark.parametrize(
        ("text", "category"),
        [
            (
                "本人系该小区业主，小区东侧围墙倒塌已近半年，多次向物业反映均无果，"
                "恳请相关部门督促尽快修复。",
                "facilities",
            ),
            ("关于小区夜间路灯长期不亮的反映\n望有关部门协调解决。", "lighting"),
            ("物业擅自提高车位租金，业主多次交涉未果，请求主管部门查处。", "parking"),
            ("小区二次供水设备年久失修，恳请水务部门介入。", "water"),
        ],
    )
    def test_petitions_are_complaints(
        self, classifier: Classifier, text: str, category: str
    ) -> None:
        check(classifier, text, category)

    @pytest.mark.parametrize(
        "text",
        [
            "【答复】您反映的楼道灯问题，经街道核实，已安排电工于本周更换。",
            "经现场核查，所反映的垃圾堆放点已清理完毕，感谢您对我们工作的支持。",
            "据了解，该小区电梯更换工程已于上月启动。",
            "记者从区住建局获悉，老旧小区改造将于明年开工。",
            "感谢信：小区门口坑洼路面已修好，特此致谢。",
        ],
    )
    def test_replies_news_and_thanks_are_not(self, classifier: Classifier, text: str) -> None:
        check(classifier, text, None)

    def test_a_bracketed_cry_for_help_is_not_a_notice(self, classifier: Classifier) -> None:
        check(classifier, "【求助】小区北门道闸坏了三天，车辆进出全靠手抬", "parking")


class TestChatPhrasing:
    @pytest.mark.parametrize(
        ("text", "category"),
        [
            ("又双叒叕停水了 栓Q", "water"),
            ("门卫大爷天天睡觉 外面的人谁都能溜进来", "security"),
            ("楼道里一盏灯都没有 晚上全靠摸", "lighting"),
            ("厨房墙角爬满蟑螂", "sanitation"),
            ("隔壁把我家门口的过道也堆满了纸箱", "neighbour_dispute"),
            ("楼上那家装修把我家墙震出裂缝了", "neighbour_dispute"),
            ("谁家把电瓶拎回家充电 半夜一股焦味", "fire_safety"),
            ("群里问了五遍了 物业能不能回个话", "property_service"),
            ("放门口的快递又不见了", "security"),
        ],
    )
    def test_no_usual_keyword_still_found(
        self, classifier: Classifier, text: str, category: str
    ) -> None:
        check(classifier, text, category)

    @pytest.mark.parametrize(
        ("text", "category"),
        [
            ("电梯是不是坏了 按了没反应", "lift"),  # asking whether: still a report
            ("这水不是黄的吗 还说没问题", "water"),  # 不是…吗 accuses, does not deny
        ],
    )
    def test_rhetorical_not_is_no_negation(
        self, classifier: Classifier, text: str, category: str
    ) -> None:
        check(classifier, text, category)

    @pytest.mark.parametrize(
        "text",
        [
            "不是停水 是我家总阀没开 已经好了",
            "刚才的烟是楼下在熏香肠 不是着火 没事了",
            "我家狗子把沙发咬烂了 哈哈 习惯了",
            "去年那次暴雨车库被淹 幸好后来物业加高了挡水板",
            "社区将组织志愿者清理楼道杂物 欢迎大家报名参加",
            "大家注意 有人冒充物业上门收费 别随便开门",
            "小区新建了充电棚 彻底解决了电瓶车充电难的问题",
        ],
    )
    def test_explained_solved_told_or_warned_is_not(
        self, classifier: Classifier, text: str
    ) -> None:
        check(classifier, text, None)

    def test_renting_out_shared_space_is_a_complaint(self, classifier: Classifier) -> None:
        verdict = classifier.classify("物业擅自把架空层出租给商户开麻将馆，收益不公开")
        assert verdict.is_complaint


class TestUrgencyGeneral:
    @pytest.mark.parametrize(
        ("text", "category"),
        [
            ("成栋楼都冇电 电梯都停咗", "power"),
            ("9栋全栋都没水了 从早上到现在", "water"),
            ("电梯里有个老人晕倒了 快打120", "lift"),
            ("停车场有人打架 已经见血了 保安快来", "security"),
            ("地下室进水了 水都漫到配电房门口了", "water"),
        ],
    )
    def test_emergencies(self, classifier: Classifier, text: str, category: str) -> None:
        check(classifier, text, category, urgent=True)

    @pytest.mark.parametrize(
        "text",
        [
            "楼道堆满纸箱 真着火了消防车进得来吗",
            "电瓶车在楼道里充电 起火了谁负责",
            "老鼠把车库的电线咬坏了 物业管不管",
            "这部电梯一个月困人两次了 必须彻底检修",
            "两家为了车位吵得都快打起来了",
        ],
    )
    def test_asked_habitual_or_object_damage_is_not_urgent(
        self, classifier: Classifier, text: str
    ) -> None:
        verdict = classifier.classify(text)
        assert verdict.is_complaint and not verdict.urgent, verdict


def test_233_is_a_laugh_but_not_when_it_numbers_a_building(classifier: Classifier) -> None:
    check(classifier, "233号楼电梯坏了三天了", "lift")
    check(classifier, "233栋楼道灯不亮", "lighting")
    check(classifier, "哈哈哈2333 笑死我了", None)


def test_rubbish_piled_up_for_days_is_a_complaint_once_gone_it_is_not(
    classifier: Classifier,
) -> None:
    check(classifier, "5幢门口垃圾堆了好几天", "sanitation")
    check(classifier, "垃圾堆了三天了", "sanitation")
    check(classifier, "垃圾堆了一下午 刚刚收走了 谢谢保洁阿姨", None)


class TestLifeOutsideTheCompound:
    """Round 10: the commute, work, school, prices and signed replies are not complaints."""

    @pytest.mark.parametrize(
        "text",
        [
            "早高峰三号线又故障了 在车厢里站了四十分钟",
            "今天老板临时开会 加班到九点才走",
            "昨晚追剧到两点 编剧太能拖了",
            "孩子这次数学没考好 愁死了",
            "今天超市猪肉又涨价了 二十八一斤",
            "上班路上堵车 堵了半小时",
            "阿梅：好的 明天下午我在家",
            "哪里能修电动车的刹车 有人知道吗",
            "火已经扑灭了 没人受伤 大家放心",
        ],
    )
    def test_not_complaints(self, classifier: Classifier, text: str) -> None:
        assert not classifier.classify(text).is_complaint

    @pytest.mark.parametrize(
        ("text", "category"),
        [
            ("业主反映：5栋电梯停了三天了 也没人来修", "lift"),
            ("电梯里的广告屏声音太大 半夜都在响", "lift"),
        ],
    )
    def test_complaints_stay(self, classifier: Classifier, text: str, category: str) -> None:
        check(classifier, text, category)
