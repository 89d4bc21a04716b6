"""Fixed sentences of the chat: usage, refusals and short answers that need no ticket."""

from __future__ import annotations

import html
from collections.abc import Sequence

from bot.core.tickets import Person
from bot.texts.format import numbers_listed, shown

__all__ = [
    "ALREADY_ASSIGNED",
    "ASSIGNEE_NOT_WORKER",
    "BOT_GONE",
    "BUTTON_EXPIRED",
    "CANCEL_REPLY_AMBIGUOUS",
    "CATEGORY_REPLY_AMBIGUOUS",
    "DID_CANCEL",
    "DID_CATEGORY",
    "DID_DONE",
    "DID_NOTE",
    "DID_REOPEN",
    "DID_TAKE",
    "DIGEST_USAGE",
    "DONE_REPLY_AMBIGUOUS",
    "ERROR_SORRY",
    "EXPORT_IN_PRIVATE",
    "GROUP_ONLY",
    "MERGE_FROM_FINISHED",
    "MERGE_INTO_DONE",
    "MERGE_INTO_FINISHED",
    "MERGE_SAME",
    "NEW_TOO_LONG",
    "NOTE_REPLY_AMBIGUOUS",
    "NOTHING_MINE",
    "NOTHING_THAT_DAY",
    "NOTHING_TODO",
    "NOTHING_TO_REPORT",
    "NOT_ALLOWED",
    "NOT_WORKER",
    "ONLY_REPORTER",
    "ONLY_REPORTER_CANCEL",
    "ONLY_REPORTER_REOPEN",
    "OTHERS_REPORTED",
    "PRIVATE_ONLY",
    "REOPEN_REPLY_AMBIGUOUS",
    "REOPEN_TOO_LATE",
    "RESTORE_NOT_YOURS",
    "RESTORE_TOO_LATE",
    "RESTORE_WORKERS_ONLY",
    "SAME_CATEGORY",
    "STAFF_FILED",
    "TAKEN",
    "TAKEN_BY_OTHER",
    "TAKE_WORKERS_ONLY",
    "TRIAGE_WORKERS_ONLY",
    "VOICE_TO_BOT",
    "Told",
    "assigned_each",
    "assignee_ambiguous",
    "assignee_unknown",
    "done_each",
    "noted_each",
    "private_only",
    "too_many_at_once",
]

NOT_WORKER = "抱歉，这个操作只有网格员可以做。有问题请直接在群里描述，机器人会登记受理。"
GROUP_ONLY = "请在楼栋群里使用这个命令。"
# what a worker's command did, said back in private (`Texts.told_in_group`)
DID_TAKE = "已接单"
DID_DONE = "已办结，请居民评价"
DID_NOTE = "的进展已记下"
DID_CATEGORY = "类别已更正"
DID_CANCEL = "已撤销"
DID_REOPEN = "已重新办理"  # reopened after done, or restored after a withdrawal
BOT_GONE = "机器人已不在该群，重新加入后补发通知"
# what one ticket of a command on several was: its label, its group's title, whether the group
# heard of it (not when the group removed the bot)
Told = tuple[str, str | None, bool]
NEW_TOO_LONG = "内容太长了，请用几句话说明问题（不超过 1000 字）。"
ASSIGNEE_NOT_WORKER = "{name} 不是网格员，不能接单。"
ERROR_SORRY = "抱歉，机器人刚才出了点问题，请稍后再试。您的反映已经记录，不会丢失。"
DONE_REPLY_AMBIGUOUS = "这条消息涉及多件诉求，请写上编号，例如 /done 12 已修复"
NOTE_REPLY_AMBIGUOUS = "这条消息涉及多件诉求，请写上编号，例如 /note 12 维保单位下午两点到"
CANCEL_REPLY_AMBIGUOUS = "这条消息涉及多件诉求，请写上编号，例如 /cancel 12 不是诉求"
CATEGORY_REPLY_AMBIGUOUS = "这条消息涉及多件诉求，请写上编号，例如 /category 12 停车"
REOPEN_REPLY_AMBIGUOUS = "这条消息涉及多件诉求，请写上编号，例如 /reopen 12 水管又漏了"
# A resident's voice message answering the bot in a group: it reads words only.
VOICE_TO_BOT = "抱歉，我听不了语音。请用文字说一下（一两句就行），我才能记下来告诉网格员。"
ONLY_REPORTER = "只有反映这件事的住户可以评价。如果问题还在，请在群里直接说一下情况，会重新登记。"
ONLY_REPORTER_REOPEN = "只有反映这件事的居民可以重新打开它。"
ONLY_REPORTER_CANCEL = "只有反映人或网格员可以撤销。"
OTHERS_REPORTED = "还有其他邻居反映了这件事，工单会继续办理。"
TAKEN = "已接单"
TAKE_WORKERS_ONLY = "只有网格员可以接单"
TRIAGE_WORKERS_ONLY = "只有网格员可以研判群消息"
REOPEN_TOO_LATE = "{label} 办结已超过 {days} 天，不能重新打开；请直接在群里重新反映。"
RESTORE_TOO_LATE = "{label} 撤销已超过 {days} 天，不能恢复；问题还在的话请直接在群里重新反映。"
RESTORE_NOT_YOURS = (
    "{label} 是反映人自己撤销的，只有反映人本人或网格员可以恢复；问题还在的话请直接在群里重新反映。"
)
RESTORE_WORKERS_ONLY = (
    "{label} 是网格员撤销的，只有网格员可以恢复；问题还在的话请直接在群里重新反映。"
)
SAME_CATEGORY = "{label} 已经是这个类别了，不用再更正。"
MERGE_SAME = "不能把一件诉求合并到它自己。"
PRIVATE_ONLY = "这个命令请私聊机器人使用。"
NOTHING_MINE = "您还没有反映过问题。在楼栋群里直接说出问题，机器人就会登记。"
NOTHING_TODO = "您手上没有待办的诉求 👍"
EXPORT_IN_PRIVATE = "台账里有居民的完整反映内容，请私聊机器人发送 /export 获取。"
MERGE_INTO_FINISHED = "{label} {status}，不能再把别的诉求合并进去。"
MERGE_INTO_DONE = "如果问题还在，请先 /reopen {number} 重新打开，再合并。"
MERGE_FROM_FINISHED = "{label} {status}，不用再合并。"
TAKEN_BY_OTHER = (
    "{label} 已由 {name} 接单。要改由您办理，请发 /assign 加编号（群里或私聊机器人都可以）。"
)
NOT_ALLOWED = "抱歉，现在不能这样做。"
BUTTON_EXPIRED = "按钮已失效"
NOTHING_TO_REPORT = "今天目前没有可以汇报的诉求。"
NOTHING_THAT_DAY = "那一天没有可以汇报的诉求。"
DIGEST_USAGE = "用法：/digest 发今天的日报；/digest 2026-12-01 发那一天的日报（不能是以后的日子）。"
ALREADY_ASSIGNED = "{label} 已经由您接单了，不用再接。"
STAFF_FILED = "网格员登记"


