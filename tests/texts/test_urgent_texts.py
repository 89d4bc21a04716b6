"""What the bot says when someone may get hurt now."""

from __future__ import annotations

import pytest

from bot import texts
from bot.core.bursts import DONE_AT_ONCE
from bot.core.tickets import Person
from bot.texts import ack_urgent, safety_line, unreachable_workers, urgent_alert
from bot.texts.fit import TELEGRAM_LIMIT, utf16_units


@pytest.mark.parametrize(
    ("category", "text", "numbers"),
    [
        ("fire_safety", "5栋楼道着火了 好大的烟", ["119"]),
        ("water", "燃气味好重 是不是漏气了", ["119"]),
        ("security", "有人在撬2单元的门", ["110"]),
        ("pets", "大狗把小孩咬了 流血了", ["120"]),
        ("lift", "电梯困人了 里面有个老人", ["120", "119"]),
        ("lift", "3栋电梯困人了 我老伴在里面 她有高血压", ["120", "119"]),  # who is inside
        ("lift", "电梯卡住了 我家娃和姥姥在里头", ["120", "119"]),
        ("facilities", "外墙瓷砖一直在掉", ["119", "110", "120"]),  # nothing specific: all three
        ("water", "整栋楼都停水了 一滴水都没有", ["120", "119"]),  # the valve, no police
        ("water", "水管爆了 楼道里全是水", ["120", "119"]),
        ("power", "整栋楼停电了", ["119"]),  # someone may be in a lift
    ],
)
def test_the_safety_line_names_the_numbers_that_fit_the_danger(category, text, numbers):
    line = safety_line(category, text)
    assert [n for n in ("120", "119", "110") if n in line] == sorted(
        numbers, key=("120", "119", "110").index
    )


def test_the_urgent_acknowledgement_names_the_workers_told_or_says_to_phone():
    told = ack_urgent(
        "🚨#3【电梯】", "维保单位", "lift", "电梯困人", [Person(1, "小王"), Person(2, "")]
    )
    assert told.startswith("已受理 🚨#3【电梯】 · 紧急")
    assert "小王" in told and "网格员2" in told and "维保单位" in told
    nobody = ack_urgent("🚨#3【电梯】", None, "lift", "电梯困人", [])
    assert "直接打电话" in nobody


def test_the_private_alert_and_the_admins_list_escape_and_mask():
    alert = urgent_alert("🚨#3【电梯】", "<b>3栋</b>群", "lift", "困人了 电话13812345678")
    assert "&lt;b&gt;3栋&lt;/b&gt;群" in alert and "138****5678" in alert
    assert "/start" in unreachable_workers([Person(7, "小陈")])
    unmet = unreachable_workers([Person(9002, "")])  # the admin learns which id to look for
    assert "网格员（编号 9002）" in unmet
    assert "都已私聊过" in unreachable_workers([])


def test_a_link_to_the_residents_message_only_where_telegram_has_one():
    from bot.texts import message_link

    assert message_link(-1001234567890, 42) == (
        '<a href="https://t.me/c/1234567890/42">在群里查看原消息</a>'
    )
    assert message_link(-4012345, 42) == ""  # a basic group: no links
    assert message_link(-1001234567890, -1_000_000_000_042) == ""  # from before the move
    assert message_link(-1001234567890, None) == ""


def test_a_burst_of_many_groups_suggests_only_dones_the_bot_takes_and_fits_a_message():
    tickets = [
        (
            n,
            f"#{n}【供电】{n}栋2单元",
            f"阳光花园{n}栋业主交流群（请勿发广告）",
            "整栋楼停电了 " * 9,
        )
        for n in range(1, 61)
    ]
    body = texts.burst_notice("供电", 60, tickets)
    assert utf16_units(body) <= TELEGRAM_LIMIT
    dones = [line.split()[1] for line in body.splitlines() if line.startswith("/done")]
    numbers = [int(n) for line in dones for n in line.split("、")]
    assert numbers == list(range(1, 61))  # every ticket, in /done commands it takes
    assert all(len(line.split("、")) <= DONE_AT_ONCE for line in dones), dones


def test_water_with_no_other_danger_says_to_close_the_valve_and_phone():
    assert safety_line("water", "整栋楼都停水了") == texts.WATER_SAFETY
    assert "水阀" in texts.WATER_SAFETY and "110" not in texts.WATER_SAFETY
    assert safety_line("water", "楼下漏水 电线在冒火花") != texts.WATER_SAFETY  # 119 first


@pytest.mark.parametrize(
    ("category", "text", "advice"),
    [
        ("fire_safety", "3栋2单元好大一股煤气味 是不是漏气了", texts.GAS_SAFETY),
        ("fire_safety", "屋头燃气漏了 臭得很", texts.GAS_SAFETY),
        ("lift", "3栋电梯困人了 有老人在里面", texts.TRAPPED_SAFETY),
        ("lift", "电梯里头关倒人了 喊了好久", texts.TRAPPED_SAFETY),
        ("lift", "电梯卡住了 我家娃在里头 出不来", texts.TRAPPED_SAFETY),
    ],
)
def test_a_gas_leak_or_someone_trapped_is_told_what_to_do_before_help_comes(category, text, advice):
    """Calling 119 is not all: a light switched on in a flat full of gas, or a lift's doors
    forced from inside, is what hurts."""
    assert advice in safety_line(category, text).splitlines()[1:]


def test_no_advice_where_it_does_not_fit():
    assert "\n" not in safety_line("fire_safety", "5栋楼道着火了 好大的烟")
    assert "\n" not in safety_line("lift", "电梯门开着 轿厢不在 很危险")  # nobody inside


def test_water_told_in_words_says_to_close_the_valve_whatever_its_category():
    """A burst pipe the classifier filed under another category still reaches sockets."""
    assert safety_line("neighbour_dispute", "楼上水管爆了 水流到我家插座上了") == (
        texts.WATER_SAFETY
    )


def test_water_in_words_does_not_replace_a_lifts_own_number():
    """Someone trapped in a lift whose pit takes water was told 先关上水阀 first, not 119."""
    first = safety_line("lift", "地下室淹了 电梯里关了人").splitlines()[0]
    assert first.startswith("⚠️ 有人身危险请立即拨打 119") and first != texts.WATER_SAFETY


def test_an_untaken_call_said_again_late_names_only_the_dangers_still_nobodys():
    wang = Person(9001, "小王")
    said = "⏫ 督办升级 · 1级（现场立办）：以下 3 件已超时\n  🚨#1【消防安全】\n  🚨#2\n  🚨#3"
    call = texts.untaken_call([1, 2, 3], [wang], reached=False)
    body = f"{said}\n{call}"
    assert texts.untaken_call_now(body, [1, 3], several=True) == (
        said,
        "\n" + texts.untaken_call([1, 3], [wang], reached=False),
    )
    assert texts.untaken_call_now(body, [3], several=False) == (
        said,
        "\n" + texts.untaken_call([], [wang], reached=False),
    )
    assert texts.untaken_call_now(body, [], several=True) == (said, "")
    assert texts.untaken_call_now(said, [1], several=True) == (said, "")  # none was said
