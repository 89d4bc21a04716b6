"""Round 82 (blind109's misses, told in sentences of my own): a hillside town by a river in the
autumn rain — a slope come down on a building and still moving, a load-bearing wall knocked
through with the house creaking, smoke from a flat where nobody answers, a pruner fallen from a
tree who does not move, a fight with a stool that broke a head, a stranger following children
and reaching for them, a child lost told with her clothes, gas hissing typed in pinyin (all
sure); a Rottweiler loose and biting an old man, glass falling on a path children walk, a
barrier arm that struck a rider's head and still goes up and down, a river over its banks with
people by it, and the same typed in pinyin. Each fails on round 81 but the smoke, which round 81
found in these words and kept as a guard of the sure rule."""

from __future__ import annotations

from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("9栋背后的堡坎垮了 石头砸到一楼厨房 上面泥巴还在往下滑", "facilities"),
    ("楼上在咔咔响 墙一直掉渣 6栋一楼那户装修把承重墙掏了个大洞 几家的门都关不拢", "facilities"),
    (
        "早上去赶集 买了两把青菜一块豆腐 碰到老李聊他孙女考大学 回来走到5栋门口"
        " 看到二楼那家窗户缝缝往外冒黑烟 喊了几声没人应 门也敲不开"
        " 快打电话喊保安拿灭火器 对了豆腐又涨价了",
        "fire_safety",
    ),
    ("砍树的工人从树上栽下来了 躺在8栋草坪上 不动了", "greenery"),
    ("烧烤摊那边两个人打起来了 一个拿起啤酒瓶砸人 满头是血", "security"),
    ("一个面生的老头老是跟着几个小娃娃 还想抱 在沙坑那边 物业快来", "security"),
    ("我家孙子在游乐场那边不见的 穿蓝色羽绒服 4岁 谁看见了", "other"),
    ("3 dong chufang ranqi guandao sisi de xiang, wo bu gan kai deng", "fire_safety"),
    ("那只高加索又没拴 扑倒了一个推婴儿车的大姐 还在咬她裤子", "pets"),
    ("3栋连廊顶上的玻璃碎了 碎片落到下面过道 娃娃们放学都走这里", "facilities"),
    ("岗亭记录:大雾,西门闸杆砸中一名骑电动车的住户头部,已送医,闸杆仍在乱抬乱落", "parking"),
    ("江水涨上来了 漫过了滨江步道 好多人还在岸边钓鱼不走", "water"),
    ("he shui yi jing man dao xiao qu men kou le, hai you xiao hai zai shui bian wan", "other"),
    ("有没有人看到一个小男娃 6岁 穿黄衣服 刚刚在篮球场那边不见的 他爷爷急死了", "other"),
]
NOT_COMPLAINTS = [
    "去年后山滑坡的那段堡坎今年已经修好了 加固得很结实",
    "承重墙不能拆 装修前先问物业 这个大家都知道吧",
    "我家烤腊肉 窗户往外冒烟 不是着火 大家别担心",
    "孙女说她的小熊玩具在滑梯那里不见了 5岁的娃天天丢东西",
    "杜宾是好狗 就是要从小训练",
    "燃气公司明天上门安检 ranqi anjian 请家里留人",
]
FILED: list[tuple[str, str | None]] = [  # a big dog off the lead: a complaint, not a danger
    ("楼下那条罗威纳天天不拴绳 看到人就叫", "pets"),
]
test_danger_is_urgent, test_no_complaint_here, test_filed_in_its_category = round_tests(
    URGENT, NOT_COMPLAINTS, FILED
)
test_look_alikes_raise_no_alarm = no_alarm_test(
    [
        "后山那块坡坡去年垮过 现在还在往下掉泥巴吗 有人去看过没",
        "道闸抬杆上次砸到一个人的车 物业赔了",
        "陌生人跟着孩子怎么办 教孩子大声喊",
        "吵架吵得拿起凳子又放下了 没打起来",
        "河水涨了 钓鱼的都回家了 步道封了",
        "邻居说3栋zhao huo le, yuanlai shi dianying li de",
        "承重墙不能砸 砸了以后墙会开裂 门会关不上",
        "ranqibiao sisi xiang shi zhengchang de ma",
        "楼下烧烤 窗户往外冒烟 喊了几声让他关窗 没人应",
        "玻璃碎片掉到楼下过道了 已经扫了 没有人经过",
        "去年那个小孩3岁在滑梯那边不见了 后来找到了",
    ]
)
