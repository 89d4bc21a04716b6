"""Round 45 (blind69's misses), judged by the shipped classifier — my own sentences, none taken
from a data set: a worker cut and bleeding, cleaning agents mixed with someone coughing, a
father alone not answering (甘肃话 我大, 敲哈门), a cry for help in pinyin with someone
fallen, a woman heard crying "别打了" (or crying out while someone is beaten), a rider who
fell and lies still, a smell "just like gas" in 陕西话; and no alarm for "比煤气泄漏还危险"
said of one's blood pressure."""

from __future__ import annotations

import pytest

from bot.classify import Classifier
from tests.classify.judged import assert_no_alarm, round_tests

URGENT = [
    ("5栋楼顶装空调的师傅手被铁皮割了 血止不住 谁有车送医院", "other"),
    ("地库B区保洁在用84和洁厕灵兑在一起冲地 人咳得直不起腰", "other"),
    ("我大一个人住6号楼 电话打了半天没人接 哪位邻居去敲哈门", "other"),
    ("隔壁402一直有个女的哭着喊别打了 还有砸东西的声音", "security"),
    ("5楼有人哭喊 好像在打人", "security"),
    ("送快递的小哥从3栋门口台阶摔下去了 躺在地上不动", "other"),
    ("额们单元门口那个味道跟天然气一样 谁家漏气咧", "fire_safety"),
]
NOT_COMPLAINTS: list[str] = []
FILED: list[tuple[str, str | None]] = []

test_danger_is_urgent, _, _ = round_tests(URGENT, NOT_COMPLAINTS, FILED)


@pytest.mark.parametrize(
    "text",
    [
        "周末刷题刷到血压要爆了 比煤气泄漏还可怕",
        "游戏里队友一直喊别打了别打了 笑死我",
        "上次切菜切到手 流了好多血 现在好了 谢谢关心",
    ],
)
def test_look_alikes_raise_no_alarm(classifier: Classifier, text: str) -> None:
    assert_no_alarm(classifier, text)
