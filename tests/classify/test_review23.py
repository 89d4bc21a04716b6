"""Review of round 23: where its new rules misfire on resident messages written for this review
(none taken from a data set or the training lines). Each case fails on the round-23 classifier.

- a danger now that loses its alarm or its complaint to a new not-complaint pattern: a tip
  ("走路小心"), a neighbouring compound named ("隔壁小区", "旁边小区"), a found item
  ("滑板车是哪家的"), a thank-you for a repair that has failed again ("谢谢…师傅…修好了 结果…");
  and a fainting by a gas water heater that the new scene still misses ("刚发现": an advice word);
- an alarm raised by the new danger words where nobody is in danger: a broken water heater that
  leaves one dizzy, a loud heater heard lying in bed, an old crack after a passing train, a
  toddler on a window frame behind bars, a toy locked in a car;
- a complaint dismissed by a new pattern (a temperature "就三十度", a tip "出门小心"), and chatter
  filed as a lighting complaint ("没有光顾").
"""

from __future__ import annotations

import pytest

from bot.classify import Classifier
from tests.classify.judged import (
    assert_filed,
    assert_heard,
    assert_no_alarm,
    assert_no_complaint,
    assert_urgent,
)

# A danger now: urgent, in this category.
URGENT = [
    # notice_body tip '(出门|走路|…)…(小心|当心|注意)' blocks the alarm (HEAD~1: urgent)
    ("3栋门口的井盖没了 一个大洞 晚上走路小心", "facilities"),
    # elsewhere '(对面|隔壁|旁边|附近)…(楼盘|小区)(?!…我们)': the dog came in here (HEAD~1: urgent)
    ("隔壁小区有条大狗跑进来了 刚咬了一个小孩 还在广场上乱窜", "pets"),
    # same: the whole area, us included, is without power now (HEAD~1: urgent)
    ("旁边小区的变压器爆了 现在整个片区都停电了", "power"),
    # lost_found '(…滑板车…)…(哪个|哪家|谁家?)的': a battery smoking (HEAD~1: urgent)
    ("楼道里充电的滑板车是哪家的 电池都鼓包冒烟了", "fire_safety"),
    # reply '(感谢|谢谢)…师傅…修好了(?!…又)': the repair failed, people in a falling lift
    ("谢谢物业师傅修好了电梯 结果刚才电梯直接往下掉了两层 里面还有人", "lift"),
    # same: sparks from the box now (HEAD~1: complaint, now not one)
    ("谢谢电工师傅上午修好了 结果现在电箱又在冒火花", "power"),
    # not fixed: the new carbon_monoxide scene is cancelled by `advice` ("发现" is one of its words)
    ("刚发现我爸晕在卫生间 热水器一直在烧 窗户都关着", "fire_safety"),
]
# No one in danger: no alarm.
NOT_URGENT = [
    # heater + fainted "头(晕|昏)…想吐": cold water, not carbon monoxide (HEAD~1: water, no alarm)
    "热水器坏了 洗澡冷得头晕想吐",
    # heater + fainted "(趴|倒|躺)在": a noise complaint (HEAD~1: noise, no alarm)
    "燃气热水器的声音好大 我躺在床上都听得到 吵死了",
    # wall_crack '裂缝…(宽|大|长)(了|开)' + shaking '楼…震了一下': an old crack asked about
    "地铁过的时候楼震了一下 墙上那条老裂缝好像大了点 要不要找人看看",
    # down '(坐|…)在…窗框(边|外|上)': a toddler behind bars, said to be safe
    "宝宝坐在飘窗窗框上玩积木 外面有护栏 放心",
    # not fixed: '车里(锁着|关着)' (patterns.toml) and the new '车(子)?(里|内)…(锁|关|困)(了|着)'
    "车里锁着个小孩的玩具 明天再拿",
]
NOT_COMPLAINTS = [
    # lighting problem word "没有光" inside "没有光顾"
    "好久没有光顾楼下那家面馆了",
]
COMPLAINTS = [
    # weather '(才|就|已经)…(三十|四十|零下)…度': the water's temperature, a broken heating system
    ("热水放了十分钟 水温就三十度 物业热水系统又坏了", "water"),
]
# Heard: filed, or put to a worker (it was "unsure" before round 23 too).
HEARD = [
    # notice_body tip '出门小心' after a complaint about the property company
    "小区路面结冰了 物业也不撒盐 大家出门小心",
]


@pytest.mark.parametrize(("text", "category"), URGENT)
def test_danger_keeps_its_alarm(classifier: Classifier, text: str, category: str) -> None:
    assert_urgent(classifier, text, category)


@pytest.mark.parametrize("text", NOT_URGENT)
def test_no_alarm_here(classifier: Classifier, text: str) -> None:
    assert_no_alarm(classifier, text)


@pytest.mark.parametrize("text", NOT_COMPLAINTS)
def test_no_complaint_here(classifier: Classifier, text: str) -> None:
    assert_no_complaint(classifier, text)


@pytest.mark.parametrize(("text", "category"), COMPLAINTS)
def test_complaint_kept(classifier: Classifier, text: str, category: str | None) -> None:
    assert_filed(classifier, text, category)


@pytest.mark.parametrize("text", HEARD)
def test_complaint_heard(classifier: Classifier, text: str) -> None:
    assert_heard(classifier, text)
