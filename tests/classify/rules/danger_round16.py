"""Round 16: a lift told by what it holds (电梯关着一个阿伯, in Minnan 關著), a lift door open on an
empty shaft (里面没有轿厢), ice with people already falling on it, a wet wire that gave someone a
shock (手都麻了一下) — my own sentences, none taken from a data set — with look-alikes that must
not raise an alarm."""

from __future__ import annotations

DANGER_NOW = [
    ("电梯关着一个老伯 喊他也不应 快来", None),
    ("7栋电梯困住两个小孩 快来人", "lift"),
    ("阮5号楼電梯關著一个阿嬷 緊來", "lift"),
    ("电梯门开了 里面没有轿厢 下面黑乎乎的 快来人拦住", "lift"),
    ("北门台阶结冰了 已经摔了两个了 快来撒盐", "facilities"),
    ("坡道上一层冰 好几个人都摔了 有个老人爬不起来 赶紧来", None),
    ("地库积水里有根电线 我刚走过去脚都麻了一下 快断电", None),
]
NO_ALARM = [
    "电梯关了 大家走楼梯",
    "电梯锁住了 物业说明天检修",
    "电梯门关着 人进不去 等维保",
    "去年冬天结冰 我摔了一跤 今年大家小心",
    "路面结冰了 大家出门慢点",
    "冰箱结冰了 是不是温度调太低",
    "打麻将打得手都麻了",
    "坐久了腿麻了一下",
]
