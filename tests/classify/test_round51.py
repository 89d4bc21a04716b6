"""Round 51 (blind76's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: a blast that shook a building or blew its windows out, a stairway or a balcony
given way, a column cracked to its steel with concrete still coming off, fuel carried with a
threat to set a home alight, children shut in a lift told in Hakka or Cantonese (关到); and no
alarm for anger or joy that "explodes", a film's or another street's blast, a wok fire put out
under its lid, or a step with a corner broken off."""

from __future__ import annotations

from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("12栋刚才轰的一声 好像是煤气爆炸了 楼上窗户都炸飞了", "fire_safety"),
    ("8栋有户人家厨房爆炸了 玻璃全震碎了 快打119", "fire_safety"),
    ("6号楼的楼梯塌了 楼上老人下不来", "facilities"),
    ("2栋阳台塌下来一半 底下停着车 人还在边上", "facilities"),
    ("车库里那根承重柱裂开了 钢筋都露出来了 还在往下掉渣", "facilities"),
    ("地库顶板钢筋露出来了 混凝土块一直在往下掉", "facilities"),
    ("那人拿着酒精瓶子站在物业门口 说要点了这栋楼", "security"),
    ("电梯里关到两个细佬 喊救命都冇人应", "lift"),
]
NOT_COMPLAINTS = [
    "我气得要爆炸了 这孩子作业写到十一点",
    "高兴得快要爆炸 儿子考上大学了",
    "看了个纪录片 那场化工厂爆炸的镜头太吓人了",
    "刚刷朋友圈 隔壁街那个商场爆炸了 大家出门小心",
    "爆炸头的理发师今天不在吗",
    "油锅着火了 盖上锅盖马上就灭了 没事",
    "信息爆炸的时代 谁还看报纸",
    "老公说要烧了我的漫画书 哈哈",
]
FILED: list[tuple[str, str | None]] = []

test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)
test_look_alikes_raise_no_alarm = no_alarm_test(
    ["台阶塌了一个角 老人上下台阶不方便", "这楼梯扶手松了 物业来修一下", "游戏里我的基地被炸飞了"]
)
