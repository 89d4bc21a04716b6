"""Round 77 (blind105's misses), judged by the shipped classifier — my own sentences, none taken
from a data set, of a northeastern winter: a shed crushed by snow with someone still under it; a
chimney blown askew and about to fall on the bungalows below; snow sliding off a roof over old
people sunning themselves; a heating pipe spraying hot water or steam (暖气关子 typed for 管子);
a pipe leaking over the ankles with the main left open, in a guard's log; a meter box smelling
burnt with its wires blackened; a thief who flashes a knife; a car warmed up in a shut garage
whose fumes make a child cough; a Russian tenant's stuck lift — and their look-alikes."""

from __future__ import annotations

from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("自行车棚让雪压塌了 里面还有个人在推车", "facilities"),
    ("大风把锅炉房烟囱刮歪了 眼看要倒 下面是平房", "facilities"),
    ("楼顶积雪一直往下出溜 楼下好几个老太太在晒太阳", "facilities"),
    ("暖气片接头呲水了 烫得很 水都淌到楼梯上了", "water"),
    ("楼下的暖气关子破了 直冒气 谁来帮帮我", "water"),
    ("巡查 7号楼东侧电表箱 焦糊味很重 线都发黑了 请电工速到", "power"),
    ("有个小子撬车 让我撞见了 冲我亮刀子", "security"),
    ("车库门关着有人在里面热车 我家孩子熏得直咳嗽", "fire_safety"),
    ("Помогите! лифт застрял 9号楼", "lift"),
]
NOT_COMPLAINTS = [
    "老太太们在楼下晒太阳聊天",
    "冬天热车要热多久",
    "热车的时候别关车库门 容易中毒",
    "小偷掏出刀子切西瓜",
    "Помогите с переводом пожалуйста",
]
FILED: list[tuple[str, str | None]] = []
test_danger_is_urgent, test_no_complaint_here, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)
test_look_alikes_raise_no_alarm = no_alarm_test(
    [
        "房顶积雪很厚 物业什么时候清理一下",
        "锅炉房烟囱冒黑烟 呛死了",
        "烟囱歪了好几年了 没人管",
        "暖气片破了个口子 物业啥时候来修",
        "今年暖气不热 屋里才16度",
        "车棚让雪压塌了 幸好底下没人",
        "配电箱有焦糊味 已经处理好了",
        "管道漏水 水深没过脚踝 已经修好了",
        "暖气关子漏水",
    ]
)
