"""What the office reads in files: the ledger's columns and the problems of a ledger brought
in, file names and captions, the monthly summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core.categories import category_name, names_meant
from bot.core.lookback import hotspots, slowest_categories
from bot.core.rates import ThreeRates
from bot.core.tickets import Status, Ticket
from bot.core.timeutil import Month
from bot.texts.format import (
    NOT_RATED_YET,
    STATUS_NAMES,
    format_age,
    numbers_listed,
    rate_shown,
)

__all__ = [
    "DONE_BEFORE_CREATED",
    "IS_COMPLAINT",
    "LEDGER_COLUMNS",
    "LEDGER_HEADERS",
    "LEDGER_SHEET",
    "LESSON_HEADERS",
    "LESSON_SHEET",
    "LESSON_SOURCES",
    "NOT_COMPLAINT",
    "REPEATED_MESSAGES",
    "TAKEN_AFTER_DONE",
    "TAKEN_BEFORE_CREATED",
    "TAKEN_BUT_WAITING",
    "TOTAL_ROW_WORDS",
    "UNREADABLE_WORKBOOK",
    "URGENT_MARK",
    "URGENT_NO",
    "URGENT_YES",
    "done_time_but_open",
    "duplicate_ledger_message",
    "duplicate_ledger_number",
    "empty_cell",
    "export_caption",
    "first_rows_filename",
    "group_id_too_large",
    "header_lacks",
    "import_clash",
    "ledger_filename",
    "month_title",
    "monthly_summary",
    "more_bad_rows",
    "no_header",
    "not_a_date",
    "not_a_number",
    "not_verdicts",
    "number_too_large",
    "row_problems",
    "summary_filename",
    "unknown_category",
    "unknown_value",
]

# The ledger's columns, by field: the header row of the workbook, in the office's own words.
LEDGER_COLUMNS: Mapping[str, str] = {
    "id": "编号",
    "group": "群",
    "category": "类别",
    "location": "位置",
    "summary": "反映内容",
    "households": "反映户数",
    "created_at": "受理时间",
    "team": "责任主体",
    "assignee": "承办人",
    "due_at": "时限",
    "done_at": "办结时间",
    "done_note": "办理结果",
    "rating": "满意度",
    "status": "状态",
    "verdicts": "满意户数",  # pleased households / households that gave a verdict: 2/3
    # 是 for a ticket handled as urgent, empty otherwise; last, so that the office's own
    # formulas over the older columns keep their places
    "urgent": "紧急",
    # when a worker took it (响应率 counts it); after 紧急 for the same reason
    "assigned_at": "接单时间",
}
LEDGER_HEADERS: tuple[str, ...] = tuple(LEDGER_COLUMNS.values())
LEDGER_SHEET = "台账"
# The second sheet: what the workers taught the bot (`python -m bot learned` shows the phrases).
LESSON_SHEET = "学习记录"
LESSON_HEADERS = ("时间", "来源", "判断", "类别", "编号", "内容")
LESSON_SOURCES: Mapping[str, str] = {
    "triage": "研判",
    "category": "更正类别",
    "cancel": "撤销（不是诉求）",
    "new": "补登",
    "merge": "合并",
    "done": "办结",
    "restore": "恢复（是诉求）",
}
IS_COMPLAINT = "诉求"
NOT_COMPLAINT = "不是诉求"
# 紧急: how the ledger marks an urgent ticket, and what it reads back as yes or no
URGENT_MARK = "是"
URGENT_YES = ("是", "紧急", "√", "✓", "✔", "Y", "YES", "TRUE", "1")
URGENT_NO = ("否", "不紧急", "一般", "×", "N", "NO", "FALSE", "0")
# A row the office adds under its tickets (合计, 总计：12 件): its first cell starts with one of
# these, and it has no 反映内容; the import passes over it.
TOTAL_ROW_WORDS = ("合计", "总计", "小计", "共计")

# -- a ledger brought in: what is wrong with it --------------------------------------------------
UNREADABLE_WORKBOOK = "不是能读取的 xlsx 文件（{error}）"
DONE_BEFORE_CREATED = "办结时间 早于 受理时间"
TAKEN_BEFORE_CREATED = "接单时间 早于 受理时间"
TAKEN_AFTER_DONE = "接单时间 晚于 办结时间"
TAKEN_BUT_WAITING = (
    "状态是 待接单，却填了 接单时间：已有人接单请把状态改为 办理中，没有请清空接单时间"
)
REPEATED_MESSAGES = (
    "数据库里已经有文件中的某些群消息（同一条消息只能属于一件诉求），"
    "未导入任何数据。请导入到空数据库。"
)


def no_header(required: Sequence[str]) -> str:
    needed = "、".join(LEDGER_COLUMNS[f] for f in required)
    every = "、".join(LEDGER_HEADERS)
    return f"找不到表头：台账的第一行应是列名，至少要有 {needed}（全部列：{every}）"


def done_time_but_open(status: str) -> str:
    """A row with 办结时间 whose 状态 says it is not done (待接单, 办理中, 已撤销)."""
    return f"状态是 {status}，却填了 办结时间：办完了请把状态改为 已办结，没办完请清空办结时间"


def header_lacks(sheet: str, line: int, missing: Sequence[str]) -> str:
    """The row that looks most like the header lacks required columns (one renamed, 诉求内容)."""
    lacking = "、".join(LEDGER_COLUMNS[f] for f in missing)
    every = "、".join(LEDGER_HEADERS)
    return (
        f"工作表「{sheet}」第 {line} 行的表头缺少 {lacking}：列名要和导出的台账一样，"
        f"改过名的列请改回（全部列：{every}）"
    )


def empty_cell(field: str) -> str:
    return f"{LEDGER_COLUMNS[field]} 不能为空"


def not_a_date(field: str, value: str) -> str:
    """What is wrong, and how to write it: a date typed by hand needs its year, first."""
    return (
        f'{LEDGER_COLUMNS[field]} "{value}" 不是日期：请连年份一起写，'
        "如 2026-11-03 09:15、2026/11/3 或 2026年11月3日"
    )


def not_a_number(field: str, value: str, least: int = 1) -> str:
    wanted = "不是正整数" if least >= 1 else "应为 0 或正整数"
    return f'{LEDGER_COLUMNS[field]} "{value}" {wanted}'


def number_too_large(field: str, value: str, most: int) -> str:
    """A number past what the database keeps (a 20-digit 编号 from a hotline's work order)."""
    return f'{LEDGER_COLUMNS[field]} "{value}" 太大：最大是 {most}，请改小或清空'


def group_id_too_large(value: str) -> str:
    """A 群 written as a number, too long for a Telegram group's id."""
    return f'{LEDGER_COLUMNS["group"]} "{value}" 是数字，却超出了群编号的范围：请写群名或群编号'


def not_verdicts(field: str, value: str) -> str:
    return f'{LEDGER_COLUMNS[field]} "{value}" 应写成 满意户数/评价户数，例如 2/3'


def unknown_value(field: str, value: str, known: Sequence[str]) -> str:
    return f'{LEDGER_COLUMNS[field]} "{value}" 不认识（可以是：{"、".join(known)}）'


def unknown_category(value: str, names: Sequence[str]) -> str:
    """A category the ledger names that no category is: the names it may have meant (噪音 →
    噪音扰民), else every name there is."""
    meant = names_meant(value, names)
    if meant:
        return f'类别 "{value}" 不认识：是不是 {"、".join(meant)}？'
    return f'类别 "{value}" 不认识（可以是：{"、".join(names)}）'


def row_problems(line: int, problems: Sequence[str]) -> str:
    """`第 7 行：…；…`"""
    return f"第 {line} 行：" + "；".join(problems)


def duplicate_ledger_number(number: int, first_line: int) -> str:
    return f"编号 {number} 重复（第 {first_line} 行已有）"


def duplicate_ledger_message(message_id: int, first_line: int) -> str:
    return f"消息 {message_id} 重复（第 {first_line} 行已有）"


def more_bad_rows(rows: int, shown: int) -> str:
    return f"…… 共有 {rows} 行有问题，以上只列出前 {shown} 行"


def import_clash(ticket_ids: Sequence[int]) -> str:
    """The database already holds tickets with these numbers: nothing was imported. An import
    only adds tickets: a ledger exported from this database, its numbers cleared, would
    register each of its tickets a second time."""
    return (
        f"数据库里已经有编号 {numbers_listed(ticket_ids)} 的诉求，未导入任何数据。"
        "导入只会新增诉求，不会修改已有的诉求（改状态、类别请在群里或办公桌上办理）。"
        "请导入到空数据库；若是补登新的诉求，请先删掉数据库里已有的那些行，"
        "再清空新行的编号，否则会重复登记。"
    )


def month_title(month: Month) -> str:
    """`2026年11月`."""
    return f"{month.year}年{month.month}月"


def ledger_filename(
    month: Month | None, now: datetime, tz: ZoneInfo, *, filtered: bool = False
) -> str:
    """`台账-2026-11.xlsx`, `台账-全部-2026-11-23.xlsx` for the whole ledger, or
    `台账-筛选-2026-11-23.xlsx` for the desk's filtered tickets."""
    if month is not None:
        return f"台账-{month.label}.xlsx"
    return f"台账-{'筛选' if filtered else '全部'}-{now.astimezone(tz):%Y-%m-%d}.xlsx"


def first_rows_filename(name: str, rows: int) -> str:
    """`台账-筛选-2026-11-23-前100000件.xlsx`: a download cut at its first `rows` tickets."""
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}-前{rows}件{dot}{suffix}"


