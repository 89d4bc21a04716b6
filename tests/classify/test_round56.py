"""Round 56 (blind81's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: a guard's report of an intruder facing him with a wrench, boys outside a roof
terrace's railing (in a report that says a team is on its way), a grandmother's voice message
typed by the phone (家住 for 夹住), a fire door propped open in a patrol log; and no alarm or
ticket for a film watched again, a shared video, a pay cut "burning" in the heart, a monthly
report, or a person already talked back from the edge."""

from __future__ import annotations

from tests.classify.judged import round_tests

URGENT = [
    ("【值班报告】03:10在4号楼地库发现一男子偷车,见保安后手持扳手逼近,请经理速来", "security"),
    ("安保记录:监控看到两个男孩翻到8栋天台护栏外面坐着,队员正赶过去,请马上联系家长", "other"),
    ("快来人啊七栋电梯门把我外孙家住了手拔不出来", "lift"),
    ("有个人拿着刀子在地库对着保安比划 快来人", "security"),
]
NOT_COMPLAINTS = [
    "《流浪地球》重温了一遍,还是好看",
    "分享个视频,邻居家狗狗学会开门了哈哈",
    "奖金又被扣了,心里那团火压都压不住",
    "【月度报告】本月共受理诉求56件,办结54件",
    "新闻里说歹徒持刀对峙警察,太吓人了",
]
FILED: list[tuple[str, str | None]] = [
    ("巡查记录:5栋防火门被人用木头顶住常开,劝了不听,请物业处理", "fire_safety"),
]

test_danger_is_urgent, test_no_complaint_here, test_filed = round_tests(
    URGENT, NOT_COMPLAINTS, FILED
)
