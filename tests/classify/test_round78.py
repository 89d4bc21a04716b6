"""Round 78 (my own probes of dangers told plainly, no data set): a child who swallowed rat
poison (sure: the model read it as chatter), smoke so thick in a stairwell that nobody can see, a
car rolling down a slope towards a crowd, a flower stand on a balcony swaying over children; in
English, someone who collapsed, or fell and cannot get up; in 粤语, someone shut in the lift for
an hour told with the person first; a water heater that hisses with a bad smell; smoke told
without the word (楼道里全是白的 看不见 塑料味); a wall cracking while the work upstairs goes on and
it keeps shedding; and no complaint for the lift or the management of the compound next door
(what its own residents complain of), while its people parking at our gate or its site's noise
still are."""

from __future__ import annotations

from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("孩子误吃了老鼠药 楼下诊所关门了", "other"),
    ("我家老人喝了洁厕灵 现在一直吐", "other"),
    ("楼道里有人烧东西 烟大得看不见", "fire_safety"),
    ("停车场有辆车溜坡了 往人群那边滑", "parking"),
    ("阳台上的花架晃得厉害 楼下小孩在玩", "facilities"),
    ("help, my dad fell in the bathroom and cannot get up", "other"),
    ("grandma collapsed in the lobby of block 2", "other"),
    ("阿伯喺电梯度困咗半个钟 叫极都冇人理", "lift"),
    ("热水器那里一直有嘶嘶声 还有臭味 头有点晕", "fire_safety"),
    ("楼道里全是白的 什么都看不见 还有股塑料味", "fire_safety"),
    ("楼上那户一直在砸墙 现在我家墙上裂了好长一道缝 还在掉渣", "neighbour_dispute"),
    (
        "smoke in the corridor of block 3, yesterday it was the same, now it is worse, help",
        "fire_safety",
    ),
]
NOT_COMPLAINTS = [
    "老鼠药放高一点 防止孩子误吃",
    "万一孩子误吃了洗衣凝珠怎么办",
    "孩子误吃了干燥剂 已经问过医生了没事",
    "新闻说外地有个孩子误吃了老鼠药",
    "车停在坡上记得拉手刹 不然会溜坡",
    "花架上的花开了 好看",
    "my son fell asleep in the car lol",
    "someone fell for the scam again, be careful",
    "my dad fell last year, what kind of handrail helps",
    "the old man who fainted yesterday is fine now",
    "外面全是白的 雾大得看不见路",
    "隔壁小区的电梯也老坏 他们业主都去投诉了",
    "对面小区物业比我们的强多了",
]
FILED: list[tuple[str, str | None]] = [
    ("隔壁小区的人天天把车停我们小区门口", "parking"),
    ("隔壁小区工地太吵了 晚上十点还在施工", "noise"),
]
test_danger_is_urgent, test_no_complaint_here, test_filed_in_its_category = round_tests(
    URGENT, NOT_COMPLAINTS, FILED
)
test_look_alikes_raise_no_alarm = no_alarm_test(
    [
        "楼下烧烤烟大得睁不开眼 天天这样",
        "我吃了安眠药也睡不着 楼上太吵",
    ]
)