def summary_filename(month: Month) -> str:
    """`月报-2026-11.txt`."""
    return f"月报-{month.label}.txt"


def export_caption(month: Month | None, count: int) -> str:
    """The caption of the workbook sent by /export."""
    return f"{month_title(month) if month else '全部'}台账，共 {count} 件"


def _counted(counts: Counter[str], top: int = 8) -> str:
    return "、".join(f"{name} {n}" for name, n in counts.most_common(top)) or "无"


def monthly_summary(
    month: Month,
    tickets: Sequence[Ticket],
    problems: Sequence[Ticket],
    rates: ThreeRates,
    now: datetime,
    tz: ZoneInfo,
    names: Mapping[str, str],
    titles: Mapping[int, str],
    files: Sequence[str] = (),
) -> str:
    """The month in a few lines, plain text, for the joint meeting. Every row of its ledger
    (`tickets`) is in the count by status; the urgent ones, categories, groups, households,
    places and times count the `problems`: the complaints first reported in the month, each
    once as the ticket that holds it now (`first_reported`: not those merged into another,
    nor those found not to be one), as the digest and the look back do."""

    def category(category_id: str) -> str:
        return category_name(category_id, dict(names))

    statuses = Counter(STATUS_NAMES[t.status] for t in tickets)
    overdue = sum(1 for t in tickets if t.is_overdue(now))
    urgent = sum(1 for t in problems if t.urgent)  # a danger merged into another is that one
    households = sum(t.households for t in problems)
    lines = [
        f"院子 · {month_title(month)} 诉求月报",
        f"范围：{month_title(month)}受理的诉求，状态截至 {now.astimezone(tz):%Y-%m-%d %H:%M}",
        "",
        f"受理 {len(tickets)} 件（紧急 {urgent} 件），涉及 {households} 户次："
        + "、".join(f"{STATUS_NAMES[s]} {statuses[STATUS_NAMES[s]]}" for s in Status)
        + f"；超时未办 {overdue} 件",
        f"三率：响应率 {rate_shown(rates.response)} · 解决率 {rate_shown(rates.resolution)} · "
        f"满意率 {rate_shown(rates.satisfaction, NOT_RATED_YET)}",
        f"类别：{_counted(Counter(category(t.category) for t in problems))}",
        f"各群：{_counted(Counter(titles.get(t.chat_id, str(t.chat_id)) for t in problems))}",
    ]
    spots = hotspots(problems)
    if spots:
        lines.append("反复出现的问题（同一地点同类 ≥3 件）：")
        lines.extend(
            f"  {titles.get(chat, str(chat))} {place}【{category(c)}】{count} 件"
            for chat, place, c, count in spots[:8]
        )
    slow = slowest_categories(problems)
    if slow:
        lines.append(
            "办得最慢的类别：" + "、".join(f"{category(c)} 平均{format_age(s)}" for c, s in slow)
        )
    if files:
        lines += ["", "附件：" + "、".join(files)]
    return "\n".join(lines) + "\n"
