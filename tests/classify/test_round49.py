"""Round 49 (blind74's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: pleas typed in pinyin (a flowerpot thrown down, a tree blown onto a car, a
lift door open on the empty shaft), an old man nobody has seen come out for days (湖南话 老倌子),
a car tearing along the paths and still going, a worker outside a high window without a rope;
and no alarm for "气冒烟" of one's own child or "嗓子冒烟" of a sore throat, nor for a rider's
habit of racing through the compound."""

from __future__ import annotations

from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    (
        "6 hao lou you ren wang xia reng hua pen, za dao che le, xia mian hai you xiao hai",
        "security",
    ),
    ("da shu bei feng chui dao le, ya zai che shang, che li you ren, 2 dong men kou", "greenery"),
    ("3栋那个老倌子三天冇看到出来了 敲门也冇人应 屋里有股味 你们快来看下", "other"),
    ("有辆黑车在小区里开得飞快 按着喇叭乱冲 现在往幼儿园那边去了", "other"),
    ("空调师傅站在18楼阳台外面装外机 安全绳都没系 风好大", "other"),
]
NOT_COMPLAINTS = [
    "熊孩子今天又把作业弄丢了 我被气冒烟了",
]
FILED: list[tuple[str, str | None]] = []

test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)
test_look_alikes_raise_no_alarm = no_alarm_test(
    [
        "感冒三天了 嗓子冒烟 说话都疼",
        "送外卖的天天在小区里横冲直撞 差点撞到老人 物业管管",
    ]
)
