"""Round 67 (blind94's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: a Korean tenant's water pouring in by the electric box, a Japanese tenant's fire
on the stairs, pesticide sprayed on a child who is now coughing, a fight with a head broken; and
no alarm for a Japanese idiom with 火事, a fountain like a waterfall, a game's fallen hero."""

from __future__ import annotations

from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("우리 아파트 지하에서 물이 쏟아져요 빨리 와주세요 3栋", "water"),
    ("9号楼の階段で火事です！", "fire_safety"),
    ("物业打的杀虫药水喷到楼下玩的小孩身上了 孩子一直咳 眼睛红", "greenery"),
    ("业主和快递员打起来了 有人头破了", "security"),
]
NOT_COMPLAINTS: list[str] = []
FILED: list[tuple[str, str | None]] = []
test_danger_is_urgent, _, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)
test_look_alikes_raise_no_alarm = no_alarm_test(
    [
        "火事場の馬鹿力って知ってる？",
        "那个瀑布一样的喷泉真好看",
        "游戏里他倒地了呼之不应哈哈",
        "谢谢保安大哥 半夜帮我抬老人上楼 辛苦了👍",
        "有人打架吗？出去一看是两个小伙子在拍短视频",
    ]
)
