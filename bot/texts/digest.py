"""The daily digest and the weekly look back (回头看) as text. Pure: tickets in, text out."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bot.core.categories import category_name
from bot.core.lookback import hotspots, slowest_categories, weight_order
from bot.core.rates import ThreeRates
from bot.core.tickets import Person, Status, Ticket
from bot.core.triage import TriageTally
from bot.texts.fit import fit_first
from bot.texts.format import (
    ESCALATION_LEVELS,
    NOT_RATED_YET,
    STATUS_NAMES,
    echo,
    format_age,
    mention,
    numbers_listed,
    rate_shown,
    shown,
)
from bot.texts.replies import Texts
from bot.texts.triage import triage_tally

__all__ = [
    "MAX_LINES",
    "DigestData",
    "LookBackData",
    "compose_digest",
    "compose_escalations",
    "compose_look_back",
    "compose_reminder",
    "done_while_waiting",
    "moved_while_waiting",
]

MAX_LINES = 5


@dataclass(frozen=True)
class DigestData:
    """What one group's digest for one local day is made of."""

    group_title: str | None
    day: date
    since: datetime
    now: datetime
    new: Sequence[Ticket]
    done: Sequence[Ticket]
    active: Sequence[Ticket]
    rates_day: ThreeRates
    rates_30: ThreeRates
    triage: TriageTally = field(default_factory=TriageTally)  # 研判: what was decided how


def _section(
    title: str,
    tickets: Sequence[Ticket],
    line: Callable[[Ticket], str],
    now: datetime,
    texts: Texts,
) -> list[str]:
    if not tickets:
        return []
    ordered = sorted(tickets, key=weight_order)
    lines = [title]
    lines.extend(f"  {line(t)}" for t in ordered[:MAX_LINES])
    hidden = ordered[MAX_LINES:]
    if hidden:  # named by the oldest of those not listed, never one already shown
        oldest = min(hidden, key=lambda t: t.created_at)
        lines.append(
            f"  ……另有 {len(hidden)} 件，其中最早的 #{oldest.id} 已受理 "
            f"{format_age(oldest.age(now))}"
        )
    return lines


def _rates(day: ThreeRates, month: ThreeRates) -> list[str]:
    return [
        "三率（本期 ｜ 近30天）：",
        f"  响应率 {rate_shown(day.response)} ｜ {rate_shown(month.response)}",
        f"  解决率 {rate_shown(day.resolution)} ｜ {rate_shown(month.resolution)}",
        f"  满意率 {rate_shown(day.satisfaction, NOT_RATED_YET)} ｜ "
        f"{rate_shown(month.satisfaction, NOT_RATED_YET)}",
    ]


def _unfinished(active: Sequence[Ticket]) -> str:
    """`未办结 3 件（待接单 1 件、办理中 2 件）`: every active ticket, overdue ones too, by the
    ledger's 状态 — the sets of the desk's cards and of the ledger's filters, so that the
    office reads the same numbers in the digest, on the desk and in the 台账."""
    counts = Counter(t.status for t in active)
    parts = "、".join(f"{STATUS_NAMES[s]} {counts[s]} 件" for s in Status if counts[s])
    return f"未办结 {len(active)} 件（{parts}）"


