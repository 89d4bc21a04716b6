"""Verdicts said in words: a household's reply to the done notice ("没修好", "修好了 谢谢"), or
to the bot's question after an earlier 不满意. Elderly residents type rather than tap."""

from __future__ import annotations

import contextlib
from datetime import timedelta

from bot import texts
from bot.classify import Verdict
from bot.core.loop import same_place
from bot.core.permissions import Reason, Refused
from bot.core.privacy import as_seen_in
from bot.core.tickets import Rating, Status, Ticket, TicketNotFound
from bot.core.verdicts import only_acknowledges, plain_verdict, verdict_in_words
from bot.runtime.answers import answer, answer_message
from bot.runtime.group_message import GroupMessage
from bot.runtime.keyboards import rating_target
from bot.runtime.services import Services
from bot.runtime.verdicts import rate
from storage.acted import AlreadyActed

__all__ = [
    "REASON_WINDOW",
    "answer_to_prompt",
    "reason_unprompted",
    "verdict_about",
    "verdict_in_reply",
    "verdict_under_report",
    "verdict_unprompted",
]

# After "why not satisfied?", her words in the group this soon are the answer, replied or not.
REASON_WINDOW = timedelta(hours=1)


async def verdict_in_reply(services: Services, message: GroupMessage, heard: Verdict) -> bool:
    """A reply to a post with the rating buttons (the done notice, a reminder): see
    `verdict_about`. False when the post has no rating buttons (or it is no reply)."""
    if message.reply_to is None:
        return False
    post = await services.stores.outbox.post_at(message.chat_id, message.reply_to)
    target = rating_target(post.markup) if post is not None else None
    if target is None:
        return False
    ticket_id, given_in = target
    return await verdict_about(services, ticket_id, given_in, message, heard)


async def verdict_under_report(services: Services, message: GroupMessage, heard: Verdict) -> bool:
    """A reply to a ticket's report or its acknowledgement ("已受理 #1") while the ticket is done
    and waits for verdicts: "又坏了", "还是坏的", "满意" there are a verdict on it, as under the
    done notice (see `verdict_about`). False when the ticket is not done, or the words give no
    verdict and no complaint ("好的 谢谢": heard as usual), or it is no reply."""
    if heard.urgent or message.author.id is None or message.reply_to is None:
        return False
    tickets = services.stores.tickets
    ticket = await tickets.ticket_of_message(message.chat_id, message.reply_to)
    if ticket is None or ticket.status is not Status.DONE:
        return False
    if verdict_in_words(message.text) is None and not heard.is_complaint:
        return False
    return await verdict_about(services, ticket.id, None, message, heard)


async def verdict_unprompted(services: Services, message: GroupMessage, heard: Verdict) -> bool:
    """A verdict typed as a message of its own ("满意", "不满意 还是臭" under the done notice, by
    someone who does not know how to reply): about the one ticket of hers in this group that
    waits for her verdict (see `verdict_about`): words naming its problem ("电梯修好了"), a
    short plain verdict (满意, 还行), or unhappy words naming no other problem ("没修好",
    "还是坏的"). With several waiting, words naming one of their problems
    are about that one; else she is shown them and how to answer each (a wrong 满意 would
    close a ticket for good). False when the words give no verdict, or nothing of hers waits
    for one, or they name another problem (filed as usual)."""
    chat_id, text = message.chat_id, message.text
    rating = verdict_in_words(text)
    if heard.urgent or message.author.id is None or rating is None:
        return False
    mine = await services.stores.tickets.of_household(chat_id, message.author.id, closed=True)
    waiting = [t for t, given in mine if t.status is Status.DONE and given is None]
    plain = plain_verdict(text) or not heard.is_complaint
    if not waiting and rating is Rating.DISSATISFIED and plain:
        # "不满意 还是坏的" after her 满意 archived it: how to reopen it, not a ticket of 【其他】
        archived = [t for t, _ in mine]
        return await _archived_not_fixed(services, archived, message, heard)
    named = [t for t in waiting if t.category in (heard.named, heard.category)]
    # "没修好", "还是坏的" naming no other problem, her one ticket waiting: 不满意 on it
    unhappy = rating is Rating.DISSATISFIED and heard.named is None and len(waiting) == 1
    if not unhappy and (named or heard.is_complaint or not plain_verdict(text)):
        waiting = named  # "可以了 明天见" names none of them: everyday words, no verdict
    if len(waiting) == 1:
        return await verdict_about(services, waiting[0].id, None, message, heard)
    if waiting:
        said = services.texts.which_verdict([as_seen_in(t, chat_id) for t in waiting])
        await answer_message(services, message, said, origin=message.told("which"))
    return bool(waiting)


