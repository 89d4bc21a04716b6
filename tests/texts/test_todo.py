"""`/todo` of a long backlog fits one Telegram message: the tickets due soonest, one line
naming how many more there are, and the 研判 queue after them."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.devtools.fakeapi.protocol import check_html, utf16_len
from bot.texts import MESSAGE_BUDGET, Texts, fit_first, more_omitted
from tests import factories

TEXTS = Texts(ZoneInfo("Asia/Shanghai"))


def test_a_long_todo_keeps_the_soonest_the_count_and_the_queue():
    tickets = [
        factories.ticket(n, summary="车库门口有车乱停 堵住了出口 " * 5, assignee_id=9001)
        for n in range(1, 51)
    ]
    queue = "待研判 3 条（最早的在前）：\n• #研1 3栋群 · 张阿姨：我家菜地里头全是水"
    now = factories.T0 + timedelta(hours=1)
    text = TEXTS.todo(tickets, 80, 4, now, queue)
    assert utf16_len(check_html(text)) <= MESSAGE_BUDGET
    assert text.startswith("您的待办 80 件") and "#1【电梯】" in text
    kept = text.count("【电梯】")
    assert more_omitted(80 - kept) in text
    assert text.endswith(f"各群还有 4 件待接单。\n\n{queue}")


def test_a_short_list_of_only_its_first_entries_still_says_how_many_more():
    assert fit_first(["头"], ["a", "b"], ["尾"], total=5) == f"头\na\nb\n{more_omitted(3)}\n尾"
    assert fit_first(["头"], ["a", "b"], ["尾"]) == "头\na\nb\n尾"
