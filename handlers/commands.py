"""Commands in groups: /help /new /list /ticket /assign /done."""

from __future__ import annotations

from dataclasses import replace

from telegram import Message
from telegram.constants import MessageEntityType

from bot import texts
from bot.core.privacy import as_seen_in
from bot.core.tickets import Person, Status
from bot.runtime import office, triage, usecases
from bot.runtime.ticket_view import ticket_view
from handlers.common import (
    MAX_NEW_CHARS,
    Asked,
    command,
    describes_something,
    group_message,
    person_of,
    picture_of,
    plain,
    replied_ticket,
    replied_to,
    resident_message,
    resident_photo,
    rest_text,
    split_number,
    split_numbers,
    unfiled_reply,
)
from storage.filing import Filing

__all__ = ["assign", "done", "help_command", "list_tickets", "new", "show_ticket"]


@command(reads_only=True)
async def help_command(asked: Asked) -> None:
    """Usage; an admin also learns which workers an urgent alert cannot reach."""
    roles = asked.services.config.roles
    if asked.in_group:
        said = texts.help_group(asked.services.config.loop.reopen_days)
    elif (staff := asked.actor.id) is not None and roles.is_worker(staff):  # known, reachable
        said = texts.HELP_PRIVATE + "\n\n" + texts.known_as_staff(staff, staff in roles.admins)
    else:  # a resident reads a resident's help
        said = texts.HELP_RESIDENT
    if asked.actor.id in roles.admins and not asked.in_group:  # set-up is not for the group
        reach = await asked.services.stores.chats.reach(roles.alerted())
        said += "\n\n" + texts.HELP_SETUP
        said += "\n\n" + texts.unreachable_workers([w for w, ok in reach if not ok])
    await asked.answer(said)


@command(where="group")
async def new(asked: Asked) -> None:
    """/new <text>: file what the classifier did not recognise; a worker's /new as a reply to
    a resident's message files that message, as the resident's (her photo without words, with
    the worker's words as hers: the photo goes with the ticket)."""
    if await usecases.is_staff_chat(asked.services, asked.chat_id):  # nobody there to tell
        await asked.answer(texts.NEW_IN_STAFF_CHAT)
        return
    text = " ".join(asked.args).strip()
    replied = resident_message(asked)
    if replied is None and describes_something(text) and len(text) <= MAX_NEW_CHARS:
        photo = resident_photo(asked, text)  # her picture alone: the words say what it shows
        replied, text = (photo, "") if photo is not None else (None, text)
    if replied is not None and len(text) > MAX_NEW_CHARS:
        await asked.answer(texts.NEW_TOO_LONG)
    elif replied is not None:  # the worker's words, if any, are kept beside the resident's
        filing = await usecases.file_new(asked.services, replied, asked.actor, text)
        await triage.filed_by_new(asked.services, replied, filing, asked.actor)
        if await usecases.first_time(asked.services, f"{asked.origin}:new"):  # not a replay
            await _filed(asked, filing)
    elif not describes_something(text):  # empty, or only @mentions, commands, signs
        await asked.answer(texts.NEW_USAGE)
    elif len(text) > MAX_NEW_CHARS:
        await asked.answer(texts.NEW_TOO_LONG)
    else:  # this very message is filed: found filed already, it is handled again (a restart)
        message = group_message(asked.message, text, picture_of(asked.message))
        await usecases.file_new(asked.services, message, asked.actor)


async def _filed(asked: Asked, filing: Filing | None) -> None:
    """Filed already (the same message, /new again): say which ticket holds it; one withdrawn
    (a worker's /cancel by mistake) is restored — /new says it is a complaint after all."""
    if filing is None or filing.outcome != "duplicate":
        return
    ticket = filing.ticket
    if ticket.status is Status.CANCELLED and ticket.merged_into is None:
        await usecases.restore(asked.services, asked.act(ticket.id), None)
    else:
        await asked.answer(asked.services.texts.already_filed(ticket))


@command(where="group", reads_only=True)
async def list_tickets(asked: Asked) -> None:
    services, chat_id = asked.services, asked.chat_id
    store = services.stores.tickets
    tickets = await store.list_active(chat_id, limit=20)
    for i, ticket in enumerate(tickets):
        if ticket.chat_id != chat_id:  # merged in from here: what this group said, not the other's
            ours = await store.reports_from(ticket.id, chat_id)
            summary = ours[0].text if ours else ticket.summary
            tickets[i] = replace(as_seen_in(ticket, chat_id), summary=summary)  # nor its flat
    total = await services.stores.tickets.count_active(chat_id)
    await asked.answer(services.texts.active_list(tickets, total, services.clock()))


@command(where="group_or_worker", reads_only=True)
async def show_ticket(asked: Asked) -> None:
    """/ticket <n>: in a group, as that group may see it; in private, for workers, whole."""
    number, _ = split_number(asked.args)
    if number is None:
        await asked.answer(texts.TICKET_USAGE)
        return
    view = await ticket_view(
        asked.services, number, scope=asked.scope, chat_id=asked.chat_id, in_group=asked.in_group
    )
    await asked.answer(view.text)
    if view.send_photos:  # the pictures follow, for the worker on the move
        await office.send_photos(
            asked.services, asked.chat_id, view.ticket_id, f"{asked.origin}:photos"
        )


