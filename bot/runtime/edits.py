"""An edited group message: a report keeps its ticket (and follows the words it now says),
words that now report a problem are heard as new."""

from __future__ import annotations

from bot import texts
from bot.classify import Verdict
from bot.core.tickets import Ticket
from bot.core.withdrawal import says_its_over, sent_by_mistake
from bot.runtime import alerts
from bot.runtime.answers import answer_message
from bot.runtime.hearing import GroupMessage, hear, triage_or_file
from bot.runtime.services import Services
from storage.filing import Filing

__all__ = ["hear_edit"]


async def hear_edit(services: Services, message: GroupMessage) -> Filing | None:
    """An edited report keeps its ticket; an edit that now reads as a complaint is filed."""
    stores = services.stores
    filed = await stores.tickets.ticket_of_message(message.chat_id, message.message_id)
    verdict = services.classifier.classify(message.text)
    # filed on the bot's own reading of the words (not a worker's call: 研判, /new)
    bots_call = filed is not None and services.classifier.classify(filed.summary).is_complaint
    over = says_its_over(message.text) or sent_by_mistake(message.text)
    other = filed is not None and _another_problem(filed, verdict)
    # words that now report nothing ("早上好各位", or "没事了" of a ticket a worker judged) and
    # another problem the ticket will not follow are kept beside the words it was filed on: the
    # ticket, its lists and what a worker's /done teaches go on with the problem's words. A
    # ticket a worker judged follows any other edit (a typo mended is no complaint to the bot).
    report = await stores.tickets.update_report_text(
        message.chat_id, message.message_id, message.text, services.clock(),
        beside=(not verdict.is_complaint and (bots_call or over)) or other,
    )  # fmt: skip
    if report is not None:
        if filed is not None and verdict.is_complaint and verdict.category is not None:
            await _reread(services, message, filed, verdict)
            if other and not verdict.urgent:  # another problem: said on its own, it is filed
                said = services.texts.edited_other(filed)
                await answer_message(services, message, said, origin=message.told("edited-other"))
        elif (
            filed is not None
            and filed.status.is_active
            and filed.households <= 1
            and (bots_call or over)
        ):  # edited into words that report nothing ("没事了 已经好了"): how to withdraw it, once
            said = services.texts.edited_away(filed)
            await answer_message(services, message, said, origin=message.told("edited-away"))
        return None
    if message.reply_to is not None and message.reply_to_bot:
        # an answer to the bot, edited: heard as the answer it now is ("没修好" reopens); what it
        # did already (a reason kept, a pointer said) is not done again
        return await hear(services, message)
    return await triage_or_file(services, message, verdict)


def _another_problem(filed: Ticket, verdict: Verdict) -> bool:
    """The edit reports a problem of another category than its ticket's, which the ticket will
    not follow: taken already, or joined by neighbours (`reread`)."""
    return (
        verdict.is_complaint
        and verdict.category not in (None, filed.category)
        and filed.status.is_active
        and not filed.follows_edits
    )


async def _reread(
    services: Services, message: GroupMessage, filed: Ticket, verdict: Verdict
) -> None:
    """A report edited into another problem (another category, a place, a danger now) before
    anyone took it: its ticket follows — its category only if the bot chose it, never one a
    worker set (/category, 研判, /new) —; the group is told of a new category or a danger, and
    a danger alerts the workers (a danger added after it was taken, too)."""
    assert verdict.category is not None
    classify = services.classifier.classify
    own = classify(filed.summary, assume_complaint=True).category == filed.category
    category = verdict.category if own else filed.category
    now = services.clock()
    changed = await services.stores.actions.reread(
        filed.id, category, verdict.location, verdict.urgent, now
    )
    if changed is None:
        if verdict.urgent and filed.urgent and filed.status.is_active:
            # handled again after a crash cut the alert short: queued once per ticket and worker
            await alerts.alert_workers(services, filed, message)
        return
    before, after = changed
    if (after.category, after.urgent) == (before.category, before.urgent):
        return  # only the place was added or changed: kept without a word
    said = services.texts.reread(after)
    if after.urgent and not before.urgent:
        told = await alerts.alert_workers(services, after, message)
        said += "\n" + texts.urgent_reread(after.category, message.text, told)
    # each change is said once
    await answer_message(services, message, said, origin=message.told(f"reread:{now.isoformat()}"))
