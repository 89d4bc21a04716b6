"""Round 69 (blind96's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: a domestic helper's Tagalog (a drunk man punching the door), a flower pot fallen
on a woman who is not moving, a Japanese tenant's lift stopped with people inside, a smoke alarm
with a burning smell in a guard's log asking for support, a man smashing car windows with a beer
bottle in a signed log; and no alarm for a neighbour who is not moving in, a film, a smoke
alarm's test, a gas alarm for sale."""

from __future__ import annotations

from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("Ate, may lasing sa 4栋 lobby, sumusuntok sa pinto, natatakot kami", "security"),
    ("A flower pot fell on a lady's head at 3栋, she is not moving", "other"),
    ("3号楼のエレベーターが止まって、中に人がいます！", "lift"),
    ("值班记录 01:20 5号楼配电间烟感报警 现场有焦味 需要支援", "fire_safety"),
    ("18:40 北门 一男子拿着啤酒瓶砸车窗 已报警 ——值班保安", "security"),
]
NOT_COMPLAINTS = [
    "He is not moving to our building after all",
]
FILED: list[tuple[str, str | None]] = []
test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)
test_look_alikes_raise_no_alarm = no_alarm_test(
    [
        "The movie where the lift stopped and people were inside was scary",
        "烟感报警器测试 今天下午",
        "燃气报警器在哪里买",
        "她没有点了吗 奶茶店",
    ]
)
