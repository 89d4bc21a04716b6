"""/new: what the classifier let pass, filed by the resident or a worker (`file_new`), once
however often its update is handled (`first_time`)."""

from __future__ import annotations

from bot.core.lessons import Lesson, LessonSource
from bot.core.tickets import Person
from bot.runtime.hearing import GroupMessage, file_complaint
from bot.runtime.services import Services
from bot.runtime.teaching import teach
from storage.filing import Filing

__all__ = ["file_new", "first_time"]


async def first_time(services: Services, origin: str) -> bool:
    """Whether what `origin` names is handled for the first time (not replayed after a
    restart)."""
    return await services.stores.actions.first_time(origin, services.clock())


async def file_new(
    services: Services, message: GroupMessage, actor: Person, added: str = ""
) -> Filing | None:
    """/new: file what the classifier did not recognise. A worker's /new is a lesson; what the
    worker `added` to a resident's message (a reply: /new 3栋门口垃圾桶满了) is judged with it
    and kept in the ticket's history, beside the resident's own words."""
    judged = f"{message.text} {added}".strip()
    verdict = services.classifier.classify(judged, assume_complaint=True) if added else None
    own = message.author.id == actor.id  # her /new: her photos just before go with it
    filing = await file_complaint(
        services, message, assume_complaint=True, verdict=verdict, own_photos=own
    )
    worker = services.config.roles.is_worker(actor.id)
    if filing is not None and filing.outcome != "duplicate" and added:
        await services.stores.actions.add_note(
            filing.ticket.id, None, actor, added, services.clock(), origin=message.told("added")
        )
    if filing is not None and filing.outcome != "duplicate" and worker:
        # her words a worker's 不是诉求 taught as chatter: this lesson is about them, not a second
        dismissed = await services.stores.triage.dismissed_by_worker(
            message.chat_id, message.message_id
        )
        lesson = Lesson(dismissed or judged, True, filing.ticket.category, LessonSource.NEW,
                        actor.id, None, filing.ticket.id)  # fmt: skip
        await services.stores.lessons.add(lesson, services.clock())
        teach(services, lesson)
    return filing
