"""The command menus Telegram shows, and the words on the bot's buttons."""

from __future__ import annotations

__all__ = [
    "GROUP_MENU",
    "PRIVATE_MENU",
    "RATE_BASIC_BUTTON",
    "RATE_NO_BUTTON",
    "RATE_YES_BUTTON",
    "TAKE_BUTTON",
]

# (command, description) in the order Telegram lists them.
GROUP_MENU: tuple[tuple[str, str], ...] = (
    ("new", "手动登记一件诉求"),
    ("list", "本群待办的诉求"),
    ("ticket", "查看一件诉求的详情"),
    ("assign", "网格员接单"),
    ("done", "网格员办结"),
    ("note", "网格员通报进展"),
    ("reopen", "重新打开已办结的诉求"),
    ("cancel", "撤销诉求"),
    ("category", "网格员更正类别"),
    ("merge", "网格员合并同一问题"),
    ("chart", "网格员：近期统计图"),
    ("digest", "网格员：现在发本群日报"),
    ("help", "使用说明"),
)
PRIVATE_MENU: tuple[tuple[str, str], ...] = (
    ("mine", "我反映过的诉求"),
    ("todo", "网格员：我的待办"),
    ("export", "网格员：导出台账（Excel）"),
    ("chart", "网格员：近期统计图"),
    ("help", "使用说明"),
)

TAKE_BUTTON = "接单"
RATE_YES_BUTTON = "满意"
RATE_BASIC_BUTTON = "基本满意"
RATE_NO_BUTTON = "不满意"
