"""Round 79 (blind106's misses, told in sentences of my own): 着火了 in initials followed by
exclamation marks ("zhl!!! 9栋"); the power off now with someone bedridden suffering in it even
when it is the third cut this week (sure: the habit word vetoed it, then the model); the flat
upstairs leaking until our ceiling comes down is the neighbours' doing, not the building's; the
dust and the hoarding of a building site outside are "other", not a neighbour's; a fire in the
power room is fire safety whatever went dark with it (the rules' danger now says so); the
management office shutting early is a complaint about the property; a ceiling that came down on
someone just now is urgent (sure: the model read it as a defect)."""

from __future__ import annotations

from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("zhl!!! 5栋2单元 快跑", "fire_safety"),
    ("zhl！！ 12栋楼下", "fire_safety"),
    ("又停电了 这礼拜第二次 我爸卧床 热得受不了 快来人", "power"),
    ("8栋又全栋停电了 这个月第三次 家里有瘫痪老人 热得受不了", "power"),
    ("3栋配电箱起火了 全楼没电", "fire_safety"),
    ("我家楼上漏水 天花板塌下来一块 差点砸到孙子", "neighbour_dispute"),
    ("天花板塌下来一块 砸到我妈了", "facilities"),
]
NOT_COMPLAINTS = [
    "今天下班比平时早 开心",
    "我老公下班比我早 他去接娃",
    "物业今天提前下班了吗 我想去交费",
    "hhh!!! 笑死",
    "zhl吗 听说7栋",
    "如果停电了 卧床的老人热得受不了咋办",
    "以前停电了 瘫痪的奶奶热得受不了 现在有发电机了",
    "新闻说有个小区停电了 瘫痪老人热得受不了 好可怜",
    "电表箱着火的新闻看到没 好吓人",
    "演练：配电房起火 请大家按路线疏散",
    "工地的扬尘治理措施已经公示了",
    "听说隔壁工地要装新围挡了",
]
FILED: list[tuple[str, str | None]] = [
    ("管理处中午直接关门 下班时间比我们上班还早", "property_service"),
    ("物业经常提前走人 电话也不接", "property_service"),
    ("隔壁工地的灰尘飘过来 阳台天天一层灰", "other"),
    ("东门外工地扬尘大", "other"),
    ("隔壁工地晚上十一点还在打桩 咚咚咚 根本睡不着", "noise"),
    ("楼上漏水 我家吊顶塌了 砸坏了电视", "neighbour_dispute"),
    ("又停电了 这个月第四次了 也没个通知", "power"),
]
test_danger_is_urgent, test_no_complaint_here, test_filed_in_its_category = round_tests(
    URGENT, NOT_COMPLAINTS, FILED
)
test_look_alikes_raise_no_alarm = no_alarm_test(
    [
        "每次停电了 瘫痪在床的老人都热得受不了",
        "5栋电表箱冒火花的事上周就修好了",
        "去年天花板掉下来砸到我妈 到现在都没人管",
    ]
)
