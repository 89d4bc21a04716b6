"""Desk forms that meet a ticket changed since their page was shown, or a garbled one (found
by a review): a stale page's 接单 takes no ticket a colleague has just taken, two 督办升级一级
sent at once raise it once and the second is told, and a csrf field in Chinese is refused as
any wrong token is (403), not a server error."""

from __future__ import annotations

import asyncio
import re

import httpx

from bot.devtools.runner import settle
from tests.e2e.test_desk import GROUP, _csrf, _nonce, _rows, ask_link, desk_config
from tests.factories import WORKER2_ID, WORKER_ID

ASSIGNEE = re.compile(r'name="assignee" value="([^"]*)"')  # who the 接单 form saw on it


async def _form(web: httpx.AsyncClient, number: int) -> dict[str, str]:
    """The hidden fields of the ticket's forms, as its page gives them now."""
    page = (await web.get(f"/tickets/{number}")).text
    seen = ASSIGNEE.search(page)
    return {"csrf": _csrf(page), "nonce": _nonce(page), "assignee": seen.group(1) if seen else ""}


async def test_a_stale_page_does_not_take_a_ticket_a_colleague_just_took(
    fake, run_bot, tmp_path, storage
):
    """小王 and 小陈 both open #1 while it is 待接单 and both press 接单 (派单给: 我自己). The
    Telegram 接单 button refuses the second (TAKEN_BY_OTHER); the desk handed the ticket from
    小王 to 小陈 in silence, and the group was told twice that it was taken. Now the second
    is told above the ticket who has it; from the page shown again she takes it, meaning to."""
    config, base = desk_config(tmp_path, fake, storage)
    group = fake.group(GROUP, "3栋群")
    wang, chen = fake.person(WORKER_ID, "小王"), fake.person(WORKER2_ID, "小陈")
    async with (
        run_bot(config) as app,
        httpx.AsyncClient(base_url=base) as a,
        httpx.AsyncClient(base_url=base) as b,
    ):
        fake.say(group, fake.person(1, "张阿姨"), "3栋电梯坏了 门关不上")
        await settle(app, fake)
        await a.get(await ask_link(app, fake, wang))
        await b.get(await ask_link(app, fake, chen))
        seen_by_a, seen_by_b = await _form(a, 1), await _form(b, 1)  # both: 未接单
        first = await a.post("/tickets/1/assign", data={**seen_by_a, "to": ""})
        second = await b.post("/tickets/1/assign", data={**seen_by_b, "to": ""})
        await settle(app, fake)
        taken = [m.text for m in fake.bot_messages(GROUP) if "接单，正在办理" in m.text]
        held = _rows(config, "SELECT assignee_id FROM tickets WHERE id = 1")
        fresh = await _form(b, 1)  # the page now says 小王 has it: handing it on is meant
        third = await b.post("/tickets/1/assign", data={**fresh, "to": ""})
        await settle(app, fake)
    assert first.status_code == 303
    assert held == [(WORKER_ID,)], "the second 接单 took the ticket from the colleague who had it"
    assert second.status_code == 400 and "已由 小王 接单" in second.text
    assert len(taken) == 1, taken
    assert fresh["assignee"] == str(WORKER_ID) and third.status_code == 303
    assert _rows(config, "SELECT assignee_id FROM tickets WHERE id = 1") == [(WORKER2_ID,)]


async def test_a_form_with_a_non_ascii_csrf_is_refused_not_a_server_error(
    fake, run_bot, tmp_path, storage
):
    """secrets.compare_digest raises TypeError for a str with non-ASCII characters: a form
    whose csrf field was garbled (中, é) got the 500 page and a stack trace in the log instead
    of the 403 every other wrong token gets."""
    config, base = desk_config(tmp_path, fake, storage)
    wang = fake.person(WORKER_ID, "小王")
    async with run_bot(config) as app, httpx.AsyncClient(base_url=base) as web:
        fake.say(fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨"), "3栋电梯坏了 门关不上")
        await settle(app, fake)
        await web.get(await ask_link(app, fake, wang))
        wrong = await web.post("/tickets/1/note", data={"csrf": "x", "text": "师傅明天来"})
        garbled = await web.post("/tickets/1/note", data={"csrf": "中", "text": "师傅明天来"})
        logout = await web.post("/logout", data={"csrf": "é"})
    assert wrong.status_code == 403
    assert garbled.status_code == 403, garbled.status_code
    assert logout.status_code == 403, logout.status_code


async def test_two_staff_escalating_at_once_raise_it_once_and_one_is_told(
    fake, run_bot, tmp_path, storage
):
    """Two staff press 督办升级一级 on #1 (both pages at level 0) at the same moment. Sent one
    after the other the second is refused (刚刚已经升级过了) and leaves no line; sent together,
    both passed the level check (office.escalate reads, then writes), both were answered as
    done, and the history said both raised it. Now the writer raises it for one; the other is
    refused as if sent after."""
    config, base = desk_config(tmp_path, fake, storage)
    wang, chen = fake.person(WORKER_ID, "小王"), fake.person(WORKER2_ID, "小陈")
    async with (
        run_bot(config) as app,
        httpx.AsyncClient(base_url=base) as a,
        httpx.AsyncClient(base_url=base) as b,
    ):
        fake.say(fake.group(GROUP, "3栋群"), fake.person(1, "张阿姨"), "7栋路灯不亮了")
        await settle(app, fake)
        await a.get(await ask_link(app, fake, wang))
        await b.get(await ask_link(app, fake, chen))
        fa, fb = await _form(a, 1), await _form(b, 1)
        answers = await asyncio.gather(
            a.post("/tickets/1/escalate", data={**fa, "level": "0"}),
            b.post("/tickets/1/escalate", data={**fb, "level": "0"}),
        )
        await settle(app, fake)
    assert _rows(config, "SELECT escalation_level FROM tickets WHERE id = 1") == [(1,)]
    desk_lines = "SELECT actor_name FROM events WHERE action = 'desk' AND detail = 'escalate'"
    assert len(_rows(config, desk_lines)) == 1, _rows(config, desk_lines)
    assert sorted(r.status_code for r in answers) == [303, 400]
    refused = next(r for r in answers if r.status_code == 400)
    assert "刚刚已经升级过了" in refused.text
