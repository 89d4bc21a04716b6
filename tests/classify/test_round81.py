"""Round 81 (blind108's misses, told in sentences of my own): an old walk-up compound in spring —
a branch cracking over people below, a collapse with convulsions, someone fallen who cannot get
up with a call for help, a child lost told with an age or clothes, someone knocked down by a car
just now, workers shut in a construction hoist, an intruder over the wall with a crowbar, a
Korean tenant's man with a knife (all sure); dogs ringing children in, a window frame down with
glass still hanging, roof sheets flying in a sandstorm, a cable down and sparking and a pipe
fallen from scaffolding told in English, a Japanese tenant's burst pipe. No complaint: a notice
asking opinions on a lift (意见征集：), fire extinguishers sold cheap, a flower red as fire, who
brings the dancers' speaker. Complaints: the office locked at three, a receipt refused."""

from __future__ import annotations

from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("南门那棵杨树的枝子咔嚓响 眼看要断 树下一帮老头在打牌", "greenery"),
    ("卖水果的大哥一头栽那了 浑身抽抽 谁会急救", "other"),
    ("我妈在楼道摔倒了 起不来 7号楼 谁来帮个忙", "other"),
    ("孩子不见了！6岁女孩 粉色外套 刚才还在楼下", "other"),
    ("小区门口一辆电动车刚撞倒一个老太太 骑车的跑了", "other"),
    ("一辆黑色轿车在小区里开得飞快 刚撞倒一个遛狗的大妈 司机还想跑", "other"),
    ("值班记录 3号楼加装电梯井道里施工吊笼卡住 内有工人3名", "lift"),
    ("巡查记录 有人翻墙进入小区 手持钢管 已报警", "security"),
    ("5동 앞에서 남자가 칼을 들고 있어요 빨리요", "security"),
    ("流浪狗五六只 在北门把放学的孩子围住了 冲着孩子龇牙", "pets"),
    ("4单元楼道的窗户连框整个掉下来了 还有半块玻璃挂着", "facilities"),
    ("刮大风 楼顶彩钢瓦一片片往下飞 西门别走人了", "facilities"),
    ("the power line by 4号楼 snapped and is lying on the grass, still sparking", "power"),
    ("6号楼の地下で水道管が破裂しました 水がどんどん出ています", "water"),
]
NOT_COMPLAINTS = [
    "我家狗一头栽进雪堆里 抽抽鼻子又跑了",
    "小孩丢了一只鞋 蓝色的 3岁穿的 谁捡到了",
    "昨天有辆车撞倒了一个老人 今天家属来了",
    "吊笼今天检修 施工电梯停用",
    "칼을 사고 싶어요 좋은 칼 추천해주세요",
    "狗围着孩子转 摇尾巴 好可爱",
    "摔倒了起不来怎么办 有没有防摔的扶手推荐",
    "加装电梯意见征集：请5号楼各户下周一前签字 有顾虑可以写在意见栏",
    "出一个灭火器 3公斤的 没用过 便宜给",
    "阳台的三角梅开了 红得跟着了火似的",
    "明天跳舞的音箱谁带 我那个没电了",
    "水道管の工事は明日です",
]
FILED: list[tuple[str, str | None]] = [
    ("物业办公室下午四点就锁门了 找谁去", "property_service"),
    ("交了临时管理费 要个收据都不给", "property_service"),
]
test_danger_is_urgent, test_no_complaint_here, test_filed_in_its_category = round_tests(
    URGENT, NOT_COMPLAINTS, FILED
)
test_look_alikes_raise_no_alarm = no_alarm_test(
    [
        "沙尘暴来了 彩钢瓦刮飞了好几片 底下没人 明天修",
        "树枝咔咔响 眼看要折 底下没人 明天让园林来剪",
        "差点撞倒一个小孩 开那么快干嘛",
        "a tile fell from the roof yesterday, nobody hurt, please fix it",
    ]
)