async def verdict_about(
    services: Services, ticket_id: int, given_in: int | None, message: GroupMessage, heard: Verdict
) -> bool:
    """Words about a done ticket (`given_in`: the round of the notice they answer, if known),
    as the classifier `heard` them. From one of its households they are a verdict ("没修好"
    reopens it with the words as the reason, as does a complaint about the same problem;
    "修好了" is 满意), or they are shown the buttons; "没修好" from anyone else is told who
    rates.
    Whether the words were taken so: False leaves them to the intake — a danger (alerted at
    once), another problem, a complaint about a ticket closed already: filed as usual."""
    if heard.urgent:
        return False
    chat_id, author, text = message.chat_id, message.author, message.text
    tickets = services.stores.tickets
    try:
        ticket = await tickets.get(ticket_id)
    except TicketNotFound:
        return False
    seen = as_seen_in(ticket, chat_id)  # a merged-in group: not the other building's flat
    rating = verdict_in_words(text)
    if rating in (None, Rating.DISSATISFIED) and (
        await tickets.verdict_of(ticket_id, author.id) is Rating.DISSATISFIED
    ):  # 不满意 pressed already: what she writes under the notice now is why
        if only_acknowledges(text):  # "好的 谢谢": no reason, nothing to pass on
            return True
        rating = Rating.DISSATISFIED
    if (
        heard.is_complaint
        and rating is not Rating.DISSATISFIED
        and not _same_problem(ticket, heard)
    ):
        return False  # "电梯好了，但是5栋楼道灯坏了": another problem, its own ticket
    if author.id not in {person.id for person in await tickets.reporters(ticket_id)}:
        if rating is not Rating.DISSATISFIED or heard.is_complaint:
            return False
        said = services.texts.only_reporters_rate(seen)
    elif rating is None and not heard.is_complaint:
        said = services.texts.verdict_pointer(seen)
    else:
        rating = rating or Rating.DISSATISFIED  # a complaint about the work done: not fixed
        reason = text if rating is Rating.DISSATISFIED else None
        try:
            await rate(
                services, ticket_id, author, rating,
                origin=message.origin, where=chat_id, given_in=given_in, reason=reason,
            )  # fmt: skip
            return True
        except Refused as exc:
            if heard.is_complaint:  # closed, or an earlier round's notice: a report of its own
                return False
            old = exc.reason is Reason.RATING_OLD_ROUND
            said = texts.RATING_OLD_REPLY if old else services.texts.refusal(exc, seen_in=chat_id)
            if (
                exc.reason is Reason.RATING_CLOSED
                and rating is Rating.DISSATISFIED
                and services.loop.may_reopen(ticket, services.clock())
            ):  # rated 满意 (archived), then found it not fixed: /reopen, not a dead end
                said = services.texts.how_to_reopen(seen)
    # a reply to her words: "请点按钮评价" or "只有反映人可以评价" said to the whole group reads
    # as meant for everyone; of its ticket: her `/reopen 还是坏的` under it is about that one
    await answer_message(
        services, message, said, origin=message.told("verdict"), ticket_id=ticket_id
    )
    return True


async def _archived_not_fixed(
    services: Services, mine: list[Ticket], message: GroupMessage, heard: Verdict
) -> bool:
    """Her "没修好" said on its own of her one ticket archived lately (within the reopen window),
    naming no other problem: she is told how to reopen it. False when there is no such one."""
    now = services.clock()
    archived = [
        t
        for t in mine
        if t.status is Status.CLOSED
        and services.loop.may_reopen(t, now)
        and heard.named in (None, t.category)
    ]
    if len(archived) != 1:
        return False
    chat_id, origin = message.chat_id, message.origin
    said = services.texts.how_to_reopen(as_seen_in(archived[0], chat_id))
    await answer_message(
        services, message, said, origin=f"{origin}:reopen", ticket_id=archived[0].id
    )
    return True


