"""Location extraction: the place a message names, exactly as written."""

from __future__ import annotations

import pytest

from bot.classify.location import LocationFinder
from bot.classify.normalize import Normalizer

NORMALIZER = Normalizer()
FINDER = LocationFinder()


def place(text: str) -> str | None:
    return FINDER.find(NORMALIZER.normalize(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3栋的电梯又停了", "3栋"),
        ("三栋门口好多垃圾", "三栋"),
        ("12号楼停水了", "12号楼"),
        ("5幢楼下的路灯不亮", "5幢"),
        ("7棟電梯壞了", "7棟"),
        ("2单元的门禁坏了", "2单元"),
        ("六单元楼道好黑", "六单元"),
        ("3栋2单元的声控灯不亮", "3栋2单元"),
        ("三栋二单元漏水", "三栋二单元"),
        ("3-2-501 厨房在滴水", "3-2-501"),
        ("B区的车乱停", "B区"),
        ("A区063车位被占了", "A区063车位"),
        ("车位被占了 A区063", "A区063"),
        ("地下车库B区积水了", "地下车库B区"),
        ("负一楼好臭", "负一楼"),
        ("负二楼217车位被人占了", "负二楼217车位"),
        ("地下车库的灯全坏了", "地下车库"),
        ("东门的道闸抬不起来", "东门"),
        ("东门保安亭没人", "东门保安亭"),
        ("北门进来那段路好黑", "北门"),
        ("12弄5号灶披间又有老鼠", "12弄5号"),  # a Shanghai lane, then the house
        ("6弄里一到夜里就跳闸", "6弄"),
        ("14弄3号楼上那家的晒台又漏了", "14弄3号"),
        ("弄堂口那盏路灯坏脱三天了", "弄堂口"),
        ("一弄就坏 什么破东西", None),  # a verb, not a lane
        ("篮球场的篮筐掉了", "篮球场"),
        ("中心花园的草没人剪", "中心花园"),
        ("儿童乐园的滑梯裂了", "儿童乐园"),
        ("5号楼14楼走廊灯一直闪", "5号楼14楼"),
        ("2栋一楼大厅有煤气味", "2栋一楼大厅"),
        ("4栋一楼的电表箱冒火花", "4栋一楼"),
        ("二期的路灯都不亮", "二期"),
        ("二期7-12栋明天停电", "二期7-12栋"),
        ("B区2栋全部停电了", "B区2栋"),
        ("The lift in Building 5 is broken", "Building 5"),
        ("车库出口的抬杆坏了", "车库出口"),
        ("小区门口天天有人摆摊", "小区门口"),
        ("2栋架空层停满了电瓶车", "2栋架空层"),
        ("３栋２单元 电梯坏了", "３栋２单元"),
        ("中庭的喷泉臭了", "中庭"),
        ("锅炉房门口一地煤渣", "锅炉房门口"),
        ("单车棚的灯白天也亮着", "单车棚"),  # the longer name, not 车棚
        ("幼儿园门口天天堵车", "幼儿园门口"),
        ("5座2梯个电梯又坏咗", "5座2梯"),  # Guangdong: building 5, stair core 2
        ("2座骑楼条梁裂开咗", "2座骑楼"),
        ("街市啲档主成日倒污水落渠", "街市"),
        ("冷巷盏灯坏咗成个礼拜", "冷巷"),
        # landmarks a worker can walk to, and an area's or a gate's own landmark
        ("人工湖那边几个小孩翻过栏杆", "人工湖"),
        ("小区主干道坑坑洼洼的", "主干道"),
        ("物业办公室说好九点开门 十点还锁着", "物业办公室"),
        ("电瓶车电池又被偷了 在北区车棚", "北区车棚"),
        ("2号门进来那个井盖不见了", "2号门"),
        ("14号楼东单元电梯关人了", "14号楼东单元"),
        ("9号楼楼顶漏雨", "9号楼"),  # the building; the roof is in the message
        ("楼上1502又漏水到我家卫生间了", "1502"),  # a flat named by its neighbour
        ("1102你家在干嘛 水都漏下来了", "1102"),  # or as a household
        ("帮301的李奶奶反映一下 她家下水道堵了", "301"),  # a household reported for
        ("喂喂我说那个三洞的电题又坏了", "三洞"),  # voice input writes 栋 as 洞
        ("3洞1单元电梯卡住了", "3洞1单元"),
        ("替1202的老两口说一声 窗外树枝伸进阳台了", "1202"),
        ("敲门不开 602楼下的天花板都湿了", "602"),
        # the north-east names a unit by its way in: 2门洞, or 3门 after the building
        ("7号楼3门洞的声控灯坏了", "7号楼3门洞"),
        ("二门洞楼梯上全是冰", "二门洞"),
        ("2号楼4门的单元门关不上", "2号楼4门"),
        ("5号楼3门口有人在烧纸", "5号楼"),  # a doorway, not a unit
        # an old work-unit compound's grounds, named by what they were
        ("厂门口那个红绿灯坏了", "厂门口"),
        ("老锅炉房后面全是老鼠", "老锅炉房"),
        ("老年活动室的空调滴水", "老年活动室"),
        ("换热站那边一直在冒白气", "换热站"),
        ("菜市场门口的下水道堵了", "菜市场门口"),
    ],
)
def test_location_forms(text: str, expected: str) -> None:
    assert place(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "电梯又坏了",
        "我住28楼，每天爬楼",  # a floor alone is not a place
        "楼道好黑",
        "一楼那家占了过道",
        "堵到我车库门了",  # one's own garage door
        "跟对门吵了一架",
        "请问物业在哪办公",
        "今天8:00-18:00停水",
        "我是1990年的 想问一下",  # a year, not a flat
        "楼下200米有个超市",
        "今天谁去菜市场 帮我带点葱",  # going to a market: no place of the compound
        "学校食堂的饭菜难吃死了",  # someone else's canteen
        "工厂门口的早餐店开了",  # a factory elsewhere
        "打了120 家里老人晕倒了",
        "",
    ],
)
def test_no_location(text: str) -> None:
    assert place(text) is None


def test_relative_words_are_left_out() -> None:
    assert place("5栋楼下那辆车停了半年") == "5栋"
    assert place("3栋后面的垃圾桶满了") == "3栋"
    assert place("中心花园旁边那几栋吵得很") == "中心花园"


def test_numbered_place_beats_a_generic_one() -> None:
    assert place("电瓶车棚满了，都停到2栋架空层了") == "2栋架空层"


def test_the_first_named_place_beats_a_gate_named_as_the_way_in() -> None:
    assert place("配电房冒烟了 快叫电工 从北门绕过去") == "配电房"
    assert place("人工湖有小孩落水了 快叫保安从南门拿救生圈过来") == "人工湖"


@pytest.mark.parametrize("text", ["12号门市的烧烤店油烟太大了", "3号门面的KTV半夜还在唱"])
def test_a_shop_numbered_号门_is_no_gate(text: str) -> None:
    assert place(text) is None


def test_first_place_wins_among_equals() -> None:
    assert place("东门那边水管爆了，水流到地下车库了") == "东门"


def test_invisible_characters_are_kept_as_written() -> None:
    assert place("3\u200b栋电梯坏了") == "3\u200b栋"
