"""What the bot says about 研判: the private notice to workers, their buttons' answers, the
queue in /todo and the digest's line on what was decided how."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta

from bot.core.triage import TriageItem, TriageTally
from bot.texts.fit import MESSAGE_BUDGET, utf16_units
from bot.texts.format import echo, message_link, shown

__all__ = [
    "CHOOSE_CATEGORY",
    "TRIAGE_CATEGORY_BUTTON",
    "TRIAGE_DECIDED",
    "TRIAGE_DISMISS_BUTTON",
    "TRIAGE_FILED_LABEL",
    "TRIAGE_FILE_BUTTON",
    "TRIAGE_GONE",
    "TRIAGE_MINE",
    "TRIAGE_OFF_ROSTER",
    "TRIAGE_THANKS",
    "TRIAGE_TIMED_OUT_DISMISSED",
    "TRIAGE_WITHDRAWN",
    "triage_dismissed",
    "triage_edited_filed",
    "triage_filed",
    "triage_filed_by_clock",
    "triage_notice",
    "triage_queue",
    "triage_said_over",
    "triage_said_plainly",
    "triage_settled",
    "triage_tally",
    "triage_timed_out",
    "triage_timed_out_handled",
    "triage_urgent_together",
]

TRIAGE_FILE_BUTTON = "登记为诉求"
TRIAGE_CATEGORY_BUTTON = "改类别"
TRIAGE_DISMISS_BUTTON = "不是诉求"
TRIAGE_DECIDED = "这条已由 {name} 研判过了"
TRIAGE_GONE = "这条研判已失效"
TRIAGE_MINE = "您已经研判过这条了"
# pressed by a worker since taken off [roles], on his own copy (its buttons are then removed)
TRIAGE_OFF_ROSTER = "您已不在网格员名单中，这条消息不再由您研判了，谢谢。"
TRIAGE_THANKS = "已处理，谢谢"
TRIAGE_FILED_LABEL = "诉求"  # `已登记为 诉求` while its number is not known yet
CHOOSE_CATEGORY = "请选择类别，选中即登记为诉求："


def _minutes(wait: timedelta) -> str:
    minutes = int(wait.total_seconds() // 60)
    return f"{minutes // 60} 小时" if minutes >= 60 and minutes % 60 == 0 else f"{minutes} 分钟"


def triage_notice(
    item: TriageItem,
    group_title: str | None,
    category_name: str | None,
    wait: timedelta,
    files_on_timeout: bool = True,
    photo: bool = False,
    *,
    seconds: int = 0,
) -> str:
    """To each worker in private: a message the classifier is unsure of, with its best guess,
    and what happens when nobody judges it in time (`photo`: its words are a photo's caption;
    `seconds`: neighbours who said "+1" under it, who join its ticket when it is filed)."""
    group = shown(group_title or str(item.chat_id))
    guess = f"【{shown(category_name)}】" if category_name else "（无）"
    place = f" {shown(item.location)}" if item.location else ""
    return "\n".join(
        [
            "🤔 研判：这条群消息像是诉求，机器人拿不准，群里还没有回复。",
            f"群：{group}",
            f"{shown(item.display_name or '居民')}：{echo(item.text, 300)}",
            *(["📷 附有照片（登记后随诉求保存）"] if photo else []),
            *([f"👥 另有 {seconds} 户邻居附议（登记后一并计入）"] if seconds else []),
            *([link] if (link := message_link(item.chat_id, item.message_id)) else []),
            f"猜测类别：{guess}{place}",
            f"请选择：登记为诉求 · 改类别 · 不是诉求。{_minutes(wait)}内无人研判将"
            + (
                "自动登记。"
                if files_on_timeout
                else "不登记（多半是闲聊，只因本社区学到的词才来问您）。"
            ),
        ]
    )


def triage_settled(said: str, item: TriageItem) -> str:
    """A 研判 notice once decided (by a worker, the clock or the resident's own words): what
    became of it, then her words as the notice showed them — the worker still reads what was
    decided, not just that it was."""
    return f"{said}\n{shown(item.display_name or '居民')}：{echo(item.text, 300)}"


# what the group heard: the acknowledgement, or nothing (the bot is no longer in that group)
_REPLIED = "群里已回复居民"
_NOT_REPLIED = "机器人已不在该群，群里无法回复居民"


def triage_filed(label: str, who: str, *, replied: bool = True) -> str:
    return f"✅ 已登记为 {label}（{shown(who)} 研判），{_REPLIED if replied else _NOT_REPLIED}。"


TRIAGE_TIMED_OUT_DISMISSED = (
    "⏰ 无人研判。这条多半是闲聊，没有登记，群里不回复；如果是诉求，请用 /new 登记。"
)


TRIAGE_WITHDRAWN = "✏️ 这条待研判的消息居民改过了：现在看不是诉求，已撤下，群里不回复。"


def triage_said_over(words: str) -> str:
    """A waiting message whose sender then said it is over ("已经好了 不用来了"): withdrawn."""
    return (
        f"💬 居民随后在群里说：{echo(words, 100)}\n这条已撤下，不再登记，群里不回复；"
        "如果还是要办，请在群里回复那条消息发 /new 登记。"
    )


def triage_said_plainly(label: str) -> str:
    """A waiting message whose sender said it plainly a moment later: filed with that."""
    return f"👌 居民随后在群里说清楚了，已登记为 {label}，这条一并归入，不用再研判。"


def triage_urgent_together(label: str) -> str:
    """A waiting message that her next words, read with it, made a danger: filed as one."""
    return (
        f"🚨 居民接着又说了几句，连起来看有人身危险，已按紧急诉求登记为 {label}，"
        "这条一并归入，不用再研判；群里已回复居民。"
    )


def triage_edited_filed(label: str) -> str:
    return f"✏️ 这条待研判的消息居民改过了：现在看是诉求，已登记为 {label}，群里已回复居民。"


def triage_timed_out(label: str, number: int | None = None, *, replied: bool = True) -> str:
    """The worker's notice once the clock filed it: and how to withdraw it if it is no
    complaint (/cancel, right here in private or in the group, while the bot is there;
    `number`: a ticket of this message alone, not one of a neighbour's it joined)."""
    said = f"⏰ 无人研判，已按时自动登记为 {label}，{_REPLIED if replied else _NOT_REPLIED}。"
    if number is not None and replied:
        said += f"如果不是诉求，直接发 /cancel {number} 撤销。"
    return said


def triage_filed_by_clock(number: str | None, chosen: str | None = None) -> str:
    """A 研判 button pressed after the clock filed the message (under the button: short;
    `chosen`: the category picked under 改类别, which the ticket does not have yet)."""
    if number is None:
        return "这条已超时自动登记为诉求"
    if chosen is not None:
        return f"这条已超时自动登记为 #{number}，类别未改；改类别请发 /category {number} {chosen}"
    return f"这条已超时自动登记为 #{number}；不是诉求请发 /cancel {number}"


def triage_timed_out_handled(ticket: str) -> str:
    """Nobody judged it, and the problem it most likely spoke of was done meanwhile."""
    return (
        f"⏰ 无人研判。同类问题 {ticket} 在这条消息之后已办结，没有另行登记，群里不回复；"
        "如果是新的问题，请用 /new 登记。"
    )


def triage_dismissed(who: str) -> str:
    return f"已判定不是诉求（{shown(who)} 研判），群里不回复。"


_QUEUE_BUDGET = MESSAGE_BUDGET // 2  # of /todo's message: the rest is the worker's tickets


def triage_queue(
    items: Sequence[TriageItem],
    titles: Mapping[int, str],
    total: int | None = None,
    seconds: Mapping[int, int] | None = None,
) -> str:
    """The 研判 queue for /todo: `total` waiting, the oldest `items` of them listed (`seconds`:
    by item, the neighbours who said "+1" under it) — as many as fit in half a message (long
    group titles and names), the worker's own tickets keep the other half."""
    total = len(items) if total is None else max(total, len(items))
    lines: list[str] = []
    used = 0
    for item in items:
        group = shown(titles.get(item.chat_id, str(item.chat_id)))
        author = shown(item.display_name or "居民")
        also = (seconds or {}).get(item.id)
        plus = f"（+{also} 户附议）" if also else ""
        line = f"• #研{item.id} {group} · {author}：{echo(item.text, 40)}{plus}"
        used += 1 + utf16_units(line)
        if lines and used > _QUEUE_BUDGET:
            break
        lines.append(line)
    more = f"，列出最早的 {len(lines)} 条" if total > len(lines) else "（最早的在前）"
    return "\n".join([f"待研判 {total} 条{more}：", *lines])


def triage_tally(tally: TriageTally) -> str | None:
    """The digest's line: `研判 5 条：登记 3（其中超时自动登记 1）· 不是诉求 2`."""
    if not tally.total:
        return None
    filed = tally.filed_by_worker + tally.filed_on_timeout
    timeout = f"（其中超时自动登记 {tally.filed_on_timeout}）" if tally.filed_on_timeout else ""
    waiting = f" · 待研判 {tally.pending}" if tally.pending else ""
    return f"研判 {tally.total} 条：登记 {filed}{timeout} · 不是诉求 {tally.dismissed}{waiting}"
