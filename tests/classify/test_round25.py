"""Round 25 (blind46–47's misses), judged by the shipped classifier — my own sentences, none
taken from a data set, none among the training lines: water running through a lamp or a socket,
a lift typed wrong with people inside, doors and gates falling on people, a machine's voice all
night, smoke that is no fire but still too much; and look-alikes: a staff notice with its
precautions, the old place or a relative's compound beside ours, games and films, a thing
repaired and used again, a parking system asked about, the weather."""

from __future__ import annotations

from tests.classify.judged import round_tests

URGENT = [
    ("楼上的水沿着我家卧室吸顶灯往下滴 灯一会亮一会灭 他家门敲不开", "neighbour_dispute"),
    ("电表箱里在往外渗水 还滋滋响 5楼走廊", "power"),
    ("电题停在两层中间 里头关了个送外卖的 一直在喊", "lift"),
    ("地库出口的卷帘门掉下来砸着一个骑电动车的 人卡在底下", "facilities"),
]
NOT_COMPLAINTS = [
    "通知：本周五上午修剪小区行道树，树下请勿停放车辆，以免树枝掉落砸伤车辆，谢谢配合。",
    "最近有人假扮自来水公司上门换水表 请大家提高警惕 不要随便开门",
    "以前住的那个老小区 停车位抢得打架 现在这儿宽敞多了",
    "我闺女说她们小区电梯天天坏 还是咱这边省心",
    "昨晚排位连跪五把 队友全是坑 气得睡不着",
    "秋千修好了 孙女今天又去荡了一下午",
    "请问月租车位到期了去哪里续",
    "这雨下得没完没了 半个月没见太阳了 被子都是潮的",
]
FILED = [
    ("快递柜的语音一晚上都在喊请取件 吵得睡不着", "noise"),
    ("不是着火 是楼下饭店的油烟 全往我家飘 窗户都不敢开", "sanitation"),
    ("西边那部电梯修好了 东边那部又卡住了", "lift"),
    ("小区门口那条路全是坑 一下雨积水到脚脖子", "facilities"),
]


test_danger_is_urgent, test_no_complaint_here, test_filed_in_its_category = round_tests(
    URGENT, NOT_COMPLAINTS, FILED, filed_without_alarm=False
)
