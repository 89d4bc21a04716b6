"""Keeping a message within what Telegram takes: 4,096 characters of visible text, counted
in UTF-16 units. A long list keeps its head and its newest lines; the older ones are named in
one line."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "MESSAGE_BUDGET",
    "TELEGRAM_LIMIT",
    "earlier_omitted",
    "fit_newest",
    "utf16_units",
]

TELEGRAM_LIMIT = 4096
# What the bot allows itself, measured on the HTML it sends (markup and entities only add to
# the visible text, so this bounds what Telegram counts), with room to spare.
MESSAGE_BUDGET = 3800


def utf16_units(text: str) -> int:
    """The length Telegram counts: an emoji or a rare character outside the BMP is two."""
    return len(text.encode("utf-16-le")) // 2


def earlier_omitted(count: int) -> str:
    return f"……（更早的 {count} 条记录从略）"


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
