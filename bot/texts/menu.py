"""The commands as residents and workers meet them: the menus Telegram shows, /help, and the
words on the bot's buttons."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from bot.core.categories import names_meant
from bot.core.tickets import Person
from bot.texts.format import echo, mention, shown

__all__ = [
    "ANONYMOUS_ADMIN",
    "ASSIGN_USAGE",
    "CANCEL_NOT_FILED",
    "CANCEL_NOT_FILED_WORKER",
    "CANCEL_USAGE",
    "CHART_TAKES_NO_MONTH",
    "DESK_OFF",
    "DESK_STAFF_ONLY",
    "DONE_USAGE",
    "EDITED_COMMAND",
    "EXPORT_USAGE",
    "GROUP_MENU",
    "GROUP_WELCOME",
    "HELP_GROUP",
    "HELP_PRIVATE",
    "HELP_RESIDENT",
    "HELP_SETUP",
    "MERGE_USAGE",
    "MYSELF",
    "NEW_IN_STAFF_CHAT",
    "NEW_USAGE",
    "NOTE_USAGE",
    "NOW_READS_GROUP",
    "PRIVATE_MENU",
    "PRIVATE_NOT_WORDS",
    "PRIVATE_THANKS",
    "PRIVATE_WORDS",
    "RATE_BASIC_BUTTON",
    "RATE_NO_BUTTON",
    "RATE_YES_BUTTON",
    "REOPEN_USAGE",
    "RESIDENT_COMMANDS",
    "SPEAKING_AS_CHANNEL",
    "TAKE_BUTTON",
    "TICKET_USAGE",
    "UNKNOWN_COMMAND",
    "WAITS_FOR_JUDGING",
    "WELCOME_CANNOT_READ",
    "WIDE_SLASH",
    "cannot_read_group",
    "category_usage",
    "desk_link",
    "help_group",
    "joined_group",
    "known_as_staff",
    "means_myself",
    "mistyped_command",
    "month_to_come",
    "not_a_category",
    "not_a_month",
    "staff_chat_welcome",
    "wide_slash",
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
    ("done", "网格员：办结，如 /done 12 已修好"),
    ("export", "网格员：导出台账（Excel）"),
    ("chart", "网格员：近期统计图"),
    ("desk", "网格员：社区办公桌登录链接"),
    ("help", "使用说明"),
)
# the commands a resident may use (the others are workers'): all a resident's slip is taken for
RESIDENT_COMMANDS = frozenset({"new", "list", "ticket", "reopen", "cancel", "mine", "help"})

TAKE_BUTTON = "接单"
# `/assign 12 我来`: words for oneself after the number (the sender takes the ticket; a name
# nobody has is refused, never taken by the sender instead)
MYSELF = frozenset(
    {"我", "我来", "我接", "我去", "我接了", "我来办", "我处理", "我自己", "自己", "本人", "me"}
)
# a Chinese keyboard's slash: `／done 12` is words to Telegram, not a command
WIDE_SLASH = "／"


def means_myself(words: str) -> bool:
    """`我来`, `我来！`, `我接了。`: the sender, not a colleague's name."""
    return words.strip("。.!！~～ ").lower() in MYSELF


RATE_YES_BUTTON = "满意"
RATE_BASIC_BUTTON = "基本满意"
RATE_NO_BUTTON = "不满意"

_HELP_GROUP = """院子 · 楼栋群诉求助手
直接在群里说出问题（如“3栋2单元电梯又坏了”），我会登记并回复编号，网格员会跟进处理。
有照片可以紧接着发在群里，或回复我的回执发，我会附到那件诉求上。

居民：
/new 问题描述 — 我没听懂时，手动登记一件诉求
/list — 本群待办的诉求
/ticket 编号 — 一件诉求的详情和办理记录
/reopen 编号 [原因] — 办结后 {reopen_days} 天内，反映人可以重新打开；误撤销的也用它恢复
/cancel 编号 [原因] — 反映人撤回自己的诉求
私聊机器人：/mine — 我反映过的诉求

网格员：
/assign 编号 [@网格员] — 接单（或点回执下的「接单」）
/note 编号 进展 — 向群里通报进展
/done 编号 [办理结果] — 办结，并请反映人评价（几件一起：/done 12、15 已修好）
/category 编号 类别 — 更正类别；/merge 甲 乙 — 把乙并入甲
/digest — 现在发本群日报；/chart — 近期统计图
私聊机器人：/todo — 我的待办（含待研判）；/export [年-月] — 导出台账；/desk — 社区办公桌"""


