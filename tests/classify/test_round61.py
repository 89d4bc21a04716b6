"""Round 61 (blind86's and blind87's misses), judged by the shipped classifier — my own
sentences, none taken from a data set: men climbing in over the wall with a blade in hand (a
guard's log), a gas main dug through, a chemical left by the bins with passers-by coughing, a
fire alarm ringing while someone cannot get down, a baby left in a box, roof tiles falling in
闽南话, a lift stopped with someone inside told in a duty log, in Korean, in Japanese and in
pinyin initials, water pouring down a stairwell, a thief shouted after, a man with a knife told
in English; and no alarm for news, a drill, a film, a pram, a broken lock or a planned dig."""

from __future__ import annotations

from bot.classify import Classifier
from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("【巡逻记录】23:10 北门 两个陌生男子翻墙进来 手里拿着砍刀 已报警", "security"),
    ("6栋南边天然气管子被挖掘机挖断了 呲呲往外冒气 大家别点火", "fire_safety"),
    ("不知道谁在4栋垃圾桶边上倒了一桶化学品 刺鼻得很 好几个小孩在咳", "sanitation"),
    ("火警铃一直在响 楼梯间被杂物堵死了 我爸拄拐下不去 9栋", "fire_safety"),
    ("5栋厝顶的瓦片一直落落来 下面都是囡仔", "facilities"),
    ("值班记录 01:30 6栋电梯急停 轿厢内2人 已通知维保", "lift"),
    ("엘리베이터 멈췄어요 안에 사람 있어요 3栋", "lift"),
    ("エレベーターに閉じ込められました 8号楼 助けて", "lift"),
    ("dt kr le 5dong", "lift"),
    ("3单元楼梯上的水哗哗往下流 跟瀑布似的 老人踩着直打滑", "water"),
    ("抓小偷！！", "security"),
    ("Man with a knife shouting at kids by the 西门, call the police", "security"),
]
NOT_COMPLAINTS = [
    "新闻说隔壁市有个小区燃气管道被挖断了 好吓人",
    "电影里那个弃婴的情节太感人了",
    "消防演练通知：明天上午10点 报警器会响 请大家听到后从楼梯下楼",
]
FILED: list[tuple[str, str | None]] = []
test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)
test_look_alikes_raise_no_alarm = no_alarm_test(
    [
        "上个月8栋燃气管道被挖断那次 幸好没人受伤",
        "8栋燃气管道被挖断的地方已经修好了 大家放心",
        "报警器一直响 吵死了 是不是坏了 出不去的那个门什么时候修",
        "楼道的烟感一直在叫 应该是没电了 堆满杂物的问题也顺便说一下",
        "7栋楼道堆满了东西 万一报警器响了老人根本下不去",
        "捡到一个婴儿车 在垃圾房旁边 谁家的",
        "楼道里看到邻居抱着婴儿 好可爱",
        "家里有婴儿 楼上装修的声音太大了",
        "师傅拿着扳手爬进管道井修水管",
        "电表箱的门一直开着 锁也坏了 5栋1单元",
        "电梯里限载13人 别挤了",
    ]
)


def test_a_baby_left_in_a_box_is_urgent(classifier: Classifier) -> None:
    """Which category a foundling belongs to splits the labellers (other, sanitation by the
    bins): the danger is what must not be missed."""
    verdict = classifier.classify("清洁阿姨在垃圾房边的纸箱里发现一个婴儿 还有气 快叫120")
    assert verdict.is_complaint and verdict.urgent, verdict
