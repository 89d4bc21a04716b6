"""Round 64 (blind90's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: a building without power in pinyin, a fight with a bloodied head, a man in a
wheelchair still lying where he fell, a duty log's "困人1名", glass falling from a cracked
canopy, lightning that set a sign burning, a building gone dark with someone in its lift, a
drunk hitting people while the guards scroll their phones; and no alarm for a video seen on
Douyin, children play-fighting, a fight told last week, a cat, smoking in the lift."""

from __future__ import annotations

from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("9栋 quanbu tingdian le, dianti ting le", "power"),
    ("3栋后门有人扭打 一个脸上全是血 快来", "security"),
    ("坡道太陡 拄拐的大爷滑下去了 人还躺在地上 快来人", "other"),
    ("值班记录 07:20 3号楼西梯困人2名 轿门打不开 已报维保", "lift"),
    ("东门雨棚玻璃裂了 碎玻璃一直往下掉 下面就是人行道", "facilities"),
    ("刚才雷劈中了6栋楼顶的太阳能板 现在冒烟了", "fire_safety"),
    ("哎呀咱5号楼一家伙全黑了 电梯里还有人呢", "power"),
    ("保安还在岗亭刷抖音 北门外几个醉汉拿酒瓶砸人了", "security"),
]
NOT_COMPLAINTS = [
    "刚刷抖音看到一个小区着火了 好吓人",
    "两个小孩在楼下扭打着玩 哈哈",
]
FILED: list[tuple[str, str | None]] = []
test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)
test_look_alikes_raise_no_alarm = no_alarm_test(
    [
        "上周两个男的在13栋门口扭打 一个头上都是血 后来警察来了",
        "摔了一跤 人还倒在那儿呢 笑死 是我家猫",
        "电梯里还有人抽烟 臭死了",
        "7号楼昨晚全黑了 后来才知道是检修",
    ]
)
