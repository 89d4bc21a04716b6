"""Round 54 (blind79's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: a girl (闺女, 妞) or a grandchild gone "in the turn of a face" (一转脸就没了),
a grandmother lost told in 闽南话 (无见了, 头脑无清楚), a confused neighbour not back where
the message asks "if you see him, keep him" (看到的话 is no question about procedure), a
smell asked about as gas and told strong; and no alarm for a clip seen on a phone (刷到条片),
a faint smell someone is unsure of, or what to do "if gas ever leaks"."""

from __future__ import annotations

from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("我家闺女不见了 六岁 穿蓝裙子 刚才还在楼下 大家帮忙看看", "other"),
    ("俺家小孙子在广场玩 一转脸就没了 三岁 穿红棉袄 保安帮忙看下门", "other"),
    ("阮阿嬷无见了 头脑无清楚 七十几岁 大家帮忙看下监控", "other"),
    ("隔壁李爷爷有点糊涂 早上出门到现在没回来 大家看到的话帮忙留住他 物业查下监控", "other"),
    ("这楼道里是不是煤气味啊 好冲 头都晕了", "fire_safety"),
]
NOT_COMPLAINTS = ["刷到条片 有个细路喺电梯度困咗 好惊", "万一煤气漏了的话 应该先做什么"]
FILED: list[tuple[str, str | None]] = []

test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)
test_look_alikes_raise_no_alarm = no_alarm_test(["5楼那个味道是不是煤气啊 我也不确定 淡淡的"])
