"""Commands that carry a ticket through the loop: /reopen /cancel /category /note /merge."""

from __future__ import annotations

from bot import texts
from bot.runtime import usecases
from handlers.common import (
    Asked,
    command,
    plain,
    replied_ticket,
    replied_to,
    rest_text,
    split_number,
    split_numbers,
)

__all__ = ["cancel", "change_category", "merge", "note", "reopen"]


@command(where="group_or_worker")
async def reopen(asked: Asked) -> None:
    """/reopen <n> [reason]: a reporter, within the reopen window after done; without the
    number as a reply to the done notice, the bot's word of the ticket or its report. In
    private, a worker's by number (its group is told, the worker is told back where); a
    resident reopens hers in her group."""
    number, rest = split_number(asked.args)
    if number is None and _replying(asked):  # `/reopen 还是坏的` under "请发 /reopen 1"
        usage, ambiguous = texts.REOPEN_USAGE, texts.REOPEN_REPLY_AMBIGUOUS
        number = await replied_ticket(asked, usage, ambiguous, usage)
        if number is None:
            return
        rest = list(asked.args)
    if number is None:
        await asked.answer(texts.REOPEN_USAGE)
        return
    ticket = await usecases.reopen(asked.services, asked.act(number), rest_text(rest))
    await asked.told_in_group(ticket, texts.DID_REOPEN)


@command(where="group_or_worker")
async def cancel(asked: Asked) -> None:
    """/cancel <n> [reason]: the only reporter withdraws it, or a worker: not a complaint. In
    private, a worker's by number on any group's ticket (its group is told, the worker is told
    back where); a resident withdraws hers in the group she raised it in, where the
    neighbours saw it filed (in private she is pointed there)."""
    worker = asked.services.config.roles.is_worker(asked.actor.id)
    number, rest = split_number(asked.args)
    if number is None and _replying(asked):  # under its acknowledgement or the report
        unfiled = texts.CANCEL_NOT_FILED_WORKER if worker else texts.CANCEL_NOT_FILED
        usage, ambiguous = texts.CANCEL_USAGE, texts.CANCEL_REPLY_AMBIGUOUS
        number = await replied_ticket(asked, usage, ambiguous, unfiled)
        if number is None:
            return
        rest = list(asked.args)
    if number is None:
        await asked.answer(texts.CANCEL_USAGE)
        return
    ticket = await usecases.cancel(asked.services, asked.act(number), rest_text(rest))
    await asked.told_in_group(ticket, texts.DID_CANCEL)


@command(workers_only=True)
async def change_category(asked: Asked) -> None:
    """/category <n> <id or 中文名>: a worker corrects the category (kept for learning). In
    private, any group's ticket by its number (its group is told, the worker is told back)."""
    names = asked.services.classifier.category_names()
    number, rest = split_number(asked.args)
    if number is None and _replying(asked):  # `/category 停车` under its acknowledgement
        rest = list(asked.args)
    wanted = plain(rest[0]).lower() if rest else ""  # `ｌｉｆｔ` is lift
    category = (
        wanted
        if wanted in names
        else next((key for key, name in names.items() if plain(name).lower() == wanted), None)
    )
    if category is not None and number is None and _replying(asked):
        ambiguous = texts.CATEGORY_REPLY_AMBIGUOUS
        number = await replied_ticket(asked, texts.category_usage(names), ambiguous)
        if number is None:
            return
    if wanted and category is None:  # `/category 12 物业`: what it may have meant
        guess = asked.services.classifier.category_meant(rest[0])  # 垃圾: 环境卫生
        await asked.answer(texts.not_a_category(rest[0], names, number, guess))
        return
    if number is None or category is None:
        await asked.answer(texts.category_usage(names))
        return
    ticket = await usecases.recategorise(asked.services, asked.act(number), category)
    await asked.told_in_group(ticket, texts.DID_CATEGORY)


def _replying(asked: Asked) -> bool:
    """A command without a number, in a group, as a reply: about the ticket replied to."""
    return asked.in_group and replied_to(asked.message) is not None


@command(workers_only=True)
async def note(asked: Asked) -> None:
    """/note <n> <text>: a worker's progress, shown to the group as 进展 and kept in history."""
    numbers, rest = split_numbers(asked.args)  # `/note 12、15 下午去看`: both (as /done)
    if not numbers and asked.args and asked.in_group:  # a reply to the report or its ack
        found = await replied_ticket(asked, texts.NOTE_USAGE, texts.NOTE_REPLY_AMBIGUOUS)
        if found is None:
            return
        numbers, rest = [found], asked.args
    text = rest_text(rest)
    if not numbers or text is None:
        await asked.answer(texts.NOTE_USAGE)
    elif len(numbers) > 1:
        await _note_each(asked, numbers, text)
    else:
        ticket = await usecases.note(asked.services, asked.act(numbers[0]), text)
        await asked.told_in_group(ticket, texts.DID_NOTE)


async def _note_each(asked: Asked, numbers: list[int], text: str) -> None:
    """/note 12、15 下午去看: each ticket's group is told its 进展; the worker is told back once
    (in a group, only of what was not noted: the group saw the rest)."""
    if await asked.too_many(numbers, "/note"):
        return
    noted, refused = await asked.on_each(
        numbers, lambda act: usecases.note(asked.services, act, text)
    )
    if refused or not asked.in_group:
        await asked.answer(texts.noted_each(noted, refused))


@command(workers_only=True)
async def merge(asked: Asked) -> None:
    """/merge <a> <b>: fold b into a. In a group both must be its own; in private, any two."""
    first, rest = split_number(asked.args)
    second, _ = split_number(rest)
    if first is None or second is None:
        await asked.answer(texts.MERGE_USAGE)
        return
    into, merged = await usecases.merge(asked.services, asked.act(first), second)
    if asked.scope is None:  # in private: the groups are told, and so is the worker
        await asked.answer(asked.services.texts.merged_into(into, merged))
