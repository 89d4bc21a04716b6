"""Round 74 (blind101's and blind103's misses), judged by the shipped classifier — my own
sentences, none taken from a data set: a fight in Cantonese where someone holds a pipe or a farm
tool is swung; a stranger dragging off a child who cries she does not know him; something that
fell on a person's head and left them down (and an English gate fell on someone); a bang, then
crackling and a burnt smell; a child alone by a hissing stove; rotten-egg smell that makes people
dizzy; "救火" alone; typos 冒黑眼, 液化汽, 水飙 and zh (着火); and no complaint for a forwarded
safety tip, a gas smell explained as herbs boiling, a child-safety clip from a video app, a lift
trapped somewhere else on a video app with ours said to be fine."""

from __future__ import annotations

from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("有班人喺停车场打交 手里拎住棍 快啲报警", "security"),
    ("两家为了晒被子的地方打起来了 扁担都抡上了 后院", "security"),
    ("滑梯那边有个女的抱着个小男孩往外走 孩子哭着喊不认识她 快拦住", "security"),
    ("a shelf fell on an old lady at 3栋 lobby, she is pinned under it, please come", "other"),
    ("车库C区那边嘭一声巨响 然后一直滋滋响 灯全灭了 有股焦味", "power"),
    ("我是3楼的小朋友 爸爸妈妈不在家 厨房那个灶一直在响 味道很臭 我好怕", "fire_safety"),
    ("一进2单元就头晕 一股子臭鸡蛋那个味 越往上越重", "fire_safety"),
    ("闻到煤气味了 是隔壁在熬中药吗 好浓", "fire_safety"),
    ("救火啊!!", "fire_safety"),
    ("快来 2栋后面冒黑眼了", "fire_safety"),
    ("煤气罐漏起了 屋头全是味道", "fire_safety"),
    ("9栋楼下zh了 快来人", "fire_safety"),
]
NOT_COMPLAINTS = [
    "用电安全小贴士：不要私拉电线 电动车不要进楼道充电",
    "刚才群里说的烟是隔壁烧纸钱 误会了 没事",
    "短视频：陌生人抱走孩子只要几秒 家长一定看好",
    "抖音上看到别人小区有人在电梯里被困 咱这电梯还行",
]
FILED: list[tuple[str, str | None]] = [
    ("水飙转得好快 这个月水费三百多 帮忙查下", "water"),
    ("我家水表没用水也在转 是不是哪里漏了", "water"),
    ("咱这电梯还行 就是门口停车太乱了", None),
]
test_danger_is_urgent, test_no_complaint_here, test_filed = round_tests(
    URGENT, NOT_COMPLAINTS, FILED
)
test_look_alikes_raise_no_alarm = no_alarm_test(
    [
        "小时候跟人打架 拿着根棍子追了三条街 哈哈",
        "上个月道闸砸到一个大爷头上 后来赔了钱",
        "过年放鞭炮 嘭的一声巨响 一股烧焦味",
        "爸爸拖着哭闹的孩子回家 孩子说不想走",
        "the tree fell on a car last night, no one hurt",
        "zh了吗 这个字怎么念",
    ]
)
