"""Round 15: a whole building without water or power in Hunan words (咯栋楼, 冒得) and
northeastern ones (这一大楼), "whole of block" in English, a gas smell told as strong (煤气 好冲),
play equipment broken under children now (my own sentences, none taken from a data set), with
look-alikes that must not raise an alarm."""

from __future__ import annotations

DANGER_NOW = [
    # Hunan: 咯 (this), 冒得 (have none)
    ("咯栋楼冒得电哒 屋里老人热得不行", "power"),
    ("5栋冒得水了 一滴都冒得", "water"),
    ("我们咯栋楼一上午冒得水 饭都做不成", "water"),
    # northeastern: 这一大楼, 整个大楼
    ("咱这一大楼全停电了 电梯也不动了", "power"),
    ("8栋整个大楼都没水了 一早上了", "water"),
    # English: "whole of block", "whole of the building", power and oxygen
    ("Whole of block 2 has no water since 6am", "water"),
    ("The whole of the building is without power right now", "power"),
    ("Power is out in our flat and my mum is on a ventilator", None),
    # gas told as strong
    ("煤气 好冲 三楼", "fire_safety"),
    ("天然气味道 特别冲 5单元", "fire_safety"),
    ("一开门 液化气 贼冲", "fire_safety"),
    # play equipment broken under children now
    ("滑梯断了 露出铁皮 小孩还在上面滑", "facilities"),
    ("秋千的绳子快断了 好几个娃还在荡", "facilities"),
    ("蹦床的弹簧崩出来了 孩子们正在上面蹦", "facilities"),
]
NO_ALARM = [
    "感冒得厉害 这几天别来我家",
    "5栋冒得事 大家放心",
    "咯栋楼冒得电梯 爬楼累死",
    "这栋楼没电梯 老人上下楼难",
    "这一大楼的人都认识他",
    "煤气罐好重 扛不上楼",
    "燃气费好贵 一个月三百",
    "The whole of block 5 had no power yesterday",
    "Whole building had no water this morning but it's back now",
    "滑梯修好了 孩子们又在上面玩了",
    "秋千断了 已经拦起来了 没人玩",
    "孩子们在滑梯上玩得好开心",
    "My grandad uses an oxygen machine, does anyone know a good supplier",
]

# 好几个 counts people here, not times ("好几次", "好几个月" stay habitual)
DANGER_NOW += [("电梯里困了好几个人", "lift")]
NO_ALARM += ["电梯好几次关人了 物业也不管", "停电好几个月了 也没人来修"]

# A review's sentences: a danger here beside a mention of somewhere else keeps its alarm; a
# parent's own child in the yard is here; explained smells, 浓度 and 脱漆 are no danger.
DANGER_NOW += [
    ("老家也停电了，我们整栋楼也停电了，电梯里关了人", None),
    ("老家都没这么差，楼下电梯困人半小时了没人管", "lift"),
    ("老家那边也下大雨，我们家进水了，电线泡在水里", None),
    ("人在老家也着急，楼道里着火了赶紧来人", "fire_safety"),
    ("老家的亲戚在楼下，说闻到好冲的煤气味", "fire_safety"),
    ("朋友家小区也是这样，楼道着火了快来人啊", "fire_safety"),
    ("刷到视频才知道，楼下着火了快来人", "fire_safety"),
    ("带儿子院子里玩，滑梯断了好几个小孩还在上面滑", "facilities"),
    ("女儿院里荡秋千，秋千绳断了孩子还在荡", "facilities"),
]
NO_ALARM += [
    "天然气浓度检测正常，放心",
    "煤气好冲哦，原来是隔壁在炒辣椒",
    "滑梯脱漆了，小孩都在玩",
    "我爸妈那边小区燃气味好冲",
    "我娘家小区着火了",
    "我们老家那边发大水了",
]
