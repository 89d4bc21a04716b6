"""Workers' private notices of 研判 items: what each says, and where every copy went."""

from __future__ import annotations

from bot import texts
from bot.core.triage import TriageItem
from bot.runtime.alerts import rewrite_copies
from bot.runtime.keyboards import triage_buttons
from bot.runtime.services import Services

__all__ = [
    "TRIAGE_NOTICE",
    "retire_former_copies",
    "show_again",
    "triage_notice_body",
    "triage_notice_origins",
    "triage_origin",
]

TRIAGE_NOTICE = "triage"  # the outbox's kind for a worker's 研判 notice


def triage_origin(item_id: int) -> str:
    """What the 研判 notices of one item are queued as (one per worker: `:<worker id>` after)."""
    return f"triage:{item_id}"


def triage_notice_origins(services: Services, item_id: int) -> list[str]:
    """The origins of every worker's copy of an item's notice (`tell_workers` queued them)."""
    workers = sorted(w for w in services.config.roles.alerted() if w is not None)
    return [f"{triage_origin(item_id)}:{w}" for w in workers]


async def triage_notice_body(services: Services, item: TriageItem, files: bool) -> str:
    """A worker's private notice of a 研判 item, with its words as they are now and the
    neighbours who said "+1" under it (`files`: what the timeout will do with them)."""
    group = await services.stores.chats.get(item.chat_id)
    names = services.texts.category_names
    photo = await services.stores.photos.at(item.chat_id, item.message_id)
    return texts.triage_notice(
        item,
        group.title if group else None,
        names.get(item.category or "", item.category),
        services.triage.wait,
        files,
        photo is not None,
        seconds=await services.stores.seconds.households(item.id),
    )


async def show_again(services: Services, item: TriageItem, files: bool) -> None:
    """Every worker's notice of a waiting item, as it is now (`files`: what the timeout will
    do with it)."""
    body = await triage_notice_body(services, item, files)
    await rewrite_copies(
        services, triage_notice_origins(services, item.id), body, triage_buttons(item.id)
    )


async def retire_former_copies(services: Services) -> int:
    """At the start: every copy of a waiting item's notice sent to a worker taken off the roster
    while the bot was down says he no longer judges it, without buttons, as his press would
    have it say (one still waiting to be posted is not posted), once: a copy said so is retired
    (`copies_elsewhere` leaves it out at the next start). How many were edited."""
    stores = services.stores
    roster = services.config.roles.roster()
    copies = await stores.triage.copies_elsewhere(TRIAGE_NOTICE, roster)
    if not copies:
        return 0
    waiting = await stores.triage.pending(limit=await stores.triage.count_pending())
    items = {triage_origin(item.id): item for item in waiting}
    edited = 0
    for origin, chat_id, message_id in copies:
        item = items.get(origin.rpartition(":")[0])
        if item is None:  # judged while he was on the roster: said so then
            continue
        if message_id is None:
            await stores.outbox.drop_waiting([origin], "its worker left the roster")
            continue
        said = texts.triage_settled(texts.TRIAGE_OFF_ROSTER, item)
        edited += await services.messenger.edit(chat_id, message_id, said)
        # said once: not again at the next start (an edit refused is not worth a retry)
        await stores.outbox.retire(origin, chat_id, "its worker left the roster")
    return edited