async def _named_assignee(asked: Asked, numbers: list[int], rest: list[str]) -> Person | None:
    """The worker named in /assign (a reply to their message, text mention, @username or the
    name the group sees them by), else the sender (also when the reply is to a resident's
    report or its acknowledgement: the worker takes it); None (after saying so) when the name
    is nobody the bot knows — never the sender instead of the colleague meant."""
    message: Message = asked.message
    replied = replied_to(message)
    named = replied.from_user if replied is not None else None
    roles = asked.services.config.roles
    if replied is not None and named is not None and not named.is_bot:
        tickets = asked.services.stores.tickets
        report = await tickets.ticket_of_message(asked.chat_id, asked.here(replied.message_id))
        if report is None or roles.is_worker(named.id):
            return person_of(named)  # a worker named by a reply (not a worker: refused)
    for entity in message.entities:
        if entity.type == MessageEntityType.TEXT_MENTION and entity.user is not None:
            return person_of(entity.user)
    rest = [word for word in rest if any(ch.isalnum() for ch in word)]  # not `!` nor U+200B
    words = " ".join(rest)
    if not words or texts.means_myself(plain(words)):
        return asked.actor
    members, staff = asked.services.stores.chats, roles.roster()
    username = next((plain(w) for w in rest if plain(w).startswith("@")), None)  # `＠小李`
    found = await members.find_member(username) if username is not None else None
    for name in (username or words, rest[0]):  # `@小李`, `小李`, `小李 谢谢`
        candidates = [] if found else await members.find_members_named(name.lstrip("@"), staff)
        if len(candidates) > 1:  # two workers the group sees by one name: which one is meant?
            await asked.answer(
                texts.assignee_ambiguous(candidates[0].name or name, numbers, candidates)
            )
            return None
        found = found or next(iter(candidates), None)
    if found is None:
        unknown = texts.echo(username or words, 40)
        await asked.answer(texts.assignee_unknown(unknown, numbers))
    return found


@command(workers_only=True)
async def assign(asked: Asked) -> None:
    """/assign <n> [@worker]: a worker takes a ticket, or hands it to another worker; as a
    reply to a report or its acknowledgement the number may be left out. In private, any
    group's ticket (its group is told, the worker is told back). Several numbers
    (/assign 3、5 @小李): each ticket, to the same worker."""
    numbers, rest = split_numbers(asked.args)
    if len(numbers) > 1:
        await _assign_each(asked, numbers, rest)
        return
    number = numbers[0] if numbers else None
    if number is None and (replied := replied_to(asked.message)) is not None:
        tickets, here = asked.services.stores.tickets, asked.here(replied.message_id)
        found = await tickets.ticket_of_message(asked.chat_id, here)
        if found is None:
            await unfiled_reply(asked, here, texts.ASSIGN_USAGE)
            return
        number, rest = found.id, asked.args
    if number is None:
        await asked.answer(texts.ASSIGN_USAGE)
    elif (assignee := await _named_assignee(asked, [number], rest)) is not None:
        ticket = await usecases.assign(asked.services, asked.act(number), assignee)
        handed = assignee.id != asked.actor.id
        await asked.told_in_group(ticket, texts.handed_to(assignee) if handed else texts.DID_TAKE)


async def _assign_each(asked: Asked, numbers: list[int], rest: list[str]) -> None:
    """/assign 3、5 [@小李]: each ticket taken (or handed) as its own /assign, each group told;
    the worker is told back once what was taken and why any other was not."""
    if await asked.too_many(numbers, "/assign"):
        return
    assignee = await _named_assignee(asked, numbers, rest)
    if assignee is not None:
        taken, refused = await asked.on_each(
            numbers, lambda act: usecases.assign(asked.services, act, assignee)
        )
        handed = None if assignee.id == asked.actor.id else assignee
        await asked.answer(texts.assigned_each(taken, refused, handed))


@command(workers_only=True)
async def done(asked: Asked) -> None:
    """/done <n> [note] (or as a reply to the acknowledgement or to the resident's report):
    reporters are asked to rate. In private, any group's ticket by its number."""
    numbers, rest = split_numbers(asked.args)
    if len(numbers) > 1:
        await _done_each(asked, numbers, rest_text(rest))
        return
    number = numbers[0] if numbers else None
    if number is None:
        found = await replied_ticket(asked, texts.DONE_USAGE, texts.DONE_REPLY_AMBIGUOUS)
        number, rest = found, asked.args
    if number is not None:
        ticket = await usecases.done(asked.services, asked.act(number), rest_text(rest))
        await asked.told_in_group(ticket, texts.DID_DONE)


async def _done_each(asked: Asked, numbers: list[int], note: str | None) -> None:
    """/done 1、2、5 已恢复供电 (one repair ended a problem many groups reported): each ticket
    as its own /done, each group told; the worker is told back once what was closed."""
    if await asked.too_many(numbers, "/done"):
        return
    closed, refused = await asked.on_each(
        numbers, lambda act: usecases.done(asked.services, act, note)
    )
    await asked.answer(texts.done_each(closed, refused))
