"""Round 14: danger in Cantonese words, a cry of two characters, someone locked in, roofing
torn off by the wind, a whole block (座) without water (my own sentences, none taken from a
data set), with look-alikes that must not raise an alarm."""

from __future__ import annotations

DANGER_NOW = [
    # Cantonese: 困咗 (trapped), 冇人应 (no answer), 冇晒 (none at all), 火烛 (fire), 冧 (collapse)
    ("6座有个阿伯困咗喺电梯入面 叫极都冇人应", "lift"),
    ("隔篱屋成阵煤气味 拍门冇人应", None),
    ("3楼啲烟好大 好似火烛 快啲打119", "fire_safety"),
    ("成座楼冇晒水 啲老人家点算", "water"),
    ("成座楼黑晒 冇电", "power"),
    ("骑楼啲批荡冧咗落嚟 下面好多人行过", None),
    # a cry that opens with smoke and points at a place
    ("烟!! 5号楼那边", "fire_safety"),
    ("着火了！！快 2单元", "fire_safety"),
    # locked in and cannot get out
    ("我被反锁在地下室里出不来 手机快没电了", None),
    # roofing or panels torn off by the wind over a path
    ("5栋顶上的彩钢板被风吹翻了一半 下面好多小孩在玩", "facilities"),
    ("楼顶铁皮吹起来了 随时吹下去 楼下是人行道", "facilities"),
    # someone down: 倒下来, 吐白沫, Hokkien 跋倒 (fell)
    ("健身区一个大叔倒下来了 在抽搐", "other"),
    ("阿嬷在楼梯口跋倒 流血了", "other"),
    ("楼下有个老人躺着没气了 快打120", "other"),
    # a whole building still without power or water; something came down, maybe on someone
    ("9号楼还是没电 老人在家热得不行", "power"),
    ("7栋到现在还没水 一天了", "water"),
    ("车棚顶塌下来了 下面有没有人", None),
    # Cantonese words the lexicon already knew stay known (冷气机, 拍门 in a lift)
    ("5座冷气机摇摇欲坠 下面有人行过", None),
    ("电梯里有人拍门 叫都叫唔应", "lift"),
    # later (blind29's streams): a building's lift named by the building alone, water into a
    # home, a whole building's heating cold with old people freezing
    ("@物业 8栋关人了", "lift"),
    ("水都流到屋里了 地板全泡了 总阀在哪", None),
    ("整栋楼暖气片都冰凉 家里老人冻着了", None),
    ("3栋昨天停电 到现在还没来", "power"),
    ("停水了 整栋楼 7号楼 有人管没", "water"),
    ("着活了 3栋4楼", "fire_safety"),  # voice input for 着火了
    ("3栋全黑了 电梯停了", "power"),
    # blind29's two misses: 困咗人 (困了人), English at length
    ("5座部电梯困咗人 等咗好耐", "lift"),
    ("2号楼电梯困了个小孩", "lift"),
    ("The entire building 7栋 has had no power for two hours, my dad is on oxygen", "power"),
]
NO_ALARM = [
    "唔该晒 师傅好快搞掂咗",
    "呢排天气好热 大家饮多啲水",
    "烟花好靓啊！！",
    "风好大 吹得我头发都乱了",
    "今天风大 衣服吹掉了 楼下有人帮我捡上来了",
    "书架倒下来了 砸坏了花瓶",
    "钥匙锁在屋里了 有没有开锁师傅电话",
    "3栋还没有电梯 爬楼累死",
    "5栋没电梯 老人爬楼好辛苦",
    "8号楼没电费了 记得交",
    "请问3栋还没来电吗",
    "烟!! 谁又在楼道抽烟 呛死了",
    # a review's look-alikes: a vaccine, a skipping rope, a shop that closed, a phone signal, a PC
    "社区正在打老人流感疫苗 在活动室",
    "楼上小孩想跳绳 吵死了",
    "那家超市倒闭了 里面还有人吗",
    "3栋一直没电信信号",
    "打了一下午电脑 手都麻了",
    # 没气 of a ball or a tyre, not of a child
    "娃的篮球没气了 谁家有打气筒",
    "孩子的自行车胎没气了",
    # 着了 after a verb is "got", not "caught fire"
    "我家猫冻着了 打喷嚏",
    "娃刚睡着了 楼上别跳了",
    # the power or water is back
    "8栋半夜停电 现在来了",
    "3栋停水了 已经来水了",
    "5栋黑了好几天的楼道灯 没人修",
    "楼下那盆花还活着了 没冻死",
    "上夜班回来困了 人都是懵的",
    # a review's look-alikes of this round's rules
    "师傅正干着活呢 别催",
    "宝宝困了老人抱着在楼下晒太阳",
    "7栋都黑了 大家睡得真早",
    "我手机没电了 整个楼道的灯也不亮 摸黑上楼",
    "6栋下午停水是因为二次供水水箱清洗 有通知的",
    "The entire block had no power last night but it's back now, thanks",
    "the whole building power is off-peak pricing now",
    "整个楼道冰冷冰冷的 零下好几度 楼道窗户坏了没人修",
    "老人家的轮椅轱辘没气了 推不动",
    "娃吃饭呛着了 咳了半天",
]