def _another_problem(services: Services, ticket: Ticket, heard: Verdict) -> bool:
    """A complaint naming a problem of another kind that her report did not speak of: "楼道灯又
    坏了" after a 不满意 on the lift — unlike "门还是关不上", the lift's own 关不上."""
    if _same_problem(ticket, heard):
        return False
    reported = services.classifier.classify(ticket.summary, assume_complaint=True).keywords
    return not set(heard.keywords) & set(reported)


def _same_problem(ticket: Ticket, heard: Verdict) -> bool:
    """Whether a complaint said about the ticket is about its problem: its words name no other
    kind of problem ("还是坏的"), or the same one."""
    return heard.named is None or ticket.category in (heard.category, heard.named)


async def answer_to_prompt(
    services: Services, message: GroupMessage, heard: Verdict, *, prompt_at: int
) -> bool:
    """A reporter's reply to "why not satisfied?" (`prompt_at`: that question's message): kept
    as the reason and passed to the worker. Asked in an earlier round (the ticket was done
    again since), the words are about the ticket as it is now: a verdict in words, or heard as
    usual. (A reply to the bot: `hear`.)"""
    chat_id, author, text, origin = message.chat_id, message.author, message.text, message.origin
    stores = services.stores
    prompt = await stores.outbox.prompt(chat_id, prompt_at)
    if prompt is None or prompt.kind != "reason" or prompt.user_id != author.id:
        return False
    if only_acknowledges(text):  # "好的 谢谢": the reason given stays, nobody is told
        return True
    unhappy = await stores.tickets.verdict_of(prompt.ticket_id, author.id)
    if unhappy is not Rating.DISSATISFIED:
        return await verdict_about(services, prompt.ticket_id, None, message, heard)
    with contextlib.suppress(AlreadyActed):
        await stores.actions.set_reason(
            prompt.ticket_id, author, text[:500], services.clock(), origin=origin
        )
    ticket = await stores.tickets.get(prompt.ticket_id)
    said = services.texts.reason_forwarded(as_seen_in(ticket, chat_id), author, text)
    await answer_message(services, message, said, origin=f"{origin}:reason")
    if ticket.chat_id != chat_id:  # merged in from another group: the worker's too (its flat)
        home = services.texts.reason_forwarded(ticket, author, text)
        await answer(
            services, ticket.chat_id, home, origin=f"{origin}:reason:home", ticket_id=ticket.id
        )
    return True


async def reason_unprompted(services: Services, message: GroupMessage, heard: Verdict) -> bool:
    """Her answer to "why not satisfied?" written as a message of its own, soon after it was
    asked ("师傅根本没来过", "门还是关不上"): her reason, as a reply would be (`answer_to_prompt`).
    Not a danger, nor a complaint naming a place of its own or another problem than hers
    ("楼道灯又坏了"), nor words sure to be chatter ("今天天气不错"): those are heard as usual.
    A plain "满意" changes her mind."""
    author, text = message.author, message.text
    if heard.urgent or author.id is None:
        return False
    since = services.clock() - REASON_WINDOW
    asked = await services.stores.outbox.asked_why(message.chat_id, author.id, since)
    if asked is None:
        return False
    tickets = services.stores.tickets
    if await tickets.verdict_of(asked.ticket_id, author.id) is not Rating.DISSATISFIED:
        return False  # done again since, or she changed her mind
    rating = verdict_in_words(text)
    if rating is not None and rating.closes and plain_verdict(text):  # 不满意 tapped by mistake
        return await verdict_about(services, asked.ticket_id, None, message, heard)
    ticket = await tickets.get(asked.ticket_id)
    elsewhere = heard.location is not None and not same_place(heard.location, ticket.location)
    chatter = heard.outcome(services.triage.band) == "not_complaint"
    if (heard.is_complaint and (elsewhere or _another_problem(services, ticket, heard))) or (
        chatter and rating is None
    ):
        return only_acknowledges(text)  # "好的": nothing to pass on, nothing to file
    return await answer_to_prompt(services, message, heard, prompt_at=asked.message_id)
