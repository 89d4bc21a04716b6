"""Round 48 (blind73's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: something blown off a roof with more of it swaying (粤语 落来), someone
knocked down by a shock who has not come round, an air-conditioner bracket half broken over a
doorway in 闽南话 (架仔, 下跤); and no alarm for a smell checked and explained, or for one's
hair "on fire" under a deadline."""

from __future__ import annotations

from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("大风把3栋天台的铁皮棚吹落来一块 砸在花园里 仲有几块喺度摇", "facilities"),
    ("修水泵的师傅在泵房被电倒了 到现在还没醒过来 快叫120", "power"),
    ("5栋二楼彼个冷气机的架仔断一半 吊咧晃 下跤就是囝仔放学行的路", "facilities"),
]
NOT_COMPLAINTS = [
    "昨晚2栋楼道的焦味查清楚了 是楼下烧烤店飘上来的 物业看过了 没事",
    "燃气公司上门检查过了 管道没有泄漏 大家放心",
]
FILED: list[tuple[str, str | None]] = []

test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)
test_look_alikes_raise_no_alarm = no_alarm_test(
    ["月底要交报告 领导天天催 我头发都快着火了", "孩子被静电电到了 哭了一声就好了"]
)
