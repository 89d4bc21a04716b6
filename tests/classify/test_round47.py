"""Round 47 (blind71–72's misses), judged by the shipped classifier — my own sentences, none
taken from a data set: a whole plea typed in pinyin, someone with an intellectual disability or
dementia missing, a vehicle that knocked someone down told with 把, someone dragged along by a
car, a stab wound, dogs at a jogger, a cry that went quiet behind a locked door; and no
complaint for a recipe's smoking oil, a lottery ticket or a question about what is allowed."""

from __future__ import annotations

from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("lou xia you ge lao tai tai die dao le, liu xue le, zhan bu qi lai", "other"),
    ("我妹妹有自闭症 中午从北门出去就一直没回来 穿粉色外套 大家帮忙看看", "other"),
    ("一辆三轮车倒车把个买菜的婆婆给撞倒了 人躺着不动 就在菜场门口", "other"),
    ("北门有个外卖小哥被一辆小车拖着跑了十几米 现在坐在地上满手是血", "other"),
    ("15栋门口两个人拿着刀比划 有一个已经挨了一刀 血流了一地", "security"),
    ("三条野狗把一个夜跑的大姐围住了 扑上去咬她 她在那尖叫", "pets"),
    ("维修师傅在地下室配电房里喊了两声就没声音了 门从外面锁住了 谁有钥匙", "other"),
]
NOT_COMPLAINTS = [
    "回锅肉的做法是先把油烧到冒烟 再下肉片 试过都说香",
    "双色球又没中 心都碎成渣了",
]
FILED: list[tuple[str, str | None]] = []

test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)
test_look_alikes_raise_no_alarm = no_alarm_test(
    [
        "我哥有点智力障碍 在福利厂上班 今天加班没回来吃饭",
        "小孩在楼上叫了几声 现在没声音了 总算睡了",
        "听说隔壁小区有人被车拖着走了好远 太吓人了 大家开车注意",
        "the old man said yun dao was the name of his village",
    ]
)
