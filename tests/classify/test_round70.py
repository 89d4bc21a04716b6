"""Round 70 (blind97's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: a lift stuck with someone in it in initials (dt 卡人), a Japanese tenant's gas
smell, charcoal burned behind shut doors with someone inside, a power cut in the heat with a
newborn, stairs blocked while smoke is smelled; and no complaint for a video's cat, a chat about
last night's power cut, a compound praised."""

from __future__ import annotations

from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("8栋 dt 卡人了", "lift"),
    ("5号楼の階段でガスの臭いがします", "fire_safety"),
    ("地下室有人烧炭 门窗都关着 人在里面", "fire_safety"),
    ("跳闸了 屋里35度 孩子月子里一直哭", "power"),
    ("2单元楼梯堵满了杂物 现在闻到烟味 人都下不来", "fire_safety"),
]
NOT_COMPLAINTS = [
    "xswl 视频里那只猫把头卡在窗户里了",
    "前天停电那会儿大家都在干嘛 我家打了一晚上麻将",
]
FILED: list[tuple[str, str | None]] = []
test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)
test_look_alikes_raise_no_alarm = no_alarm_test(
    [
        "说实话 这物业好得我都不习惯了",
        "烧炭火锅好吃 窗户关着有点闷",
        "楼道堵满了杂物 万一起火人都下不来",
    ]
)
