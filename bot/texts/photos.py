"""Residents' photos: what the bot says when one joins a ticket, and how a ticket shows them."""

from __future__ import annotations

from bot.core.photos import MAX_SHOWN

__all__ = ["photo_attached", "photo_caption", "photos_line"]


def photo_attached(label: str, number: int | None = None, *, rating: bool = False) -> str:
    """A photo (or an album) sent after the complaint, kept with its ticket (`label`:
    `Texts.label`, escaped). `number`: the ticket is done or closed but may still be reopened,
    and a resident's photo under it most likely shows it is not fixed: how to say so (`rating`:
    its verdicts are still asked for, 不满意 reopens it too)."""
    if number is None:
        return f"📷 照片已附到 {label}，网格员办理时能看到。"
    also = "，或在评价时点“不满意”" if rating else ""
    return (
        f"📷 照片已附到 {label}（已办结）。问题还在的话，反映人可以发 /reopen {number} "
        f"说明情况{also}，会重新办理。"
    )


def photos_line(count: int, in_private: bool) -> str:
    """`/ticket`'s line about a ticket's photos (in private, the first `MAX_SHOWN` follow)."""
    if in_private and count > MAX_SHOWN:
        return f"📷 附图 {count} 张（随后发给您前 {MAX_SHOWN} 张）"
    if in_private:
        return f"📷 附图 {count} 张（随后发给您）"
    return f"📷 附图 {count} 张（网格员私聊 /ticket 可看）"


def photo_caption(ticket_id: int, number: int, total: int) -> str:
    """The caption of a ticket's photo sent on to a worker (plain text; `total`: all it has,
    more than are sent when over `MAX_SHOWN`)."""
    return f"#{ticket_id} 附图 {number}/{total}"
