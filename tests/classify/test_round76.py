"""Round 76 (blind104's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: a crowd that pushed someone down and trod on them; a lift that shuts on a
person, told in two words; a call for help and a stuck lift in pinyin initials; a guard's log of
a fire alarm with the smoke confirmed and residents got out; a guard's log of a garage whose
water keeps rising; a Japanese tenant's dog biting a child; and no alarm for a video of a
trapped child followed by a question for our own lift's number. Found while testing them: "不是
开玩笑" (not joking) had read as a joke and silenced a fire; a lift that skips floors was no
complaint; the model's alarm stayed when the reporter said it was not urgent; a parent's lesson
("教育孩子不要打架") raised an armed fight's alarm."""

from __future__ import annotations

from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("菜场门口人太多 有人被推倒踩了", "other"),
    ("2栋电梯夹人", "lift"),
    ("jm jm 8栋 dt有人 kz了", "lift"),
    ("【巡逻】14栋消防主机报警 核实5楼确有烟雾 正在敲门叫人", "fire_safety"),
    ("【值班】地库积水持续上涨 已淹两台车 请工程部立即处理", "water"),
    ("5棟の前で犬が子どもにかみついています", "pets"),
    ("3栋着火了 不是开玩笑 快来", "fire_safety"),
    ("电梯里真困人了 没开玩笑", "lift"),
]
NOT_COMPLAINTS = [
    "刷到个视频 有人被困电梯 好吓人 咱们小区物业电话多少来着",
    "jm们 今晚团购的车厘子到了",
    "【值班安排】本周值班人员如下 王师傅 李师傅",
    "烧煤炉的睡前把炉子封好 窗户留缝 中毒可不是开玩笑的",
    "教育孩子不要打架 拿着刀更不行",
]
FILED: list[tuple[str, str | None]] = [
    ("the lift in 3栋 skips floors sometimes, not urgent but pls check", "lift"),
    ("电梯跳层 不紧急", "lift"),
]
test_danger_is_urgent, test_no_complaint_here, test_filed_in_its_category = round_tests(
    URGENT, NOT_COMPLAINTS, FILED
)
test_look_alikes_raise_no_alarm = no_alarm_test(
    [
        "电梯门老是夹人 能不能修一下",
        "电梯夹人的新闻看了吗 吓人",
        "地下车库积水还在涨吗",
        "如果车库积水持续上涨 请车主挪车",
        "昨晚地下车库积水持续上涨 今天已经抽干了 谢谢物业",
        "消防主机报警了 核实是误报 没有烟雾",
        "【通知】明天消防演习 届时会冒出烟雾 请勿惊慌 按指引疏散",
        "うちの犬が子どもにかみついたことはない",
        "我的鞋被踩了一脚 好气",
    ]
)
