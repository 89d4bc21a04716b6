"""The desk's pages and its JSON API: overview, tickets, a ticket, and the actions on it."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web

from bot import texts
from bot.core import permissions
from bot.core.lookback import hotspots
from bot.core.tickets import Action, Person, Refusal, Status, allowed
from bot.core.timeutil import SECOND, local_midnight
from bot.core.triage import Decision
from bot.desk import photos
from bot.desk.common import listed, render, services_of, session_of
from bot.desk.query import (
    SEARCH_MOST,
    days_shown,
    is_backwards,
    number_of,
    order_of,
    page_of,
    terms_of,
    unread_days,
)
from bot.runtime import office, triage, usecases
from bot.runtime.services import Services

__all__ = ["routes"]

routes = web.RouteTableDef()
PAGE = 50
ACTIONS = ("assign", "note", "done", "category", "merge", "escalate", "restore")
ACTIVE_ORDER = (Status.OPEN, Status.ASSIGNED)  # the overview's cards, named as the ledger's 状态
_DIGITS = re.compile(r"([0-9]+)", re.ASCII)  # a title's numbers, kept by re.split
TEXT_MOST = 1000  # a 办理结果 or 进展 at most (its box takes no more: nothing is cut unseen)


class _Unread(Exception):
    """A form's field that says nothing to act on (a merge's number typed as words): said
    above the ticket, in Chinese, as a refusal is."""


def _origin(session_key: str, form: Any, what: str) -> str:
    """What makes a form act once: the session, the page's nonce, and what it does."""
    return f"desk:{session_key[:16]}:{str(form.get('nonce', ''))[:32]}:{what}"


@routes.get("/howto")
async def howto(request: web.Request) -> web.StreamResponse:
    return render(request, "howto.html", {"expired": False})


@routes.get("/")
async def overview(request: web.Request) -> web.StreamResponse:
    services = services_of(request)
    now = services.clock()
    tz = services.config.schedule.tz
    today = local_midnight(now.astimezone(tz).date(), tz) - SECOND  # `rates`: (start, now]
    rates = [
        (label, await services.bulletins.rates(None, start, now))
        for label, start in zip(
            texts.DESK_PERIODS,
            (today, now - timedelta(days=7), now - timedelta(days=30)),
            strict=True,
        )
    ]  # fmt: skip
    last30 = await services.stores.stats.created_between(None, now - timedelta(days=30), now)
    titles = await services.stores.chats.titles()
    spots = [
        (titles.get(chat, str(chat)), place, services.texts.category_names.get(cat, cat), count)
        for chat, place, cat, count in hotspots(last30)[:10]
    ]
    counts = await services.stores.desk.counts(now)  # each card's number is its link's count
    context = {
        "rates": [(label, [texts.rate_shown(r) for r in (t.response, t.resolution, t.satisfaction)])
                  for label, t in rates],
        "counts": counts,
        "by_status": [(s.value, texts.STATUS_NAMES[s], counts[s.value]) for s in ACTIVE_ORDER],
        "unsure": await services.stores.triage.count_pending(),
        "hotspots": spots,
    }  # fmt: skip
    return render(request, "overview.html", context)


@routes.get("/charts/{which}.png")
async def chart(request: web.Request) -> web.StreamResponse:
    """The pictures of /chart for the whole community: by category and status, the rates."""
    from bot.ledger.charts import recent_charts  # matplotlib: loaded when first needed

    which = request.match_info["which"]
    if which not in ("categories", "rates"):
        raise web.HTTPNotFound()
    services = services_of(request)
    drawn = await recent_charts(services.bulletins, None, services.clock())
    png = drawn[0 if which == "categories" else 1].png
    return web.Response(body=png, content_type="image/png")


