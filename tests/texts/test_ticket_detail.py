"""`/ticket` of a ticket with a long history fits one Telegram message: the head, the newest
lines, and one line naming how many older ones were left out."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.core.tickets import Event, Status
from bot.devtools.fakeapi.protocol import check_html, utf16_len
from bot.texts import MESSAGE_BUDGET, TELEGRAM_LIMIT, Texts, earlier_omitted, fit_newest
from tests import factories

T0 = factories.T0
TEXTS = Texts(ZoneInfo("Asia/Shanghai"))


def long_history(count: int, note: str) -> list[Event]:
    return [
        Event(7, 9001, f"网格员{n % 3}", "note", T0 + timedelta(minutes=n), f"{n}号 {note}")
        for n in range(count)
    ]


def test_a_ticket_with_300_long_notes_fits_one_message():
    ticket = factories.ticket(
        7, status=Status.ASSIGNED, assignee_id=9001, assignee_name="小王",
        summary="电梯坏了 " + "门关不上" * 100, team="电梯维保单位",
    )  # fmt: skip
    history = long_history(300, "维保单位说零件在路上，" * 20 + "😀")
    text = TEXTS.ticket_detail(ticket, history, T0 + timedelta(days=1))
    plain = check_html(text)
    assert utf16_len(plain) <= TELEGRAM_LIMIT and utf16_len(text) <= MESSAGE_BUDGET
    lines = text.split("\n")
    # the head is all there
    assert lines[0] == "#7【电梯】3栋 办理中"
    assert any(line.startswith("办理时限：") for line in lines)
    assert "承办人：小王" in lines and "记录：" in lines
    # then the older lines are named, then the newest ones, newest last
    head_end = lines.index("记录：")
    kept = lines[head_end + 2 :]
    omitted = 300 - len(kept)
    assert lines[head_end + 1] == earlier_omitted(omitted) == f"……（更早的 {omitted} 条记录从略）"
    assert 20 < len(kept) < 300
    assert kept[-1].split("：", 1)[1].startswith("299号")
    assert kept[0].split("：", 1)[1].startswith(f"{omitted}号")


def test_a_short_history_is_shown_whole():
    ticket = factories.ticket(7)
    history = long_history(5, "师傅下午到")
    text = TEXTS.ticket_detail(ticket, history, T0)
    assert "从略" not in text
    assert [line for line in text.split("\n") if "号 师傅下午到" in line][-1].endswith(
        "4号 师傅下午到"
    )
    assert text.count("号 师傅下午到") == 5


def test_a_ticket_no_longer_running_shows_no_deadline():
    """A cancelled, done or closed ticket showed its 办理时限 as if the clock still ran."""
    later = T0 + timedelta(days=3)  # its day gone by: not 已超时 either
    for status in (Status.CANCELLED, Status.DONE, Status.CLOSED):
        text = TEXTS.ticket_detail(factories.ticket(7, status=status), [], later)
        assert "办理时限" not in text and "超时" not in text, (status, text)
    running = TEXTS.ticket_detail(factories.ticket(7, status=Status.OPEN), [], later)
    assert "办理时限：" in running and "（已超时）" in running


def test_fit_newest_counts_what_telegram_counts():
    """An emoji is two UTF-16 units: a budget in code points would let the message overflow."""
    lines = ["😀" * 10] * 10
    text = fit_newest(["头"], lines, budget=120)
    assert utf16_len(text) <= 120 < len(text) * 2
    assert text.split("\n")[1] == earlier_omitted(6) and text.count("😀") == 40
    assert fit_newest(["头"], ["a", "b"], budget=100) == "头\na\nb"


def test_history_reads_naturally_in_chinese():
    events = [
        Event(7, 9001, "网格员小王", "assign", T0, "网格员小王"),
        Event(7, 9100, "社区办老李", "assign", T0, "网格员小陈"),
        Event(7, 501, "张阿姨", "rate", T0, "dissatisfied"),
        Event(7, None, None, "reopen", T0, "dissatisfied"),
        Event(7, 501, "张阿姨", "rate", T0, "basically_satisfied"),
    ]
    lines = [TEXTS.history_line(e).split(" ", 4)[-1] for e in events]
    assert lines == [
        "网格员小王 接单",
        "社区办老李 派单给 网格员小陈",
        "张阿姨 评价：不满意",
        "系统 重新办理：不满意",
        "张阿姨 评价：基本满意",
    ]