def help_group(reopen_days: int) -> str:
    """/help in a group, with the deployment's days to reopen a done ticket."""
    return _HELP_GROUP.format(reopen_days=reopen_days)


HELP_GROUP = help_group(7)  # as shipped ([loop] reopen_days)

HELP_RESIDENT = """院子 · 楼栋群诉求助手
您好！有问题请直接在您楼栋的群里说（如“3栋2单元电梯又坏了”），我会登记编号，网格员接单办理，办好后在群里告诉您，并请您评价。

/mine — 我反映过的诉求和办理进度
/help — 本说明"""

# Workers and admins; an admin also reads how to set the bot up (`HELP_SETUP`).
HELP_PRIVATE = """院子 · 楼栋群诉求助手
我在楼栋群里工作：居民在群里反映问题，我登记编号，网格员接单办理，办结后通知反映人。

/mine — 我反映过的诉求
/todo — 网格员：我的待办（含待研判的消息）
/assign /note /done /category /cancel /merge — 网格员：
在这里也能按编号办理各群的诉求，和在群里发一样，该群会收到通知
/export [年-月] — 网格员：导出台账（Excel）
/desk — 网格员：社区办公桌的一次性登录链接
/chart — 网格员：全社区近期统计图
/help — 本说明"""

HELP_SETUP = (
    "设置：把我加入楼栋群，并在 @BotFather 用 /setprivacy 关闭隐私模式（或设为群管理员），"
    "我才能看到群消息。"
)

# Said once in a group that adds the bot: what residents do, in a few lines.
GROUP_WELCOME = """大家好，我是院子，本群的诉求登记助手。
家里或楼里有问题（电梯、漏水、垃圾、停车……），直接在群里说就行，比如“3栋2单元电梯又坏了”。我会登记编号并回复，网格员接单办理，办好后在群里告诉您，并请反映的邻居评价。
发 /list 看本群待办的诉求，/help 看全部用法。"""


def staff_chat_welcome(look_back: bool, levels: Sequence[int]) -> str:
    """Said once in a chat of the office's own (`[schedule] office_chat`, an escalation level's
    chat) when it adds the bot: what will come there, and that it files nothing said there."""
    comes = []
    if look_back:
        comes.append("每周回头看（全社区的诉求统计和反复出现的问题）")
    if levels:
        comes.append("超过时限未办结的诉求（督办）")
    return (
        f"大家好，我是院子。这里是社区工作群：{'和'.join(comes)}会发到这里。\n"
        "本群的消息不会登记为诉求；居民的问题请在各楼栋群里反映。发 /help 看全部用法。"
    )


# Added to the welcome when Telegram's privacy mode hides the group's messages from the bot.
WELCOME_CANNOT_READ = (
    "⚠️ 请群主把我设为管理员：现在我只能看到命令和回复我的消息，大家在群里说的问题我看不到，"
    "也就没法登记。"
)
# The bot, blind to the group until now, was made its admin.
NOW_READS_GROUP = "谢谢，现在群里的消息我都能看到了。有问题直接在群里说，我会登记并回复编号。"


def cannot_read_group(title: str | None, chat_id: int) -> str:
    """For the workers and the office, in private: the bot is no longer an admin of a group
    and, with Telegram's privacy mode on, no longer sees what its residents say there."""
    name = f"「{shown(title)}」" if title else "一个群"
    return (
        f"⚠️ 院子在{name}（群编号 {chat_id}）不再是管理员了。机器人开着隐私模式，现在只能看到"
        "命令和回复它的消息，居民在群里反映的问题我都看不到，也就没法登记。\n"
        "请群主重新把院子设为管理员；或者在 @BotFather 里用 /setprivacy 关闭隐私模式"
        "（选 Disable），再把院子移出该群、重新拉进来。"
    )