@routes.get("/tickets")
async def tickets(request: web.Request) -> web.StreamResponse:
    services = services_of(request)
    page = page_of(request.query)
    found, total = await listed(request, PAGE, page)
    pages = max(1, (total + PAGE - 1) // PAGE)
    if page > pages:  # a page past the end (an old link, a typed number): the last one
        raise web.HTTPFound(request.rel_url.update_query(page=pages))
    context = await _choices(services)
    context.update(
        rows=[_row(services, t) for t in found],
        photos=await services.stores.photos.counts([t.id for t in found]),
        total=total,
        page=page,
        pages=pages,
        query=dict(request.query),
        sorts=list(texts.DESK_SORTS.items()),
        sort=order_of(request.query).value,
        search_most=SEARCH_MOST,
        numbered=await _numbered(services, request.query, total),
        days=days_shown(request.query, services.config.schedule.tz),
        unread=_unread(request.query, services.config.schedule.tz),
    )
    return render(request, "tickets.html", context)


async def _numbered(services: Services, query: Any, total: int) -> tuple[int, str, str] | None:
    """A search of one number (`12`) finds #12 and 12栋, 12号 …, newest first: the ticket of
    that number, named above the list as (number, what is said, its label); None where there
    is none, or the search is not one number."""
    terms = terms_of(query.get("q"))
    if total < 2 or len(terms) != 1 or terms[0].number is None or terms[0].text is None:
        return None
    try:
        found = await services.stores.tickets.get(terms[0].number)
    except Refusal:
        return None
    label = texts.html_to_plain(services.texts.label(found))
    return found.id, texts.desk_numbered(found.id), label


def _unread(query: Any, tz: ZoneInfo) -> list[str]:
    """What is said above the list of its dates: those not read, a range read backwards."""
    said = [texts.desk_unread_day(typed) for typed in unread_days(query, tz)]
    if is_backwards(query, tz):
        days = days_shown(query, tz)
        said.append(texts.desk_days_swapped(days["from"], days["to"]))
    return said


@routes.get("/tickets/{number}")
async def ticket(request: web.Request) -> web.StreamResponse:
    return await _ticket_page(request, None)


@routes.post("/tickets/{number}/{action}")
async def act(request: web.Request) -> web.StreamResponse:
    services, session = services_of(request), session_of(request)
    number, action = number_of(request.match_info["number"]), request.match_info["action"]
    if number is None or action not in ACTIONS:
        raise web.HTTPNotFound()
    form = await request.post()
    origin = _origin(session.key, form, f"{number}:{action}")
    deed = usecases.Act(number, session.person, None, origin=origin)
    # a browser sends a line break as \r\n, its box counted it as one: cut what it counted
    text = str(form.get("text", "")).replace("\r\n", "\n").strip()[:TEXT_MOST]
    try:
        await _do(services, deed, action, text, form)
    except Refusal as exc:
        return await _ticket_page(request, texts.html_to_plain(services.texts.refusal(exc)))
    except _Unread as exc:
        return await _ticket_page(request, str(exc))
    await services.stores.tickets.note_desk(
        number, session.person, action, services.clock(), origin
    )
    raise web.HTTPSeeOther(f"/tickets/{number}")


async def _do(services: Services, deed: usecases.Act, action: str, text: str, form: Any) -> None:
    if action == "assign":
        given = str(form.get("to", "")).strip()
        to = number_of(given)
        if given and to is None:
            raise _Unread(texts.DESK_ASSIGN_WHO)
        assignee = deed.actor if to is None or to == deed.actor.id else await _worker(services, to)
        # who the page showed on it (none: nobody, 待接单): a colleague's since is not taken
        shown = permissions.Shown(number_of(str(form.get("assignee", ""))))
        await usecases.assign(services, deed, assignee, shown=shown)
    elif action == "note":
        if not text:  # spaces only: the form's `required` let them through
            raise _Unread(texts.DESK_NOTE_EMPTY)
        await usecases.note(services, deed, text)
    elif action == "done":
        await usecases.done(services, deed, text or None)
    elif action == "category":
        await usecases.recategorise(services, deed, str(form.get("category", "")))
    elif action == "merge":
        source = number_of(str(form.get("from", "")))
        if source is None:
            raise _Unread(texts.DESK_MERGE_NUMBER)
        await usecases.merge(services, deed, source)
    elif action == "restore":  # withdrawn by mistake: back to work, as /reopen does
        await usecases.restore(services, deed, text or None)
    elif action == "escalate":
        await office.escalate(services, deed, number_of(str(form.get("level", ""))))
    else:
        raise web.HTTPNotFound()  # not one of ACTIONS: `act` let none other through


async def _worker(services: Services, user_id: int) -> Person:
    for person, _ in await services.stores.chats.reach([user_id]):
        return _named(person)
    return _named(Person(user_id, ""))


def _named(person: Person) -> Person:
    """A worker the bot has not met yet (never wrote in a group or to it) still has a name on
    the desk and in the group: 网格员（编号 9002）, never a blank or 邻居."""
    if person.name or person.id is None:
        return person
    return replace(person, name=texts.unmet_worker(person.id))


async def _ticket_page(request: web.Request, error: str | None) -> web.StreamResponse:
    services = services_of(request)
    typed = request.match_info["number"]
    number = number_of(typed)
    try:
        found = await services.stores.tickets.get(number or 0)
    except Refusal:  # an old link, a number mistyped: said in Chinese, with the way back
        shown = f"#{number}" if number is not None else typed[:40]
        return render(request, "missing.html", {"message": texts.desk_no_ticket(shown)}, 404)
    now = services.clock()
    stores = services.stores
    events = await stores.tickets.history(found.id)
    history = [services.texts.history_line(e, now) for e in events]
    verdicts = await stores.tickets.verdicts(found.id)
    context = await _choices(services)
    context.update(
        ticket=_row(services, found),
        reports=await stores.tickets.reports(found.id),
        photos=await photos.shown(services, found.id),
        history=[texts.html_to_plain(line) for line in history],
        verdicts=_verdicts(found, verdicts),
        error=error,
        now=now,
        text_most=TEXT_MOST,
    )
    return render(request, "ticket.html", context, status=400 if error else 200)


def _verdicts(found: Any, verdicts: list[tuple[Any, Any]]) -> list[tuple[str, str]]:
    """Each household's verdict; for a ticket from a ledger, the counts it gave (满意户数 2/2)."""
    counted = texts.ledger_verdicts(found, verdicts)
    if counted:
        return [(verdicts[0][0].name if verdicts else "", counted)]
    return [(p.name, texts.RATING_NAMES[r] if r else texts.NOT_YET) for p, r in verdicts]


async def _choices(services: Services) -> dict[str, Any]:
    groups = await services.stores.chats.titles()
    workers = await services.stores.chats.reach(services.config.roles.alerted())
    return {
        "groups": sorted(groups.items(), key=lambda kv: _by_number(kv[1])),
        "categories": list(services.texts.category_names.items()),
        "statuses": list(texts.STATUS_NAMES.items()),
        "workers": [(p.id, _named(p).name) for p, _ in workers],
    }


def _by_number(title: str) -> list[tuple[int, str]]:
    """A group's title as it is ordered: 1号楼, 2号楼 … 10号楼, not 10号楼 before 1号楼."""
    return [(int(part), "") if part.isdigit() else (0, part) for part in _DIGITS.split(title)]


def _row(services: Services, found: Any) -> dict[str, Any]:
    tz, now = services.config.schedule.tz, services.clock()
    return {
        "id": found.id,
        "label": texts.html_to_plain(services.texts.label(found)),
        "category": services.texts.category_names.get(found.category, found.category),
        "category_id": found.category,
        "status": texts.status_of(found),
        "active": found.status.is_active,  # finished: nothing left to take, do or escalate
        "can_note": allowed(found.status, Action.NOTE),
        "can_restore": allowed(found.status, Action.RESTORE) and found.merged_into is None,
        "summary": found.summary,
        "location": found.location or "",
        "households": texts.households_shown(found),  # 计入 #N for a merged one, as /ticket
        "merged_into": found.merged_into,  # then it is acted on in #N, nowhere here
        "can_recategorise": permissions.may_recategorise(found),
        "urgent": found.urgent,
        "overdue": found.is_overdue(now),
        "level": found.escalation_level,
        "assignee": found.assignee_name or "",
        "assignee_id": "" if found.assignee_id is None else found.assignee_id,  # 接单's form
        "created": texts.local_time(found.created_at, tz, now),  # the year when not this one
        # done or cancelled: no clock runs (as /ticket)
        "due": texts.local_time(found.due_at, tz, now)
        if found.due_at and found.status.is_active
        else "",
        "team": found.team or "",
    }


# -- 研判: what the classifier was unsure of ----------------------------------------------------
@routes.get("/triage")
async def triage_queue(request: web.Request) -> web.StreamResponse:
    return await _triage_page(request, None)


async def _triage_page(request: web.Request, error: str | None) -> web.StreamResponse:
    """The 研判 queue (`error`: why a decision sent from it was refused, said above it)."""
    services = services_of(request)
    waiting = await services.stores.triage.pending(limit=100)
    titles = await services.stores.chats.titles()
    names = services.texts.category_names
    tz, now = services.config.schedule.tz, services.clock()
    shown = await services.stores.photos.of_messages([(i.chat_id, i.message_id) for i in waiting])
    seconds = await services.stores.seconds.households_of([i.id for i in waiting])
    items = [
        {
            "id": item.id,
            "group": titles.get(item.chat_id, str(item.chat_id)),
            "author": item.display_name,
            "text": item.text,
            "guess": item.category or "other",
            "guess_name": names.get(item.category or "other", item.category or ""),
            "location": item.location or "",
            "at": texts.local_time(item.received_at, tz, now),
            "photo": pic.id if (pic := shown.get((item.chat_id, item.message_id))) else None,
            "seconds": seconds.get(item.id, 0),  # neighbours' "+1" under it
        }
        for item in waiting
    ]
    total = await services.stores.triage.count_pending()
    context = {"items": items, "categories": list(names.items()), "total": total, "error": error}
    return render(request, "triage.html", context, status=409 if error else 200)


@routes.post("/triage/{number}/{decision}")
async def triage_decide(request: web.Request) -> web.StreamResponse:
    """登记为诉求 (with the category chosen) or 不是诉求, as the buttons in private do."""
    services, session = services_of(request), session_of(request)
    number, decision = number_of(request.match_info["number"]), request.match_info["decision"]
    if number is None or decision not in ("file", "dismiss"):
        raise web.HTTPNotFound()
    form = await request.post()
    origin = _origin(session.key, form, f"triage:{number}:{decision}")
    category = str(form.get("category", "")) or None
    if category not in services.texts.category_names:
        category = None
    chosen = Decision.FILE if decision == "file" else Decision.DISMISS
    try:
        item = await triage.decide(
            services, number, session.person, chosen, category, origin=origin
        )
    except Refusal as exc:  # a colleague judged it meanwhile: said above the queue, as it is now
        return await _triage_page(request, texts.html_to_plain(services.texts.refusal(exc)))
    who = item.decided_name or session.person.name or ""
    await triage.settle_decided(services, item, who)  # the workers' notices in private too
    raise web.HTTPSeeOther("/triage")