def compose_digest(data: DigestData, texts: Texts, quiet_day: str = "line") -> str | None:
    """The digest text, one short line on a quiet day, or None (quiet_day = "none")."""
    now = data.now
    overdue = [t for t in data.active if t.is_overdue(now)]
    waiting = [t for t in data.active if not t.is_overdue(now)]
    day = f"{data.day.month}月{data.day.day}日"
    since = data.since.astimezone(texts.tz)
    if since.date() < data.day - timedelta(days=1):  # over a digest skipped (the bot was down)
        period = f"{since.month}月{since.day}日{since:%H:%M}以来"
    else:
        period = f"{'昨日' if since.date() < data.day else ''}{since:%H:%M}以来"
    if not data.new and not data.done and not overdue and not data.triage.pending:
        if quiet_day == "none":
            return None
        rest = f"{_unfinished(data.active)}。" if waiting else "群里没有待办 👍"
        return f"📋 {day}：{period}没有新的诉求，{rest}"

    def age_line(ticket: Ticket) -> str:
        households = f" · {ticket.households}户" if ticket.households > 1 else ""
        merged = f" · 已合并到 #{ticket.merged_into}" if ticket.merged_into else ""
        return f"{texts.label(ticket)}{households}{merged} · {format_age(ticket.age(now))}"

    def done_line(ticket: Ticket) -> str:
        note = f" · {echo(ticket.done_note, 30)}" if ticket.done_note else ""
        return f"{texts.label(ticket)}{note}"

    def overdue_line(ticket: Ticket) -> str:
        late = format_age(now - ticket.due_at) if ticket.due_at else ""
        who = shown(ticket.assignee_name) if ticket.assignee_name else "未接单"
        return f"⏰{texts.label(ticket)} 超时{late} · {who}"

    title = shown(data.group_title or "本群")
    lines = [f"📋 {title} · {day} 诉求日报（{period}）"]
    # a report merged into another ticket is listed (the group is told where it went) but
    # not counted: 新增 counts the problems first reported in the period (`new` holds those
    # as the tickets that hold them), as the look back and the rates do
    problems = sum(1 for t in data.new if t.merged_into is None)
    lines += _section(f"新增 {problems} 件：", data.new, age_line, now, texts)
    lines += _section(f"办结 {len(data.done)} 件：", data.done, done_line, now, texts)
    listed = {t.id for t in data.new}
    older = [t for t in waiting if t.id not in listed]
    fresh = len(waiting) - len(older)
    elsewhere = [f"本期新增 {fresh} 件见上"] if fresh else []
    if overdue:
        elsewhere.append(f"已超时 {len(overdue)} 件见下")
    if older and elsewhere:  # the list that follows is neither: named, or read as the overdue
        elsewhere.append(f"其余 {len(older)} 件")
    unfinished = "，".join([_unfinished(data.active), *elsewhere]) if data.active else ""
    if older:
        lines += _section(f"{unfinished}：", older, age_line, now, texts)
    elif unfinished:
        lines.append(unfinished)
    lines += _section(f"已超时 {len(overdue)} 件：", overdue, overdue_line, now, texts)
    judged = triage_tally(data.triage)
    if judged:
        lines.append(judged)
    lines += _rates(data.rates_day, data.rates_30)
    return "\n".join(lines)


@dataclass(frozen=True)
class LookBackData:
    """A week's look back for one group, or for the whole community (group titles given)."""

    scope_title: str
    now: datetime
    last7: Sequence[Ticket]
    last30: Sequence[Ticket]
    rates_30: ThreeRates
    group_titles: Mapping[int, str] | None = None


def _top_categories(tickets: Sequence[Ticket], names: Mapping[str, str]) -> str:
    counts = Counter(t.category for t in tickets)
    if not counts:
        return "无"
    return "、".join(
        f"{html.escape(category_name(c, names), quote=False)} {n}" for c, n in counts.most_common(5)
    )


def compose_look_back(data: LookBackData, texts: Texts) -> str:
    """回头看: from one problem to one class of problems."""
    names = texts.category_names
    lines = [
        f"🔍 {shown(data.scope_title)} · 每周回头看",
        f"近7天 {len(data.last7)} 件：{_top_categories(data.last7, names)}",
        f"近30天 {len(data.last30)} 件：{_top_categories(data.last30, names)}",
    ]
    spots = hotspots(data.last30)
    if spots:
        lines.append("反复出现的问题（30天内同一地点同类 ≥3 件）：")
        for chat, place, category, count in spots[:5]:
            where = ""
            if data.group_titles is not None:
                where = f"{shown(data.group_titles.get(chat, str(chat)))} "
            name = html.escape(category_name(category, names), quote=False)
            lines.append(f"  {where}{shown(place)}【{name}】{count} 件")
    reopened = [t for t in data.last30 if t.reopened]
    if reopened:
        numbers = "、".join(f"#{t.id}" for t in sorted(reopened, key=lambda t: t.id)[:10])
        lines.append(f"重新办理过的 {len(reopened)} 件：{numbers}")
    slow = slowest_categories(data.last30)
    if slow:
        lines.append(
            "办得最慢的类别："
            + "、".join(
                f"{html.escape(category_name(c, names), quote=False)} 平均{format_age(span)}"
                for c, span in slow
            )
        )
    rates = data.rates_30
    lines.append(
        f"近30天 响应率 {rate_shown(rates.response)} · 解决率 {rate_shown(rates.resolution)} · "
        f"满意率 {rate_shown(rates.satisfaction, NOT_RATED_YET)}"
    )
    return "\n".join(lines)