def joined_group(title: str | None, chat_id: int, added_by: Person) -> str:
    """For the office, in private: the bot was added to a group it did not know."""
    name = f"「{shown(title)}」" if title else "一个群"
    return (
        f"院子被 {mention(added_by)} 拉进了{name}（群编号 {chat_id}），已在群里向居民说明用法。"
        "如果这不是本社区的楼栋群，请把机器人移出该群。"
    )


def known_as_staff(user_id: int, admin: bool) -> str:
    """In a worker's (or an admin's) private help: the bot knows them from the config, and
    will write to them here."""
    role = "社区工作人员" if admin else "网格员"
    return (
        f"您已登记为{role}（用户编号 {user_id}）。有人被困、燃气、起火这类险情，"
        "会第一时间在这里私信通知您，请不要屏蔽机器人。"
    )


# A command the bot does not have, in a private chat (in a group it may be another bot's: silence).
UNKNOWN_COMMAND = "没有这个命令。发 /help 看看能做什么。"


# How much of what was typed an answer about it repeats (a command, a category, a month: a few
# characters, unless garbage was pasted, which Telegram would refuse to have repeated whole)
_TYPED_ECHO = 30


def mistyped_command(typed: str, meant: str) -> str:
    """A command of ours mistyped (`/dnoe 12`, `/done12`): what was probably meant."""
    return (
        f"没有 /{echo(typed, _TYPED_ECHO)} 这个命令，"
        f"您要发的是 /{echo(meant, _TYPED_ECHO)} 吗？请改好后重新发一次。"
    )


def wide_slash(meant: str) -> str:
    """`／done 12`, typed with a Chinese keyboard's slash: Telegram takes it for words."""
    return f"命令开头要用半角斜杠“/”：请改成 /{echo(meant, _TYPED_ECHO)} 再发一次。"


ANONYMOUS_ADMIN = (
    "您现在是以匿名管理员的身份发言，机器人认不出是谁，不能执行命令。"
    "请在群设置里关掉“匿名发言”，再发一次。"
)
# Someone speaking as one of their channels: Telegram shows every such speaker as one stand-in.
SPEAKING_AS_CHANNEL = (
    "您现在是以频道的身份发言，机器人认不出是谁，不能执行命令。请换回您自己的账号，再发一次。"
)
EDITED_COMMAND = "命令改过之后不会再执行。请把改好的命令重新发一条。"

# Ordinary words in a private chat: complaints are filed where the neighbours can see them.
PRIVATE_WORDS = (
    "这里说的话不会登记成诉求。请在您楼栋的群里说，机器人会登记并回复编号。"
    "想看自己反映过的问题办得怎么样，发 /mine；发 /help 看用法。"
)
# "谢谢", "好的 收到" in private: a thank-you, not a question (no pointer to /help).
PRIVATE_THANKS = "不客气！有新的问题，随时在您楼栋的群里说，我会登记并回复编号。"
# A voice message, a photo without words, a sticker in private: the bot reads words only.
PRIVATE_NOT_WORDS = (
    "收到了。我只看得懂文字，听不了语音、也看不懂图片。有问题请在您楼栋的群里用文字说一下"
    "（比如“3栋2单元电梯又坏了”），我会登记并回复编号，紧接着发的照片会附上；"
    "想看自己反映过的问题，发 /mine。"
)


def not_a_category(
    typed: str, names: Mapping[str, str], number: int | None, guess: str | None = None
) -> str:
    """/category with a word that is no category (物业, 卫生, 垃圾): the names it may have meant
    (物业 → 物业服务), else the category the classifier gives it (`guess`, an id: 垃圾 →
    环境卫生), else how to use it with every category."""
    meant = names_meant(typed, names.values(), names.get(guess) if guess else None)
    if not meant:
        return f"“{echo(typed, _TYPED_ECHO)}”不是类别。{category_usage(names)}"
    shown_number = f"{number} " if number is not None else ""
    tries = "、".join(f"/category {shown_number}{html.escape(m, quote=False)}" for m in meant)
    return f"“{echo(typed, _TYPED_ECHO)}”不是类别，是不是要发 {tries}？"


