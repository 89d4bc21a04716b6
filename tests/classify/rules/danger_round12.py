"""Round 12: danger families still missing after round 11 (my own sentences, none taken from
a data set), and look-alikes that must not raise an alarm."""

from __future__ import annotations

DANGER_NOW = [
    # no heating in the cold for someone frail, told with a temperature indoors or a stop
    ("暖气从前天夜里就停到现在 家里才六度 宝宝在咳嗽发烧", "other"),
    ("暖气又停了 外面零下十五度 我奶奶手冻紫了", "other"),
    # a whole compound cold or dry
    ("整个院都冷透了 外面零下十度 锅炉那边没人管", "other"),
    ("全院都没水了 一早上了也没个通知", "water"),
    # a lift that drops floors, the writer inside it, trapped for a long time, shaft open
    ("3号梯刚才突然滑到2楼才停 吓死了 里面还有个小孩", "lift"),
    ("我们在电梯里 刚才晃了一下 然后就卡住不动了 按铃没人", "lift"),
    ("货梯有人被困了二十分钟了 物业快来", "lift"),
    ("困在电梯里快一个小时了 手机也快没电了", "lift"),
    ("8号楼电梯门一开 里面什么都没有 直接看见井道了", "lift"),
    # openings: a grate or cover missing, ground hollow underneath, a pit left uncovered
    ("东门雨水箅子缺了一块 晚上黑乎乎的 骑车的容易栽进去", "facilities"),
    ("花园小路那块石板底下是空的 一踩就往下陷 小孩天天在这跑", "facilities"),
    # a bare wire where people touch, a fight with a weapon, rescue that cannot get through
    ("楼道开关面板掉了 线头露在外面 谁一摸就碰上", "power"),
    ("楼下两个男的打起来了 一个抡着钢管", "security"),
    ("急救的担架推不进去 楼道全是杂物 快来人清", "fire_safety"),
    ("小区主路被搬家车堵得死死的 120在外面进不来", "fire_safety"),
    # animals, a cat scratching now; gas smell told without the word for a leak
    ("一群流浪狗围上了一个小孩 快来人赶一下", "pets"),
    ("那只野猫把我儿子脸挠破了 现在还在滑梯下面蹲着", "pets"),
    ("燃气灶明明关了 厨房还是一股味道 越来越冲 快来看看", "fire_safety"),
    # a child locked in and leaning out, a lost child barefoot in the cold
    ("隔壁小孩被反锁在家里 一个人趴在阳台上哭", "other"),
    ("大冷天一个小孩光着脚在路口哭 找不着家了", "other"),
    # water through the ceiling from upstairs, with force; a wall bulging over children
    ("楼上在漏水 我家卫生间顶上哗啦啦往下灌 快开门", "neighbour_dispute"),
    ("幼儿园边上那段围墙往外鼓了个大包 孩子们就在墙根下玩", "facilities"),
]
NO_ALARM = [
    "滑梯的螺丝有点松了 孩子玩的时候小心点 物业修一下",
    "秋千链子断了一根 先别让孩子玩了",
    "有个小孩在门口哭 说找不到妈妈了 谁家的",
    "下水道堵了 厕所里往上冒水 臭死了",
    "楼上洗澡的时候 我家卫生间顶上就往下滴水",
    "暖气有点不热 屋里十八度 能不能调一下",
    "电梯昨天困了人 半个小时才放出来 今天修好了吗",
    "狗把我家小孩追哭了 主人也不管管",
    "院子里那个坑填上了吗 上周有人崴了脚",
    "万一被困在电梯里要打哪个电话",
]