def compose_reminder(tickets: Sequence[Ticket], now: datetime, texts: Texts) -> str:
    """One worker's overdue tickets of one group (oldest deadline first) in one reminder: a
    month's backlog is one message in the residents' group, not one per ticket."""
    if len(tickets) == 1:
        return texts.reminder(tickets[0], now)
    first = tickets[0]
    worker = mention(Person(first.assignee_id, first.assignee_name or "网格员"))
    head = [
        f"⏰ 提醒 {worker}：以下 {len(tickets)} 件已超时，请尽快办理，或用 /note 编号 通报进展。"
    ]
    entries = []
    for ticket in tickets:
        late = f" 已超时 {format_age(now - ticket.due_at)}" if ticket.due_at else ""
        households = f"（{ticket.households} 户反映）" if ticket.households > 1 else ""
        entries.append(f"  {texts.label(ticket)}{late}{households}")
    return fit_first(head, entries)


def compose_escalations(
    tickets: Sequence[Ticket],
    level: int,
    titles: Mapping[int, str | None],
    now: datetime,
    texts: Texts,
    chat_id: int | None = None,
) -> str:
    """The tickets raised to `level` in one run, for chat `chat_id`, in one notice (longest
    overdue first; `titles`: each ticket's group by ticket id): a backlog past its deadlines is
    one message, not one per ticket; each names its group unless the notice is said in it.
    One ticket reads as its own notice."""
    if len(tickets) == 1:
        only = tickets[0]
        here = only.chat_id == chat_id
        return texts.escalation(only, level, titles.get(only.id), now, in_its_group=here)
    name = ESCALATION_LEVELS.get(level, str(level))
    head = [f"⏫ 督办升级 · {level}级（{name}）：以下 {len(tickets)} 件已超时，请尽快办理"]
    groups = {titles.get(ticket.id) or str(ticket.chat_id) for ticket in tickets}
    elsewhere = any(ticket.chat_id != chat_id for ticket in tickets)  # an office's chat
    entries = []
    for ticket in tickets:
        parts = [texts.label(ticket)]
        if len(groups) > 1 or elsewhere:  # which group each is in
            parts.append(f"群：{shown(titles.get(ticket.id) or str(ticket.chat_id))}")
        if ticket.due_at is not None and now > ticket.due_at:
            parts.append(f"超时 {format_age(now - ticket.due_at)}")
        parts.append(f"承办人：{shown(ticket.assignee_name or '网格员')}" if ticket.assignee_id
                     else "未接单")  # fmt: skip
        entries.append("  " + " · ".join(parts))
    return fit_first(head, entries)


def done_while_waiting(
    numbers: Sequence[int],
    again: Sequence[int] = (),
    merged: Mapping[int, int] | None = None,
    withdrawn: Sequence[int] = (),
) -> str:
    """The line under a notice of several tickets whose `numbers` were done while it waited
    for the morning, and those done and reopened since (`again`: a fresh deadline, no longer
    overdue), merged into another since (`merged`: each into which, handled there), withdrawn
    since: the group is not told they are overdue, nor that one merged or withdrawn is done."""
    parts = [f"发出前已办结：{numbers_listed(numbers)}"] if numbers else []
    parts += [f"已重新办理、重新计时：{numbers_listed(again)}"] if again else []
    into: dict[int, list[int]] = {}
    for number, target in (merged or {}).items():
        into.setdefault(target, []).append(number)
    parts += [f"{numbers_listed(moved)} 已合并到 #{target}" for target, moved in into.items()]
    parts += [f"发出前已撤销：{numbers_listed(withdrawn)}"] if withdrawn else []
    return f"（{'；'.join(parts)}）"


def moved_while_waiting(tickets: Sequence[Ticket]) -> str:
    """`done_while_waiting` of the tickets of a notice that moved on while it waited, as each
    stands now: done, reopened (being handled again), merged into another, withdrawn."""
    again = [t.id for t in tickets if t.status.is_active]
    cancelled = [t for t in tickets if t.status is Status.CANCELLED]
    merged = {t.id: t.merged_into for t in cancelled if t.merged_into is not None}
    withdrawn = [t.id for t in cancelled if t.merged_into is None]
    done = [t.id for t in tickets if not t.status.is_active and t.status is not Status.CANCELLED]
    return done_while_waiting(done, again, merged, withdrawn)
