"""Round 13: people already made ill by something in the air, danger told after it is over,
and danger in Sichuan and Chongqing words (my own sentences, none taken from a data set), with
look-alikes that must not raise an alarm."""

from __future__ import annotations

DANGER_NOW = [
    # fumes that already made people ill: a chemical dumped, pesticide, cleaning agents mixed
    ("楼道里不知道谁洒了什么液体 味道刺鼻 我家孩子闻了一直咳", None),
    ("垃圾房边上一桶化学品漏了 两个环卫工头晕呕吐", None),
    ("绿化在楼下喷药 窗户都关了 还是呛得老人直咳", None),
    ("地下室一股怪味 我家老人头晕了", None),
    ("保洁把消毒水和洁厕灵混一起拖地 大堂里呛得喘不上气", None),
    # still happening
    ("有人晕倒在电梯口 谁来帮忙送去医院", None),
    ("3楼着火了 火还没灭 快跑", None),
    # Sichuan and Chongqing: 关到/关倒 (trapped), 头 (inside), 咯 (了), 老汉儿 (father), 喊不醒
    ("电梯关到人了", "lift"),
    ("电梯把人关起了 在8楼", "lift"),
    ("电梯里头关到个老人家", "lift"),
    ("娃儿关到电梯头了", "lift"),
    ("天然气漏咯 一股臭味", "fire_safety"),
    ("老汉儿晕倒在楼梯间了 喊不醒", "other"),
]
NO_ALARM = [
    "感冒了 一直咳 吃了药也不见好",
    "坐车坐得头晕想吐",
    "如果闻到刺鼻气味 头晕 要马上开窗 离开",
    "这个中药味太苦了 我都想吐",
    "下周三绿化打药 有过敏的邻居请关好窗",
    # told after it is over
    "火已经扑灭了 是三楼阳台的纸箱烧着了 没有人受伤",
    "李奶奶在家摔倒了 邻居发现得早 120已经送去医院了",
    "要是电梯关到人咋个办",
    "娃儿把门关到了 进不去屋",
    "上个月电梯关到人了 后来修好了",
]
