"""What the bot says when someone may get hurt now: the acknowledgement in the group (never
folded with others), the safety line fit for the danger, the private alert to each worker, and
the admins' list of workers the bot cannot reach in private."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from bot.core.bursts import DONE_AT_ONCE
from bot.core.tickets import Person
from bot.texts.fit import fit_first
from bot.texts.format import ESCALATION_LEVELS, echo, mention, numbers_listed, shown, unmet_worker

__all__ = [
    "ALERT_CANCELLED",
    "ALERT_DONE",
    "GAS_SAFETY",
    "TRAPPED_SAFETY",
    "URGENT_NOBODY_REACHABLE",
    "WATER_SAFETY",
    "ack_urgent",
    "alert_merged",
    "alert_taken",
    "alerted_its_over",
    "burst_notice",
    "safety_line",
    "unreachable_workers",
    "untaken_call",
    "untaken_call_now",
    "urgent_again",
    "urgent_alert",
    "urgent_joined",
    "urgent_released",
    "urgent_reopened",
    "urgent_reread",
    "urgent_restored",
    "urgent_settled",
    "urgent_unreached",
    "worker_mention",
]

# Which emergency number fits: by what the resident describes (any may apply), then by category.
_FIRE = re.compile(r"火|烟|燃气|煤气|天然气|液化气|气味|爆炸|焦味|冒火|火花|电线|漏电|触电")
_POLICE = re.compile(r"小偷|偷|撬|闯|陌生人|可疑|持刀|砍|打人|打架|抢|入室|翻窗|尾随|跟踪")
_MEDICAL = re.compile(
    r"晕|昏|倒地|摔|受伤|伤了|流血|出血|咬|抓伤|不舒服|喘不|呼吸|心脏|抽搐|不省人事|卧床|"
    r"吸氧|制氧|透析|呼吸机|老人|孩子|小孩|婴儿|宝宝|孕妇|"
    r"老伴|老太|老爷子|大爷|大妈|奶奶|爷爷|外婆|外公|姥姥|姥爷|阿婆|阿公|娃|小朋友|病人|"
    r"高血压|心脏病|糖尿病"
)
_GAS = re.compile(r"燃气|煤气|天然气|液化气|漏气")
_TRAPPED = re.compile(r"困|关人|关倒人|关了人|卡住|卡起|夹人|出不来|里面有人|里头有人")
_WATER = re.compile(r"漏水|水管爆|爆管|水管裂|进水|淹|泡水|水漫|水流到|渗水")
_BY_CATEGORY = {"fire_safety": "119", "security": "110", "lift": "119", "power": "119"}
_NAMES = {"119": "火警、救援", "110": "报警", "120": "急救"}

# Water with no other danger told: what helps now is the valve and the phone, not the police.
WATER_SAFETY = (
    "⚠️ 有漏水请先关上水阀，别碰泡了水的插座和电器；家里有人急需用水或有人身危险，"
    "请直接打电话给物业、网格员，或拨打 119（火警、救援）/ 120（急救），不要等群里回复。"
)
# What to do before help comes, when the danger is one where doing the wrong thing hurts.
GAS_SAFETY = (
    "闻到燃气味：不要开关电灯电器、不要打火，打开门窗，关掉燃气阀门，人先离开，到室外再打电话。"
)
TRAPPED_SAFETY = "被困在电梯里：按轿厢里的警铃或救援电话，不要扒门、不要自己往外爬，等人来救。"
URGENT_NOBODY_REACHABLE = "网格员暂时收不到机器人的私信通知，请同时直接打电话联系物业或网格员。"


def safety_line(category: str, text: str) -> str:
    """`有危险请立即拨打 120（急救）/ 119（火警、救援）`: the numbers that fit the danger, and
    what to do meanwhile where the wrong move hurts (a gas leak, someone trapped in a lift)."""
    advice = [
        line
        for line, found in (
            (GAS_SAFETY, _GAS.search(text)),
            (TRAPPED_SAFETY, category == "lift" and _TRAPPED.search(text)),
        )
        if found
    ]
    return "\n".join([_numbers_line(category, text), *advice])


def _numbers_line(category: str, text: str) -> str:
    numbers = [
        number
        for number, found in (
            ("120", _MEDICAL.search(text)),
            ("119", _FIRE.search(text)),
            ("110", _POLICE.search(text)),
        )
        if found
    ]
    # a burst pipe; water told in words only where the category has no number of its own (a
    # lift flooding with someone inside is 119's first)
    in_words = category not in _BY_CATEGORY and _WATER.search(text)
    if not numbers and (category == "water" or in_words):
        return WATER_SAFETY
    if category in _BY_CATEGORY and _BY_CATEGORY[category] not in numbers:
        numbers.append(_BY_CATEGORY[category])
    if not numbers:
        numbers = ["119", "110", "120"]
    said = " / ".join(f"{n}（{_NAMES[n]}）" for n in numbers)
    return f"⚠️ 有人身危险请立即拨打 {said}，不要等群里回复。"


def worker_mention(person: Person, number: int = 0) -> str:
    """A worker named in a post; one whose name the bot never saw is "网格员" (numbered when
    there are several)."""
    if person.name:
        return mention(person)
    return mention(Person(person.id, f"网格员{number or ''}", person.username))


def _workers(workers: Sequence[Person]) -> str:
    several = len(workers) > 1
    return "、".join(worker_mention(w, n + 1 if several else 0) for n, w in enumerate(workers))


def ack_urgent(
    label: str,
    team: str | None,
    category: str,
    text: str,
    workers: Sequence[Person],
    reached: bool = True,
    unreached: Sequence[Person] = (),
) -> str:
    """The urgent complaint's own acknowledgement, as a reply to the resident's message:
    `workers` (on duty) are mentioned; `reached`: whether any worker was told in private —
    if none was, the group is not told they were, and is asked to phone; `unreached`: those
    of `workers` the bot cannot write to in private (never started it, or blocked it), who
    are called in the group but not said to have been told."""
    lines = [f"已受理 {label} · 紧急", safety_line(category, text)]
    if workers and reached:
        told = [w for w in workers if w not in unreached]
        lines.append(f"已通知 {_workers(told)}，请马上处理。" if told else _TOLD_SOME)
        if len(told) < len(workers):
            lines.append(_not_told([w for w in workers if w in unreached]))
    else:
        if workers:
            lines.append(f"请 {_workers(workers)} 马上处理。")
        lines.append(URGENT_NOBODY_REACHABLE)
    lines.append(f"责任主体：{html.escape(team or '社区网格站', quote=False)}")
    return "\n".join(lines)


_TOLD_SOME = "已私信通知网格员，请马上处理。"


def _not_told(workers: Sequence[Person]) -> str:
    """On-duty workers the bot cannot reach in private, called in the group instead."""
    return f"{_workers(workers)} 收不到机器人的私信，请看到后马上处理。"


def urgent_unreached(label: str) -> str:
    """To the group, when the private alerts of a danger it was told had gone to the workers
    could not be delivered (they blocked the bot since)."""
    return f"⚠️ {label} 的紧急通知没能私信送达网格员。\n{URGENT_NOBODY_REACHABLE}"


def urgent_reread(category: str, text: str, told: int) -> str:
    """What an urgent acknowledgement adds when an edit turned a report urgent."""
    reached = "已通知网格员，请马上处理。" if told else URGENT_NOBODY_REACHABLE
    return f"{safety_line(category, text)}\n{reached}"


def urgent_alert(
    label: str,
    group_title: str | None,
    category: str,
    text: str,
    link: str = "",
    photos: tuple[int, int] | None = None,
) -> str:
    """The private alert each worker gets at once, with a 接单 button (`link`: to the
    resident's message, see `message_link`; `photos`: the ticket's number and how many photos
    it has, when it has some)."""
    where = shown(group_title) if group_title else "楼栋群"
    lines = [f"🚨 紧急诉求 {label}", f"群：{where}", f"原话：{echo(text, 300)}"]
    lines += [link] if link else []
    if photos is not None:
        lines.append(f"📷 居民附了照片 {photos[1]} 张，发 /ticket {photos[0]} 查看")
    lines += [safety_line(category, text), _ACT_NOW]
    return "\n".join(lines)


_ACT_NOW = "请立即处理；点「接单」后群里会看到是谁在办。"


def urgent_settled(alert: str, said: str) -> str:
    """A worker's alert once the danger is in hand (`said`: taken by whom, withdrawn, done):
    the colleague woken at night does not set out for it too."""
    return f"{_without_call(alert)}\n{said}"


def urgent_again(alert: str, level: int) -> str:
    """A worker's private alert said again when the urgent ticket nobody took escalates
    (`alert`: what the first one said, or a new one like it): the first may have been slept
    through. It keeps the first's last line, so that it settles as the first does."""
    name = ESCALATION_LEVELS.get(level, str(level))
    return f"⏰ 仍无人接单 · 已督办升级 {level}级（{name}），再次提醒：\n{alert}"