def private_only(bot_username: str | None) -> str:
    """A private chat's command said in a group: the bot's name, which opens that chat."""
    if not bot_username:
        return PRIVATE_ONLY
    return f"这个命令请私聊机器人使用：点 @{bot_username} 打开和机器人的私聊，再发一次这个命令。"


def assignee_ambiguous(name: str, numbers: Sequence[int], people: Sequence[Person]) -> str:
    """Several workers go by the name /assign gave: nothing is handed, and how to say which."""
    each = "、".join(f"@{p.username}" if p.username else f"用户编号 {p.id}" for p in people)
    listed, typed = _assigned(numbers)
    return (
        f"有 {len(people)} 位网格员都叫 {shown(name)}（{html.escape(each)}），"
        f"{listed} 没有派出。请打 @ 从列表里点选要派的那位，或者回复他的消息发 /assign {typed}。"
    )


def assignee_unknown(name: str, numbers: Sequence[int]) -> str:
    """/assign named nobody the bot knows (`name` already escaped): nothing is handed."""
    listed, typed = _assigned(numbers)
    return (
        f"找不到 {name}，{listed} 没有派出。自己接单请发 /assign {typed}；交给别的网格员，"
        f"请写他在群里的名字或 @用户名（他要先在群里说过话），或者回复他的消息发 /assign {typed}。"
    )


def _assigned(numbers: Sequence[int]) -> tuple[str, str]:
    """The tickets of an /assign as said ("#3、#5") and as typed again ("3、5")."""
    return numbers_listed(numbers), "、".join(str(number) for number in numbers)


def done_each(closed: Sequence[Told], refused: Sequence[str]) -> str:
    """What /done of several tickets did: those closed (each label and its group), then why
    each of the others was not."""
    return _each(f"已办结 {len(closed)} 件，已在各群通知并请居民评价：", closed, refused)


def assigned_each(taken: Sequence[Told], refused: Sequence[str], handed: Person | None) -> str:
    """What /assign of several tickets did: those taken (or handed to `handed`), each label
    and its group, then why each of the others was not."""
    whom = f"已派给 {shown(handed.name)}" if handed is not None else "已接单"
    return _each(f"{whom} {len(taken)} 件，已在各群通知：", taken, refused)


def noted_each(noted: Sequence[Told], refused: Sequence[str]) -> str:
    """What /note of several tickets did: those whose groups were told the 进展, then why
    each of the others was not."""
    return _each(f"已记下 {len(noted)} 件的进展，已在各群通知：", noted, refused)


def _each(header: str, acted: Sequence[Told], refused: Sequence[str]) -> str:
    lines = [header] if acted else []
    for label, title, heard in acted:
        gone = "" if heard else f"：{BOT_GONE}"
        lines.append(f"• {label}（「{shown(title)}」{gone}）" if title else f"• {label}")
    lines += [f"• {reason}" for reason in refused]
    return "\n".join(lines)


def too_many_at_once(limit: int, command: str = "/done") -> str:
    if command == "/assign":
        return f"一次最多接 {limit} 件，请分几次发 /assign。"
    if command == "/note":
        return f"一次最多给 {limit} 件记进展，请分几次发 /note。"
    return f"一次最多办结 {limit} 件，请分几次发 /done。"
