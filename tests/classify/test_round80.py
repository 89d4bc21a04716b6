"""Round 80 (blind107's misses, told in sentences of my own): a fight or someone shut in the lift
cried in two or three words ("打人啦", "困电梯"); a Korean tenant's corridor full of smoke (연기가
많아요) and a Japanese tenant's burnt smell with smoke seen (煙も見えます, 火事かもしれません);
someone who fell, cannot get up and struck the head (sure: the model read "又一个" as a habit); an
intruder over the wall still somewhere in the compound, in a guard's log (sure: the model read
the log as a notice); voice input's 人灯倒 and 留了好多学 (跌倒, 流血). No complaint: someone on
the way down in the lift ("我已经在电梯里了 马上下来"), the news of a fire in the next district,
and a question asked ahead of time goes to a worker rather than the group."""

from __future__ import annotations

from bot.classify import Classifier
from tests.classify.judged import no_alarm_test, round_tests

URGENT = [
    ("打人啦", "security"),
    ("困电梯！！", "lift"),
    ("관리사무소!! 8栋 5층 복도에 연기가 가득해요", "fire_safety"),
    ("2棟のエレベーターの前で煙が見えます、火事かもしれません", "fire_safety"),
    ("5栋门口老爷子摔了 站不起来 后脑勺磕破了", "other"),
    ("值班记录：凌晨一点有人翻墙进入小区 去向不明 请各楼栋注意", "security"),
    ("北门有人灯倒了 留了好多学 快打120", "other"),
]
NOT_COMPLAINTS = [
    "我已经在3栋电梯里了 马上到楼下 等我",
    "我已经在5栋电梯里了 马上下来 等我一会",
    "看到新闻没 隔壁区有个小区电动车着火了 大家别在楼道充电",
    "打人是不对的 小朋友要讲道理",
    "困电梯的时候应该怎么自救 有人知道吗",
    "昨晚有人翻墙进入小区 去向不明 今天早上派出所来了 已经抓到了",
    "我家娃摔了一跤 头磕到了 没事 爬起来又跑了",
]
FILED: list[tuple[str, str | None]] = [
    ("东门路灯倒了 没人管", "lighting"),
    ("我的外卖被人拿走了 是谁的手这么欠", "security"),
]
test_danger_is_urgent, test_no_complaint_here, test_filed_in_its_category = round_tests(
    URGENT, NOT_COMPLAINTS, FILED
)
test_look_alikes_raise_no_alarm = no_alarm_test(
    [
        "上个月有人翻墙进来偷车 去向不明 到现在都没抓到",
        "我在电梯里了 马上下来",
    ]
)


def test_a_question_asked_ahead_of_time_is_not_said_in_public(classifier: Classifier) -> None:
    """ "要是…电梯卡住了 应该怎么办 提前问一下" is at most unsure: a worker sees it, the group
    does not."""
    verdict = classifier.classify("要是晚上电梯卡住了 手机又没信号 应该怎么办 提前问一下")
    assert verdict.outcome() != "complaint"
    assert not verdict.urgent
