"""Private chats with the bot: /mine for residents, /todo and /desk for workers, and a pointer
to /help for anything else."""

from __future__ import annotations

from dataclasses import replace

from bot import texts
from bot.core.followups import asks_progress
from bot.core.privacy import as_seen_in
from bot.core.verdicts import only_acknowledges, verdict_in_words
from bot.desk.links import LINK_LIFETIME, login_link
from bot.runtime import photos, triage
from bot.runtime.verdicts import waiting_for_her
from handlers.common import Asked, command, picture_of
from handlers.mistyped import mistyped_command

__all__ = ["anything_else", "desk", "mine", "todo"]


@command(where="private")
async def mine(asked: Asked) -> None:
    """The resident's own tickets across every group."""
    await _my_tickets(asked)


async def _my_tickets(asked: Asked) -> None:
    services, me = asked.services, asked.actor.id
    if me is not None:
        store = services.stores.tickets
        tickets = await store.of_reporter(me)
        reports = await store.reports_of([ticket.id for ticket in tickets])  # one read, not 20
        for i, ticket in enumerate(tickets):
            own = [r for r in reports[ticket.id] if r.user_id == me]
            if own and own[0].chat_id != ticket.chat_id:  # merged in: not the other group's words
                seen = as_seen_in(ticket, own[0].chat_id)  # nor its flat's number
                tickets[i] = replace(seen, summary=own[0].text)
        total = await store.count_of_reporter(me)
        await asked.answer(services.texts.mine(tickets, services.clock(), total))


@command(where="private", workers_only=True)
async def todo(asked: Asked) -> None:
    """A worker's open tickets, the one due soonest first, each with its group, and the 研判
    queue."""
    services, store = asked.services, asked.services.stores.tickets
    assert asked.actor.id is not None  # a worker has an id
    tickets = await store.of_assignee(asked.actor.id)
    total = await store.count_of_assignee(asked.actor.id)
    unassigned, urgent = await store.count_unassigned(), await store.unassigned_urgent()
    waiting = await triage.waiting_list(services)
    titles = await services.stores.chats.titles()  # a group that removed the bot has its name
    now = services.clock()
    said = services.texts.todo(tickets, total, unassigned, now, waiting, titles, urgent)
    await asked.answer(said)


@command(where="private")
async def desk(asked: Asked) -> None:
    """/desk: a one-time login link to the office desk, for workers and admins only."""
    services = asked.services
    if not services.config.roles.is_worker(asked.actor.id):  # a resident: never the config
        await asked.answer(texts.DESK_STAFF_ONLY)
    elif not services.config.web.enabled:
        await asked.answer(texts.DESK_OFF)
    else:
        url = await login_link(services, asked.actor)
        await asked.answer(texts.desk_link(url, int(LINK_LIFETIME.total_seconds() // 60)))


@command(where="private")
async def anything_else(asked: Asked) -> None:
    """A command the bot does not have, or plain words: say where complaints go; words asking
    how a complaint is going ("我的漏水怎么样了") are answered as /mine; a voice message, a photo
    or a sticker is told the bot reads words only; thanks are answered as such."""
    text = asked.message.text or asked.message.caption or ""
    picture = picture_of(asked.message)
    if picture is not None and not text.strip():  # the rest of a worker's `/done 3` album
        message_id, user_id = asked.message.message_id, asked.actor.id
        if await photos.join_album(asked.services, asked.chat_id, message_id, user_id, picture):
            return
    if not text.strip():  # a voice message, a photo, a sticker: nothing the bot can read
        await asked.answer(texts.PRIVATE_NOT_WORDS)
    elif text.startswith(("/", texts.WIDE_SLASH)):
        if not await mistyped_command(asked.services, asked.message):
            await asked.answer(texts.UNKNOWN_COMMAND)
    elif asks_progress(text, under_the_bot=True):  # all said here is said to the bot
        await _my_tickets(asked)
    elif (
        verdict_in_words(text) is not None
        and asked.actor.id is not None
        and (waiting := await waiting_for_her(asked.services, asked.actor.id))
    ):  # "满意" said here: where to give it
        await asked.answer(asked.services.texts.rate_in_the_group(waiting))
    elif only_acknowledges(text):  # "谢谢", "好的 收到": a thank-you, not a question
        await asked.answer(texts.PRIVATE_THANKS)
    else:
        await asked.answer(texts.PRIVATE_WORDS)