def urgent_restored(alert: str) -> str:
    """A worker's private alert said again when the urgent ticket withdrawn by mistake is
    restored with nobody on it (`alert`: what the first one said): the edit that said "不用再去
    处理" is undone. It keeps the first's last line, so that it settles as the first does."""
    return f"♻️ 撤销作废，已恢复办理，仍无人接单，再次提醒：\n{alert}"


def urgent_released(alert: str) -> str:
    """A worker's private alert said again when the urgent ticket's worker was taken off the
    roster (`alert`: what the first one said): it is nobody's now. It keeps the first's last
    line, so that it settles as the first does."""
    return f"👤 原承办人已不是网格员，此件退回待接单，现在无人接单，请马上处理：\n{alert}"


def urgent_reopened(
    alert: str,
    reason: str | None,
    *,
    yours: bool = False,
    holder: Person | None = None,
    number: int | None = None,
) -> str:
    """A worker's private alert said again when the urgent ticket done is reopened (the danger
    may be back): to its worker (`yours`); to every worker when it has nobody (with 接单, the
    first's last line kept so that it settles as the first does), or when its worker (`holder`
    of ticket `number`) cannot be told in private."""
    why = f"（{echo(reason, 100)}）" if reason else ""
    head = f"🔁 已办结又被重新打开{why}，"
    if yours:
        return f"{head}仍由你办理，请尽快处理：\n{_without_call(alert)}"
    if holder is not None:
        return (
            f"{head}由 {mention(holder)} 办理，但私信通知不到 TA：请电话联系，"
            f"或 /assign {number} 改派：\n{_without_call(alert)}"
        )
    return f"{head}现在无人接单，再次提醒：\n{alert}"


