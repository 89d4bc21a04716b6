"""Keeping a message within what Telegram takes: 4,096 characters of visible text, counted
in UTF-16 units. A long history keeps its head and its newest lines; a long list keeps its
head, its first entries and its tail; what was left out is named in one line."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

__all__ = [
    "MESSAGE_BUDGET",
    "TELEGRAM_LIMIT",
    "earlier_omitted",
    "fit_first",
    "fit_newest",
    "more_omitted",
    "utf16_units",
    "visible_units",
]

TELEGRAM_LIMIT = 4096
# What the bot allows itself, measured on the HTML it sends (markup and entities only add to
# the visible text, so this bounds what Telegram counts), with room to spare.
MESSAGE_BUDGET = 3800


def utf16_units(text: str) -> int:
    """The length Telegram counts: an emoji or a rare character outside the BMP is two."""
    return len(text.encode("utf-16-le")) // 2


_TAG = re.compile(r"<[^>]*>")


def visible_units(markup: str) -> int:
    """What Telegram counts of a message the bot wrote in HTML (its own tags, every user text
    escaped): the text without its tags and with its entities read, in UTF-16 units. A folded
    acknowledgement's mentions are mostly markup (`<a href="tg://user?id=…">`)."""
    return utf16_units(html.unescape(_TAG.sub("", markup)))


def earlier_omitted(count: int) -> str:
    return f"……（更早的 {count} 条记录从略）"


def more_omitted(count: int) -> str:
    return f"……另有 {count} 件未列出（时限较晚）"


def fit_first(
    head: Sequence[str],
    entries: Sequence[str],
    tail: Sequence[str] = (),
    *,
    total: int | None = None,
    budget: int = MESSAGE_BUDGET,
) -> str:
    """`head`, `entries` and `tail`, one per line, in at most `budget` units: the first entries
    that fit are kept (a list in order of what matters most) and the rest — of `total`, when
    the entries are only the first of them — named in one line; the tail's last lines give way
    only to the head."""
    total = max(total or 0, len(entries))
    everything = [*head, *entries, *tail]
    if total == len(entries) and utf16_units("\n".join(everything)) <= budget:
        return "\n".join(everything)
    kept_tail = list(tail)
    used = utf16_units("\n".join(head)) + 1 + utf16_units(more_omitted(total))
    while kept_tail and used + 1 + utf16_units("\n".join(kept_tail)) > budget:
        kept_tail.pop()
    used += 1 + utf16_units("\n".join(kept_tail)) if kept_tail else 0
    kept: list[str] = []
    for entry in entries:
        cost = 1 + utf16_units(entry)
        if used + cost > budget:
            break
        kept.append(entry)
        used += cost
    left_out = [more_omitted(total - len(kept))] if total > len(kept) else []
    return "\n".join([*head, *kept, *left_out, *kept_tail])


def fit_newest(head: Sequence[str], lines: Sequence[str], budget: int = MESSAGE_BUDGET) -> str:
    """`head` and then `lines` (oldest first), one per line, in at most `budget` units: when
    they do not all fit, the newest that fit are kept and the older ones named in one line."""
    everything = "\n".join([*head, *lines])
    if utf16_units(everything) <= budget:
        return everything
    used = utf16_units("\n".join(head)) + 1 + utf16_units(earlier_omitted(len(lines)))
    kept: list[str] = []
    for line in reversed(lines):
        cost = 1 + utf16_units(line)
        if used + cost > budget:
            break
        kept.append(line)
        used += cost
    kept.reverse()
    return "\n".join([*head, earlier_omitted(len(lines) - len(kept)), *kept])
