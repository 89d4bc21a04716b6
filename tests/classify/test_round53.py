"""Round 53 (blind78's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: a burning smell at a switchboard left open with children beside it, smoke
that stings the eyes of someone who cannot get downstairs, "has anyone seen my grandmother /
a little girl" with an age and a word that she is lost (the rules are sure of those: the
model may not overrule them), play equipment that gives way under a foot with children on it,
a car still circling fast; and no alarm for a switchboard's smell alone, a computer that
smoked and is unplugged, a cat that got out, or a child's exercise book."""

from __future__ import annotations

from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("配电箱那里一股焦糊味 箱门开着 几个小孩在旁边玩", "power"),
    ("楼道里全是糊味 我眼睛熏得直流泪 老伴走不动下不了楼 谁来帮帮我们", "fire_safety"),
    ("有没有人看到我奶奶 八十岁了 早上出门到现在没回来 她不认得路", "other"),
    ("大家有没有看见一个小女孩 三岁 穿粉色外套 刚才在滑梯那边 现在找不到了", "other"),
    ("健身器材那个踏板一踩就往下掉 几个小朋友还在上面玩", "facilities"),
    ("那辆车在小区里开得飞快 现在还在绕圈 差点撞到人", "security"),
]
NOT_COMPLAINTS = [
    "我电脑冒了一下烟 已经拔掉电源了 没事",
    "有没有人看到我家猫 橘色的 三岁 跑出去找不到了",
    "看到我儿子的作业本没 他说放楼下忘拿了",
]
FILED: list[tuple[str, str | None]] = []

test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)
test_look_alikes_raise_no_alarm = no_alarm_test(["配电房门口一直滋滋响 还有焦味"])
