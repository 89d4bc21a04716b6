"""Round 11: danger families still missing after round 10 (my own sentences, none taken from
a data set), and look-alikes that must not raise an alarm."""

from __future__ import annotations

DANGER_NOW = [
    # no water or power, or no heating in the cold, for someone who depends on it
    ("7栋到现在一滴水都没有 我妈卧床三年了 要擦洗 怎么办", None),
    ("暖气凉透了 外面零下十几度 家里有个刚满月的娃", None),
    ("锅炉坏了全楼没暖气 -18℃ 我家老人冻得直哆嗦", None),
    ("还没来电 屋里热得不行 我爸的氧气瓶快用完了", None),
    # a gas pipe holed, a heating pipe burst into a home, water reaching a meter box
    ("楼下装修的把燃气管打了个洞 呼呼地往外冒气", None),
    ("卫生间暖气片爆了 热水喷得满屋都是 快来人关总阀", None),
    ("水都流到配电箱底下了 大家别靠近 电工快来", None),
    # people in a lift, between floors
    ("我们被困梯快半小时了 里面有个孕妇 快来人", None),
    ("电梯停在9楼和10楼之间 里面是个老奶奶 一直在拍门", None),
    # people on an edge, choking, a child alone behind a door, a lost old man
    ("两个高中生坐在楼顶边上 腿悬空晃来晃去 快叫保安", None),
    ("我爸吃饭噎住了 脸都青了 快来人帮忙", None),
    ("隔壁小孩哭了快三个小时了 敲门也没人开 会不会出事了", None),
    ("一个老爷爷在门口转了好久 问他家住哪说不清楚 穿着睡衣", None),
    # animals going for people now
    ("一只流浪猫刚才扑上来把小孩的手抓破了 还在流血 猫还在花坛里", None),
    ("楼道里那条大狗把一个小朋友逼到角落里 冲着他龇牙 快来人", None),
    # intruders and someone luring children
    ("有两个人刚翻围墙进来 背着包往地库跑了 保安快去", None),
    ("有个陌生男的在滑梯那边给小孩发糖 要带走去看小狗 快来", None),
    # rescue kept out
    ("救护车到东门了 东门的铁门上着锁 保安不在 快开门", None),
]
NO_ALARM = [
    "我家猫昨天把我抓了一下 出了点血 要打疫苗吗",
    "邻居家的狗见人就龇牙 能不能管管",
    "暖气有点凉 屋里才18度 物业给看看",
    "电梯经常停在两层中间 维保要查查",
    "楼下有人在修燃气管 大家别担心 是燃气公司的",
    "小孩在楼下哭了一会 被妈妈抱回去了",
    "上次有人翻墙进来偷东西 后来抓到了",
    "去年冬天锅炉坏过一次 冷了三天",
    "下雨天地下室有点积水 物业来抽一下",
    "孩子们在楼顶天台放风筝 好开心",
    "厨房下水又不通了 脏水从池子里反上来 满屋子的味道",
]