def urgent_joined(alert: str) -> str:
    """For the worker of a ticket an urgent one was folded into: the danger is now his."""
    return f"🔗 一件紧急诉求已合并到你办理的这一件，请尽快处理：\n{_without_call(alert)}"


def _without_call(alert: str) -> str:
    """An alert without its call to take it (for someone who has it, or when it is settled)."""
    return alert.removesuffix(_ACT_NOW).rstrip()


def untaken_call(
    numbers: Sequence[int],
    workers: Sequence[Person],
    reached: bool,
    unreached: Sequence[Person] = (),
) -> str:
    """The line under an escalation, in the group, for urgent tickets nobody has taken
    (`numbers`: which, when the notice lists several; none for a notice of one ticket): the
    workers on duty are mentioned; `reached`: whether any worker was reminded in private — if
    none was, the group is asked to phone; `unreached`: those of `workers` the bot cannot
    write to in private, called but not said to have been reminded."""
    head = _untaken_head(numbers)
    if workers and reached:
        told = [w for w in workers if w not in unreached]
        said = f"{head}，已再次私信提醒 {_workers(told)}，请马上处理。"
        if not told:
            said = f"{head}，已再次私信提醒网格员，请马上处理。"
        if len(told) < len(workers):
            said += "\n" + _not_told([w for w in workers if w in unreached])
        return said
    lines = [f"{head}，请 {_workers(workers)} 马上处理。" if workers else f"{head}。"]
    return "\n".join([*lines, URGENT_NOBODY_REACHABLE])


