"""Posting what the bot owes each group, paced the way Telegram accepts."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Literal

from telegram import InlineKeyboardMarkup, Message

from bot import texts
from bot.core.loop import ESCALATION_KIND
from bot.core.privacy import as_seen_in
from bot.core.tickets import Status, TicketNotFound
from bot.runtime.delivery import (
    FILE_KINDS,
    URGENT_ALERT,
    AttachmentSource,
    Clock,
    Messenger,
    Undeliverable,
)
from bot.runtime.keyboards import rating_target
from bot.runtime.pace import Pace
from bot.runtime.waited import as_due
from bot.texts import Texts
from bot.texts.fit import MESSAGE_BUDGET, visible_units
from storage.acks import PendingAck, folded
from storage.chats import ChatStore, GroupChat
from storage.outbox import Notice, OutboxStore
from storage.tickets import TicketStore

__all__ = ["Dispatcher"]

log = logging.getLogger(__name__)

# Acknowledgements read at each turn: a folded message's worth or more (one holds 90–130,
# measured by what Telegram counts: its mentions' markup is not); a storm's backlog is not read
# whole every few seconds — the rest comes at the next turns.
ACKS_READ = 128
MARK_ATTEMPTS = 6  # a posted notice's mark is written again for about half a minute

Refused = Literal["refused"]
REFUSED: Refused = "refused"  # Telegram refused this notice for good


Markup = InlineKeyboardMarkup | None


class Dispatcher:
    """Posts acknowledgements (first) and notices to each group, one message at a time.

    The first post in a quiet group goes out at once. When a post has to wait for its turn,
    everything that gathered meanwhile goes out together: acknowledgements waiting are folded
    into one message naming many tickets, so a burst of complaints yields a handful of
    messages. Everything waiting lives in the database, so nothing is lost when the process
    stops.
    """

    def __init__(
        self,
        messenger: Messenger,
        tickets: TicketStore,
        outbox: OutboxStore,
        chats: ChatStore,
        texts: Texts,
        clock: Clock,
        *,
        pace: Callable[[], Pace] = Pace,
        ack_markup: Callable[[PendingAck], InlineKeyboardMarkup | None] | None = None,
        attachments: AttachmentSource | None = None,
        on_duty: Callable[[datetime], Collection[int]] = lambda _: (),
        alerted: Collection[int] | None = None,
        may_post: Callable[[], bool] = lambda: True,
        quiet: Callable[[datetime], bool] = lambda _: False,
        stale: Callable[[Notice, datetime], bool] = lambda _, __: False,
        as_now: Callable[[Notice, Sequence[int], datetime], Awaitable[Notice]] | None = None,
    ) -> None:
        self.messenger = messenger
        self.tickets = tickets
        self.outbox = outbox
        self.chats = chats
        self.texts = texts
        self.clock = clock
        self.new_pace = pace
        self.ack_markup = ack_markup
        self.attachments = attachments
        self.on_duty = on_duty  # the workers named in an urgent acknowledgement, by time
        self.alerted = alerted  # the workers told of it in private (None: not known here)
        # False once this process lost its turn (the database lease): another posts now
        self.may_post = may_post
        # within quiet hours: what is posted then makes no sound unless it is about a danger
        self.quiet = quiet
        # a scheduled post held up past its time (the group removed or muted the bot) is dropped
        self.stale = stale
        # a notice as it is posted now, but for those of its tickets that moved on (as queued)
        self.as_now = as_now or _as_queued
        # told of a private notice that can never be posted (its person blocked the bot)
        self.on_blocked: Callable[[Notice], Awaitable[None]] | None = None
        # told of a danger's acknowledgement posted (by id), and whether it said its workers
        # were alerted (已通知) or to phone them (none could be told)
        self.on_alarm_posted: Callable[[int, bool], Awaitable[None]] | None = None
        self._paces: dict[int, Pace] = {}
        self._tasks: dict[int, asyncio.Task[None]] = {}
        self._dirty: set[int] = set()
        self._arrived: dict[int, float] = {}  # when the group last had something new
        self._waiting: dict[int, float] = {}  # since when its acknowledgements wait
        self._notice_next: set[int] = set()  # groups whose next post is a waiting notice
        self._moved: dict[int, int] = {}  # a group's new id, to post in once its task ends

    @property
    def idle(self) -> bool:
        """Nothing is being posted or waiting for its turn."""
        return not self._tasks

    def kick(self, chat_id: int) -> None:
        """There may be something new to post in this group."""
        self._dirty.add(chat_id)
        self._arrived[chat_id] = time.monotonic()
        if chat_id not in self._tasks and self.may_post():
            self._tasks[chat_id] = asyncio.create_task(self._run(chat_id), name=f"posts:{chat_id}")

    def moved(self, old_id: int, new_id: int) -> None:
        """Group `old_id` became supergroup `new_id`. If found while posting there, what waits
        in the supergroup is posted once that task ends: its post is still being delivered to
        the new id, and a second poster would find the acknowledgement unmarked and post it
        again."""
        if old_id in self._tasks:
            self._moved[old_id] = new_id
        else:
            self.kick(new_id)

    async def kick_all(self) -> None:
        """Every group with an acknowledgement or a due notice waiting."""
        waiting = {p.chat_id for p in await self.tickets.pending_acks()}
        waiting.update(await self.outbox.chats_due(self.clock()))
        for chat_id in sorted(waiting):
            self.kick(chat_id)

    async def drain(self, timeout: float = 10.0) -> None:
        """Wait (up to `timeout`) for posts being sent now; for a graceful stop."""
        tasks = list(self._tasks.values())
        if tasks:
            await asyncio.wait(tasks, timeout=timeout)

    async def stop(self) -> None:
        for task in list(self._tasks.values()):
            task.cancel()
        await asyncio.gather(*self._tasks.values(), return_exceptions=True)
        self._tasks.clear()

    async def _run(self, chat_id: int) -> None:
        pace = self._paces.setdefault(chat_id, self.new_pace())
        try:
            while self.may_post():
                self._dirty.discard(chat_id)
                chat = await self.chats.get(chat_id)
                if chat is not None and not chat.active and not _is_private(chat_id):
                    return  # a group that removed the bot: nothing until it is back
                acks = await self.tickets.pending_acks(chat_id, limit=ACKS_READ)
                notices = await self.outbox.due(chat_id, self.clock(), limit=1, first=URGENT_ALERT)
                if not acks and not notices:
                    if chat_id in self._dirty:
                        continue
                    return
                # Acknowledgements first; but after one, a waiting answer or notice gets its
                # turn, so a stream of complaints never holds up the answers to commands.
                # Someone may get hurt now: that acknowledgement goes alone, without waiting.
                urgent = [a for a in acks if a.ticket.urgent and a.alarm][:1]
                notice_now = bool(notices) and (not acks or chat_id in self._notice_next)
                notice_now = notice_now and not urgent
                delay = pace.wait()
                if not notice_now and not urgent:
                    since = self._waiting.setdefault(chat_id, time.monotonic())
                    arrived = self._arrived.get(chat_id, 0.0)
                    delay = max(delay, pace.gathering(arrived, since))
                if delay > 0:
                    await asyncio.sleep(delay)
                    continue  # look again: more may have gathered meanwhile
                pace.spend()
                if notice_now:
                    self._notice_next.discard(chat_id)
                    await self._try_notice(notices[0], pace)
                else:
                    self._waiting.pop(chat_id, None)
                    await self._send_acks(urgent or self._fit(chat, acks))
                    if notices:
                        self._notice_next.add(chat_id)
        except Undeliverable as exc:
            level = logging.INFO if exc.kind == "moved" else logging.WARNING
            log.log(level, "posting in chat %s stopped for now: %s", chat_id, exc)
        except Exception:
            log.exception("posting in chat %s failed; will retry later", chat_id)
        finally:
            self._tasks.pop(chat_id, None)
            if (new_id := self._moved.pop(chat_id, None)) is not None:
                self.kick(new_id)

    def _fit(self, chat: GroupChat | None, acks: Sequence[PendingAck]) -> Sequence[PendingAck]:
        """As many acknowledgements as fit in one message; one in a group with topics, where
        only a reply lands in its resident's topic (the rest would go to General), and one when
        they are all a new ticket's (its own report first, replied to; then its "+1"s)."""
        if chat is not None and chat.forum:
            return acks[:1]
        if acks[0].is_first_report and len({p.ticket.id for p in acks}) == 1:
            return acks[:1]  # a new ticket and its "+1"s: its resident's answer is a reply
        count = len(acks)
        while count > 1:
            text = self.texts.ack_batch(*folded(acks[:count]))
            if visible_units(text) <= MESSAGE_BUDGET:
                break
            count = count * 3 // 4
        return acks[:count]

    async def _send_acks(self, items: Sequence[PendingAck]) -> None:
        first, alerted = items[0], None
        # at night the neighbours' phones stay silent, unless it is about a danger
        silent = self.quiet(self.clock()) and not any(p.ticket.urgent for p in items)
        if len(items) == 1:
            text, alerted = await self._ack_text(first)
            markup = self.ack_markup(first) if self.ack_markup else None
            message = await self._deliver(
                first.chat_id, text, first.message_id, markup, silent, first.thread_id
            )
        else:
            text = self.texts.ack_batch(*folded(items))
            message = await self._deliver(first.chat_id, text, None, None, silent)
        reports, posted = [p.report_id for p in items], message.message_id if message else None
        await _marked(lambda: self.tickets.mark_acked(reports, posted), f"reports {reports}")
        if alerted is not None and self.on_alarm_posted is not None:  # they may have bounced
            await self.on_alarm_posted(first.ticket.id, alerted)

    async def _ack_text(self, pending: PendingAck) -> tuple[str, bool | None]:
        """What an acknowledgement says, and, of a danger, whether it says its workers were
        alerted in private (已通知) or to phone them (None: no danger's)."""
        ticket = as_seen_in(pending.ticket, pending.chat_id)
        if ticket.urgent and pending.alarm:
            on_duty = await self.chats.reach(self.on_duty(self.clock()))
            workers = [person for person, _ in on_duty]
            unreached = [person for person, reachable in on_duty if not reachable]
            reached = self.alerted is None or any(
                reachable for _, reachable in await self.chats.reach(self.alerted)
            )  # nobody could be told in private (never started the bot, or blocked it)
            label = self.texts.label(ticket)
            said = pending.text or ticket.summary  # the danger in the resident's own words
            urgent = texts.ack_urgent(
                label, ticket.team, ticket.category, said, workers, reached, unreached
            )
            return urgent, reached
        if not pending.is_first_report:
            added = pending.again
            return self.texts.ack_added(ticket) if added else self.texts.ack_merged(ticket), None
        return self.texts.ack_created(ticket), None

    async def _try_notice(self, notice: Notice, pace: Pace) -> None:
        """Post one notice; one that fails is tried again later and, failing again and again,
        set aside, so that it never holds up the notices behind it. Once posted, it is marked
        so however long the database takes: it is never posted twice. One whose ticket moved
        on while it waited (an escalation of a ticket done since; of several, all done) is
        dropped; of several with some done, it says which (`waited.as_due`: an escalation of
        one merged since goes with it into the ticket that holds it)."""
        if self.stale(notice, self.clock()):
            await self.outbox.drop(notice.id, "its time passed while the group could not be told")
            return
        waited = await as_due(self.tickets, notice, self._as_now, self.outbox)
        if waited is None:
            await self.outbox.drop(notice.id, "its tickets moved on while it waited")
            return
        notice = await self._without_stale_buttons(waited)
        try:
            posted = await self._send_notice(notice, pace)
        except Undeliverable as exc:
            if exc.kind == "inactive" and _is_private(notice.chat_id):
                # The person blocked the bot: this answer cannot reach them, ever.
                await self.outbox.drop(notice.id, "the person blocked the bot")
                if self.on_blocked is not None:
                    await self.on_blocked(notice)
                return
            raise  # the group or the network, not this notice: the group stops for now
        except Exception as exc:
            aside = await self.outbox.failed(notice, repr(exc), self.clock())
            log.error(
                "posting notice %s (%s) in chat %s failed%s: %r",
                notice.id,
                notice.kind,
                notice.chat_id,
                "; set aside for good" if aside else "; will try again later",
                exc,
            )
            return
        if posted == REFUSED:
            await _marked(
                lambda: self.outbox.drop(notice.id, "refused by Telegram"), f"notice {notice.id}"
            )
        else:
            sent_at = self.clock()
            await _marked(
                lambda: self.outbox.mark_sent(notice.id, posted, sent_at), f"notice {notice.id}"
            )

    async def _as_now(self, notice: Notice, moved: Sequence[int]) -> Notice:
        return await self.as_now(notice, moved, self.clock())

    async def _without_stale_buttons(self, notice: Notice) -> Notice:
        """A done notice that waited (a group that removed the bot and added it back) after its
        rating ended — closed, reopened, or done again since: posted without the buttons,
        which could only answer 已经归档, saying so."""
        target = rating_target(notice.markup)
        if target is None:
            return notice
        ticket_id, round_ = target
        try:
            ticket = await self.tickets.get(ticket_id)
        except TicketNotFound:
            return notice  # nothing to judge by: as queued
        if ticket.status is Status.DONE and (
            round_ is None or round_ == await self.tickets.done_round(ticket_id)
        ):
            return notice  # its verdicts are still asked for
        said = texts.RATING_REDONE if ticket.status.is_active else texts.RATING_OVER
        return replace(notice, markup=None, body=f"{notice.body}\n{said}")

    async def _send_notice(self, notice: Notice, pace: Pace) -> int | Refused | None:
        """Post it: the id of the message that says it (None: nothing to show), or REFUSED."""
        if notice.kind in FILE_KINDS:
            return await self._send_attachments(notice, pace)
        markup = InlineKeyboardMarkup.de_json(notice.markup, None) if notice.markup else None
        # in quiet hours no sound (a 研判 item, an answer, a ticket taken), unless it is about a
        # danger: an alert, an escalation (only a danger's is posted then), an urgent ticket
        silent = self.quiet(self.clock()) and notice.kind != URGENT_ALERT
        silent = silent and not notice.kind.startswith(ESCALATION_KIND)
        silent = silent and not await self.tickets.urgent_among(notice.about)
        message = await self._deliver(
            notice.chat_id, notice.body, notice.reply_to, markup, silent, notice.thread_id
        )
        return REFUSED if message is None else message.message_id

    async def _send_attachments(self, notice: Notice, pace: Pace) -> int | None:
        """Pictures and files made when their turn comes (they are not kept in the database);
        pictures Telegram keeps (a ticket's photos) go as one album — photos and pictures sent
        as files each their own, as Telegram groups them (a mixed set: one by one)."""
        made = list(await self.attachments(notice)) if self.attachments else []
        kinds = {a.photo for a in made}
        if len(made) > 1 and len(kinds) == 1 and all(a.file_id for a in made):
            album = await self.messenger.send_album(notice.chat_id, made)
            return album.message_id if album else None
        sent = None
        for number, attachment in enumerate(made):
            if number:
                await asyncio.sleep(pace.wait())
                pace.spend()
            sent = (
                await self.messenger.send_file(notice.chat_id, attachment, photo=attachment.photo)
                or sent
            )
        return sent.message_id if sent else None

    async def _deliver(
        self, chat_id: int, text: str, reply_to: int | None, markup: Markup, silent: bool,
        thread_id: int | None = None,
    ) -> Message | None:  # fmt: skip
        """The message, or None when Telegram refuses this one for good (it is not retried)."""
        try:
            return await self.messenger.deliver(
                chat_id, text, reply_to=reply_to, markup=markup, silent=silent, thread_id=thread_id
            )
        except Undeliverable as exc:
            if exc.kind == "refused":
                log.error("Telegram refused a post to chat %s: %s", chat_id, exc)
                return None
            raise


async def _marked(mark: Callable[[], Awaitable[object]], what: object) -> None:
    """Write a post's mark, again for about half a minute should the database refuse it for a
    moment: once posted, it is never posted twice."""
    for attempt in range(MARK_ATTEMPTS):
        try:
            await mark()
            return
        except Exception as exc:
            if attempt == MARK_ATTEMPTS - 1:
                raise
            log.warning("%s posted but not marked yet (%s); again", what, exc)
            await asyncio.sleep(2.0**attempt)


async def _as_queued(notice: Notice, _moved: Sequence[int], _now: datetime) -> Notice:
    return notice


def _is_private(chat_id: int) -> bool:
    """Telegram numbers private chats as their user (positive), groups negative."""
    return chat_id > 0
