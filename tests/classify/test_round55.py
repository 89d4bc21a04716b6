"""Round 55 (blind80's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: a drunk man at a door shouting that he will kill a family, a man with a
machete still at the entrance, someone slashed told in a cry, teenagers on a roof's parapet, a
fire told in English by a tenant, a cry of a few words that ends "怎么办"; and no alarm for a
mother's "要打死我" after an exam, a song that is "fire", a fire drill, or a puppy lost."""

from __future__ import annotations

from tests.classify.judged import round_tests

URGENT = [
    ("那个醉汉在5栋门口拍门 喊着要弄死他们一家", "security"),
    ("楼下有个男的拿着砍刀 说要找人算账 现在还在单元门口转", "security"),
    ("快来人 东门有人被砍了 流了好多血", "other"),
    ("7栋天台门开着 几个初中生在女儿墙上坐着打闹", "other"),
    ("help 3栋 厨房 fire 好多烟 快", "fire_safety"),
    ("烟 电梯口 出不去 8栋 怎么办", "fire_safety"),
]
NOT_COMPLAINTS = [
    "我妈说要打死我 哈哈 考砸了",
    "这个新歌太fire了",
    "fire drill tomorrow 10am 大家记得下楼",
    "有没有人看到我家小狗 两岁 跟丢了",
]
FILED: list[tuple[str, str | None]] = []

test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)