def category_usage(names: Mapping[str, str]) -> str:
    """How to use /category, with the deployment's categories."""
    choices = "、".join(
        f"{key}（{html.escape(value, quote=False)}）" for key, value in names.items()
    )
    return (
        f"用法：/category 编号 类别，例如 /category 12 lift"
        f"（在群里也可以回复那条登记消息发 /category lift）。类别：{choices}"
    )


# -- how each command is used (answered to a command given without what it needs) -----------
NEW_USAGE = "请在 /new 后面写上要反映的问题，例如：/new 3栋2单元电梯坏了"
# /new in the office's own chat (or an escalation level's): a ticket there is no building's
NEW_IN_STAFF_CHAT = (
    "这里是社区工作群，不在这里登记诉求。请到反映人所在的楼栋群里发 /new，"
    "例如 /new 5栋门口垃圾桶满了，这样居民能看到进展，办结后也能评价。"
)
# a command without a number, as a reply to a resident's message that waits for 研判
WAITS_FOR_JUDGING = (
    "这条消息还没有登记，正在等网格员研判。是诉求的话，请回复它发 /new 登记，登记后再接单办理。"
)
# /cancel without a number under such a message: nothing filed, nothing to withdraw (her own
# unsure words; a worker says 不是诉求 with the 研判 notice's button)
CANCEL_NOT_FILED = "这条消息还没有登记为诉求，不用撤销。"
CANCEL_NOT_FILED_WORKER = (
    "这条消息还没有登记为诉求，不用撤销；不是诉求的话，请在私聊收到的研判通知里点「不是诉求」。"
)
ASSIGN_USAGE = "用法：/assign 编号 [@网格员]，例如 /assign 12；也可以回复网格员的消息发 /assign 12"
DONE_USAGE = (
    "用法：/done 编号 [办理结果]，例如 /done 12 已更换灯泡；几件一起办结：/done 12、15 已恢复供电"
)
TICKET_USAGE = "用法：/ticket 编号，例如 /ticket 12"
REOPEN_USAGE = (
    "用法：/reopen 编号 [原因]，例如 /reopen 12 水管又漏了；也可回复办结消息发 /reopen 原因"
)
CANCEL_USAGE = (
    "用法：/cancel 编号 [原因]，例如 /cancel 12 已经自己解决了；也可回复登记消息发 /cancel"
)
NOTE_USAGE = "用法：/note 编号 进展，例如 /note 12 维保单位下午两点到"
MERGE_USAGE = "用法：/merge 保留的编号 并入的编号，例如 /merge 12 15"
CHART_TAKES_NO_MONTH = (
    "/chart 画的总是近四周；要某个月的台账，请发 /export 月份，例如 /export 11月。"
)
EXPORT_USAGE = (
    "用法：/export [月份]，例如 /export 2026-11、/export 11月、/export 上个月；"
    "不写月份则导出全部台账"
)


def not_a_month(typed: str) -> str:
    """/export with something that is no month (2026-13, 2026-11-31, 下下个月)."""
    return f"“{echo(typed, _TYPED_ECHO)}”不是一个月份。{EXPORT_USAGE}"


def month_to_come(label: str) -> str:
    """/export of a month still to come (2099-01, 2062 typed for 2026): no empty workbook."""
    return (
        f"{label} 还没有到，这个月还没有台账。"
        "请发本月或已经过去的月份，例如 /export 本月、/export 上个月。"
    )


# -- the office desk, as said in Telegram (its pages' words: `desk`) -------------------------
DESK_OFF = "社区办公桌没有开启（配置文件里设置 [web] listen 后才能使用）。"
DESK_STAFF_ONLY = "社区办公桌只对网格员和社区工作人员开放。有问题请直接在楼栋群里反映。"


def desk_link(url: str, minutes: int) -> str:
    """The one-time login link, in private (the address is the deployment's own)."""
    shown_url = html.escape(url)
    head = f"社区办公桌登录链接（{minutes} 分钟内有效，只能用一次，请勿转发）："
    return f'{head}\n<a href="{shown_url}">{shown_url}</a>'