_UNTAKEN_HEAD = re.compile(r"\n🚨 紧急诉求(?: [^\n]*? )?仍无人接单")


def untaken_call_now(body: str, numbers: Sequence[int], several: bool) -> tuple[str, str]:
    """An escalation's words as queued, apart from the `untaken_call` under them (the words
    and ""; without one), and that call said again of `numbers` only — those still nobody's
    when it is posted late (`several`: the notice still lists several tickets); "" for none."""
    found = next(reversed(list(_UNTAKEN_HEAD.finditer(body))), None)  # the last: under all
    if found is None:
        return body, ""
    said = body[: found.start()]
    if not numbers:
        return said, ""
    return said, f"\n{_untaken_head(numbers if several else [])}{body[found.end() :]}"


def _untaken_head(numbers: Sequence[int]) -> str:
    which = f" {numbers_listed(numbers)} " if numbers else ""
    return f"🚨 紧急诉求{which}仍无人接单"


def alert_taken(worker: Person) -> str:
    return f"✅ 已由 {mention(worker)} 接单，正在办理。"


def alerted_its_over(label: str, ticket_id: int, words: str) -> str:
    """For the workers alerted in private, once: the only resident of an urgent ticket nobody
    has taken says it is over ("没事了 是演练") — theirs to withdraw, or to go and see."""
    return (
        f"💬 紧急诉求 {label} 的反映人在群里说：{echo(words, 300)}\n"
        f"可 /cancel {ticket_id} 撤销，或 /ticket {ticket_id} 查看。"
    )


ALERT_CANCELLED = "⛔ 这件诉求已撤销（居民说没事了，或网格员判定不是诉求），不用再去处理。"
ALERT_DONE = "✅ 这件诉求已办结。"


def alert_merged(into_label: str) -> str:
    """An urgent ticket folded into another (`into_label`, already escaped): one incident."""
    return f"🔗 已合并到 {into_label}，按那一件办理。"


def unreachable_workers(workers: Sequence[Person]) -> str:
    """For admins: the workers an urgent complaint cannot reach in private."""
    if not workers:
        return "所有网格员都已私聊过机器人，紧急诉求会私信通知到每个人。"
    named = "、".join(
        mention(w if w.name or w.id is None else Person(w.id, unmet_worker(w.id), w.username))
        for w in workers
    )
    return (
        f"⚠️ 这些网格员还没有私聊过机器人，或者屏蔽了机器人，紧急诉求无法私信通知他们：{named}。"
        "请他们在私聊里给机器人发一次 /start（屏蔽了的，先在机器人的资料页里解除屏蔽）。"
    )


def burst_notice(
    category: str, groups: int, tickets: Sequence[tuple[int, str, str | None, str]]
) -> str:
    """For the office, in private: one problem reported in `groups` groups one after another —
    each ticket as (number, label, group title, first words); kept up to date as more come.
    The /done that closes them, in commands of at most DONE_AT_ONCE tickets; the tickets that
    do not fit one message are counted, not listed."""
    head = [
        f"⚠️ 可能是片区性问题：{groups} 个群相继报告【{html.escape(category)}】，"
        "请看是否同一原因（停电、停水、台风等），统一协调处理："
    ]
    lines = []
    for _, label, title, words in tickets:
        where = f"「{shown(title)}」" if title else ""
        lines.append(f"• {where}{label}：{echo(words, 30)}")
    numbers = [str(number) for number, *_ in tickets]
    dones = [
        f"/done {'、'.join(numbers[at : at + DONE_AT_ONCE])} 办理结果"
        for at in range(0, len(numbers), DONE_AT_ONCE)
    ]
    how = "一次办结" if len(dones) == 1 else f"分 {len(dones)} 次办结（每次最多 {DONE_AT_ONCE} 件）"
    tail = [f"同一原因修好后，可以{how}：", *dones]
    return fit_first(head, lines, tail)
