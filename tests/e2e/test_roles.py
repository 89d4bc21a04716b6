"""Who may do what: every command against every role, through the real bot.

Each case gets fresh tickets of its own, so the outcome of one case never depends on another.
"""

from __future__ import annotations

import itertools

import pytest

from bot.devtools.fakeapi.server import FakeTelegram
from bot.devtools.runner import settle
from tests.engines import peek
from tests.factories import ADMIN_ID, WORKER2_ID, WORKER_ID

HOME, ELSEWHERE = -7001, -7002
ROLES = (
    "resident", "reporter", "worker", "admin", "stranger", "worker_elsewhere", "private",
    "worker_private",
)  # fmt: skip

OK, REFUSED, NOT_FOUND, GROUP_ONLY, PRIVATE_ONLY = "ok", "refused", "not found", "group", "private"
G = {"resident": OK, "reporter": OK, "worker": OK, "admin": OK}  # shorthand for group members
IN_GROUPS = {"private": GROUP_ONLY, "worker_private": GROUP_ONLY}  # said in a group, never here
EVERY_GROUP = {**G, "stranger": OK, "worker_elsewhere": OK, **IN_GROUPS}
HOME_ONLY = {  # /ticket: a worker in private sees any ticket whole
    **G, "stranger": NOT_FOUND, "worker_elsewhere": NOT_FOUND, "private": GROUP_ONLY,
    "worker_private": OK,
}  # fmt: skip
WORKERS_ONLY = {
    "resident": REFUSED,
    "reporter": REFUSED,
    "worker": OK,
    "admin": OK,
    "stranger": REFUSED,
    "worker_elsewhere": NOT_FOUND,
    **IN_GROUPS,
}
ANY_TICKET_IN_PRIVATE = {**WORKERS_ONLY, "private": REFUSED, "worker_private": OK}

# command template → (what it needs, expected outcome per role, success marker)
TABLE: dict[str, tuple[str, dict[str, str], str]] = {
    "/new {n}栋楼道灯坏了": ("none", EVERY_GROUP, "已受理"),
    "/list": ("open", EVERY_GROUP, "待办"),
    "/ticket {a}": ("open", HOME_ONLY, "记录："),
    "/assign {a}": ("open", ANY_TICKET_IN_PRIVATE, "接单"),
    "/done {a} 已处理": ("open", ANY_TICKET_IN_PRIVATE, "已办结"),
    "/note {a} 明天上午处理": ("open", ANY_TICKET_IN_PRIVATE, "进展"),
    "/category {a} facilities": ("open", ANY_TICKET_IN_PRIVATE, "类别已更正"),
    "/merge {a} {b}": ("two", ANY_TICKET_IN_PRIVATE, "合并了"),
    "/digest": ("open", {**WORKERS_ONLY, "worker_elsewhere": OK}, "📋"),
    "/cancel {a} 不需要了": (
        "open",
        {"resident": REFUSED, "reporter": OK, "worker": OK, "admin": OK, "stranger": NOT_FOUND,
         "worker_elsewhere": NOT_FOUND, "private": GROUP_ONLY, "worker_private": OK},
        "已撤销",
    ),
    "/reopen {a} 又坏了": (
        "done",
        {"resident": REFUSED, "reporter": OK, "worker": OK, "admin": OK, "stranger": NOT_FOUND,
         "worker_elsewhere": NOT_FOUND, "private": GROUP_ONLY, "worker_private": OK},
        "重新",  # 重新打开了 in the group, 已重新办理 told back in private
    ),
    "/mine": ("open", {**{r: PRIVATE_ONLY for r in ROLES}, "private": OK, "worker_private": OK},
              "反映过"),
    "/todo": ("open", {**{r: PRIVATE_ONLY for r in ROLES}, "private": REFUSED,
                       "worker_private": OK}, "待办"),
}  # fmt: skip


def outcome(text: str, marker: str) -> str:
    if "只有网格员" in text or "只有反映" in text:
        return REFUSED
    if "没有找到" in text:
        return NOT_FOUND
    if "请在楼栋群里使用" in text:
        return GROUP_ONLY
    if "请私聊机器人使用" in text:
        return PRIVATE_ONLY
    return OK if marker in text else f"unexpected: {text[:60]}"


@pytest.mark.slow
async def test_every_command_for_every_role(fake: FakeTelegram, run_bot, config):
    home, elsewhere = fake.group(HOME, "3栋群"), fake.group(ELSEWHERE, "5栋群")
    reporter = fake.person(11, "张阿姨")
    worker, admin = fake.person(WORKER_ID, "小王"), fake.person(ADMIN_ID, "主任")
    people = {
        "resident": (home, fake.person(12, "李叔")),
        "reporter": (home, reporter),
        "worker": (home, worker),
        "admin": (home, admin),
        "stranger": (elsewhere, fake.person(13, "外人")),
        "worker_elsewhere": (elsewhere, fake.person(WORKER2_ID, "小陈")),
        "private": (fake.private(fake.person(14, "私聊居民")), fake.person(14, "私聊居民")),
        "worker_private": (fake.private(worker), worker),
    }
    numbers = itertools.count(1)
    failures = []
    async with run_bot() as app:

        async def new_ticket() -> int:
            fake.say(home, reporter, f"{next(numbers) + 100}栋电梯又坏了 没人修")
            await settle(app, fake)
            with peek(config) as conn:
                return conn.execute("SELECT max(id) FROM tickets").fetchone()[0]

        for template, (needs, expected, marker) in TABLE.items():
            for role in ROLES:
                a = await new_ticket()
                b = await new_ticket() if needs == "two" else 0
                if needs == "done":
                    fake.say(home, worker, f"/done {a}")
                    await settle(app, fake)
                chat, person = people[role]
                before = len(fake.bot_messages(chat["id"]))
                fake.say(chat, person, template.format(a=a, b=b, n=next(numbers)))
                await settle(app, fake)
                replies = [m.text for m in fake.bot_messages(chat["id"])[before:]]
                got = outcome(replies[0], marker) if replies else "no answer"
                if got != expected[role]:
                    failures.append(f"{template} as {role}: expected {expected[role]}, got {got}")
    assert not failures, "\n".join(failures)


async def test_nothing_of_one_group_shows_in_another(fake: FakeTelegram, run_bot, config):
    home, elsewhere = fake.group(HOME, "3栋群"), fake.group(ELSEWHERE, "5栋群")
    zhang, li = fake.person(1, "张阿姨"), fake.person(2, "李叔")
    worker = fake.person(WORKER_ID, "小王")
    async with run_bot() as app:
        fake.say(home, zhang, "3栋电梯又坏了 没人修 秘密内容甲")
        await settle(app, fake)  # #1 is the home group's (groups are handled side by side)
        fake.say(elsewhere, li, "5栋楼道灯坏了 好几天了 内容乙")
        await settle(app, fake)
        for command in ("/list", "/digest", "/ticket 1", "/assign 1", "/done 1", "/merge 2 1"):
            fake.say(elsewhere, worker, command)
            await settle(app, fake)
    seen_elsewhere = "\n".join(m.text for m in fake.bot_messages(ELSEWHERE))
    assert "秘密内容甲" not in seen_elsewhere and "#1【电梯】" not in seen_elsewhere
    with peek(config) as conn:
        assert conn.execute("SELECT status FROM tickets WHERE id = 1").fetchone() == ("open",)
