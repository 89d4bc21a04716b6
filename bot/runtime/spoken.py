"""Verdicts said in words: a household's reply to the done notice ("没修好", "修好了 谢谢"), or
to the bot's question after an earlier 不满意. Elderly residents type rather than tap."""

from __future__ import annotations

from bot import texts
from bot.classify import Verdict
from bot.core.permissions import Reason, Refused
from bot.core.tickets import Person, Rating, Ticket, TicketNotFound
from bot.core.verdicts import only_acknowledges, verdict_in_words
from bot.runtime.answers import answer
from bot.runtime.keyboards import rating_target
from bot.runtime.services import Services
from bot.runtime.verdicts import rate

__all__ = ["verdict_about", "verdict_in_reply"]


async def verdict_in_reply(
    services: Services,
    *,
    chat_id: int,
    reply_to: int,
    author: Person,
    text: str,
    heard: Verdict,
    origin: str,
) -> bool:
    """A reply to a post with the rating buttons (the done notice, a reminder): see
    `verdict_about`. False when the post has no rating buttons."""
    post = await services.stores.outbox.post_at(chat_id, reply_to)
    target = rating_target(post.markup) if post is not None else None
    if target is None:
        return False
    ticket_id, given_in = target
    return await verdict_about(
        services, ticket_id, given_in, chat_id=chat_id, author=author, text=text, heard=heard,
        origin=origin,
    )  # fmt: skip


async def verdict_about(
    services: Services,
    ticket_id: int,
    given_in: int | None,
    *,
    chat_id: int,
    author: Person,
    text: str,
    heard: Verdict,
    origin: str,
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
    tickets = services.stores.tickets
    try:
        ticket = await tickets.get(ticket_id)
    except TicketNotFound:
        return False
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
        said = services.texts.only_reporters_rate(ticket)
    elif rating is None and not heard.is_complaint:
        said = services.texts.verdict_pointer(ticket)
    else:
        rating = rating or Rating.DISSATISFIED  # a complaint about the work done: not fixed
        reason = text if rating is Rating.DISSATISFIED else None
        try:
            await rate(
                services, ticket_id, author, rating,
                origin=origin, where=chat_id, given_in=given_in, reason=reason,
            )  # fmt: skip
            return True
        except Refused as exc:
            if heard.is_complaint:  # closed, or an earlier round's notice: a report of its own
                return False
            old = exc.reason is Reason.RATING_OLD_ROUND
            said = texts.RATING_OLD_REPLY if old else services.texts.refusal(exc)
    await answer(services, chat_id, said, origin=f"{origin}:verdict")
    return True


def _same_problem(ticket: Ticket, heard: Verdict) -> bool:
    """Whether a complaint said about the ticket is about its problem: its words name no other
    kind of problem ("还是坏的"), or the same one."""
    return heard.named is None or ticket.category in (heard.category, heard.named)
