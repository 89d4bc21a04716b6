"""`python -m bot demo`: a morning in a building group, replayed offline against the real bot.

A fake Bot API runs on 127.0.0.1, the real Application talks to it over HTTP, a temporary
SQLite file holds the tickets; the conversation is printed as a resident would see it.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from bot.app import Tuning, build_application
from bot.config import parse_config
from bot.core.categories import category_name
from bot.core.tickets import Person, Report, Ticket
from bot.desk.links import login_link
from bot.devtools.fakeapi.server import TOKEN, FakeTelegram
from bot.devtools.runner import running, settle
from bot.runtime import setup_checks
from bot.runtime.services import SERVICES_KEY
from bot.runtime.setup_checks import UNREACHABLE_WARNING
from bot.texts import STATUS_NAMES

__all__ = ["run_demo"]

GROUP_ID = -1001234567890
WORKER_ID = 7001
TZ = ZoneInfo("Asia/Shanghai")


START = datetime(2026, 11, 23, 7, 45, tzinfo=TZ).astimezone(UTC)


@dataclass
class DemoClock:
    """The demo's own clock: a morning that moves on a few minutes per scene."""

    now: datetime = START

    def __call__(self) -> datetime:
        return self.now


def _scenes(fake: FakeTelegram) -> list[tuple[int, Callable[[], Any]]]:
    group = fake.group(GROUP_ID, "阳光花园3栋业主群")
    zhang = fake.person(301, "张阿姨", "zhang_ayi")
    li = fake.person(302, "李叔")
    wang = fake.person(303, "王姐")
    chen = fake.person(304, "小陈")
    worker = fake.person(WORKER_ID, "网格员小王", "grid_wang")
    first: dict[str, Any] = {}

    def complain() -> None:
        first["message"] = fake.say(
            group, zhang, "3栋2单元电梯又坏了 卡在5楼不动 我73岁了爬不动楼梯😡"
        )

    def bot_reply(to_message: dict[str, Any]) -> Any:
        return next(
            m for m in fake.bot_messages(GROUP_ID) if m.reply_to == to_message["message_id"]
        )

    def done_message() -> Any:
        return next(m for m in reversed(fake.bot_messages(GROUP_ID)) if "已办结" in m.text)

    def rate(person: dict[str, Any], label: str) -> None:
        """Press the done notice's button that says `label`, as a resident taps it."""
        message = done_message()
        rows = message.reply_markup["inline_keyboard"]
        data = next(b["callback_data"] for row in rows for b in row if b["text"] == label)
        fake.press(message, person, data)

    return [
        (0, lambda: fake.bot_membership(group, "left", "administrator")),  # the owner adds it
        (5, lambda: fake.say(group, wang, "早上好各位☀️")),
        (2, complain),
        (1, lambda: fake.say(group, li, "+1 我家老人也下不了楼", reply_to=first["message"])),
        (3, lambda: fake.sticker(group, chen)),
        (4, lambda: fake.say(group, li, "3栋后头的垃圾桶满出来好几天了 没得人收 臭死个人")),
        (1, lambda: fake.photo(group, li)),  # his picture of it, right after his words
        (2, lambda: fake.say(group, wang, "今天菜市场的白菜好便宜 两块钱一斤")),
        (6, lambda: fake.press(bot_reply(first["message"]), worker, "take:1")),
        (1, lambda: fake.say(group, chen, "/assign 2")),
        (
            2,
            lambda: fake.say(
                group, chen, "/new 单元门的闭门器坏了 门每次都砰一声砸回来 <b>夹到手</b>"
            ),
        ),
        (9, lambda: fake.say(group, worker, "/note 1 维保师傅已在路上，10点前到")),
        (25, lambda: fake.say(group, worker, "/done 1 维保单位已更换门机板，电梯恢复运行")),
        (4, lambda: rate(zhang, "满意")),
        (3, lambda: fake.say(group, zhang, "/list")),
        (2, lambda: rate(li, "基本满意")),
        (1, lambda: fake.say(group, zhang, "谢谢网格员 电梯修好了👍")),
    ]


def _print_new(out: TextIO, fake: FakeTelegram, seen: int, clock: DemoClock) -> int:
    names = {m.message_id: m.sender for m in fake.transcript if m.chat_id == GROUP_ID}
    stamp = clock.now.astimezone(TZ).strftime("%H:%M")
    for message in fake.transcript[seen:]:
        if message.chat_id != GROUP_ID:
            continue
        if message.from_bot:
            target = f" ↩ {names.get(message.reply_to, '')}" if message.reply_to else ""
            lines = message.text.splitlines() or [""]
            out.write(f"      🤖 院子{target}：{lines[0]}\n")
            for line in lines[1:]:
                out.write(f"         {line}\n")
            if message.reply_markup:
                rows = message.reply_markup.get("inline_keyboard", [])
                buttons = " ".join(f"[{b['text']}]" for row in rows for b in row)
                out.write(f"         {buttons}\n")
        else:
            out.write(f"{stamp} {message.sender}：{message.text}\n")
    out.flush()
    return len(fake.transcript)


def _padded(text: str, width: int) -> str:
    """`text` padded to `width` columns of a terminal (a Chinese character takes two)."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - used)


class _ImaginaryWorker(logging.Filter):
    """The demo's grid worker is imaginary: that he never opened a private chat is no news."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.msg is not UNREACHABLE_WARNING


def _print_ledger(out: TextIO, rows: list[tuple[Ticket, list[Report]]]) -> None:
    out.write("\n台账（数据库里的工单）：\n")
    for ticket, reports in rows:
        out.write(
            f"  #{ticket.id} {_padded(category_name(ticket.category), 8)} "
            f"{_padded(STATUS_NAMES[ticket.status], 6)} "
            f"位置={ticket.location or '—'} "
            f"承办={ticket.assignee_name or '—'} 反映={len(reports)}\n"
        )


async def run_demo(out: TextIO, desk_port: int | None = None) -> int:
    """The morning, printed; with `desk_port`, the office desk stays open on it afterwards
    (with the morning's tickets) until Ctrl-C, and a login link is printed."""
    clock = DemoClock()
    with tempfile.TemporaryDirectory(prefix="yuanzi-demo-") as folder:
        async with FakeTelegram() as fake:
            config = parse_config(
                {
                    "telegram": {"token": TOKEN, "base_url": fake.base_url},
                    "storage": {"path": str(Path(folder) / "demo.sqlite3")},
                    "roles": {"workers": [WORKER_ID]},
                    **({"web": {"listen": f"127.0.0.1:{desk_port}"}} if desk_port else {}),
                },
                base_dir=Path(folder),
                env={},
            )
            out.write("院子 Yuanzi · 离线演示\n")
            out.write(f"假的 Telegram 服务器：{fake.base_url.rsplit('/', 1)[0]}（不需要令牌）\n")
            out.write("群：阳光花园3栋业主群 · 网格员：网格员小王\n\n")
            # Telegram's pace (20 posts a minute in a group) would make the morning last 25 s;
            # the fake server has no limits, so the demo posts as fast as it reads.
            tuning = Tuning(post_gap=0.2, poll_timeout=1.0, post_burst=30.0, posts_per_minute=600.0)
            app = build_application(config, clock=clock, tuning=tuning)
            seen, quiet = 0, _ImaginaryWorker()
            logging.getLogger(setup_checks.__name__).addFilter(quiet)
            async with running(app, poll_timeout=1.0):
                for minutes, scene in _scenes(fake):
                    clock.now += timedelta(minutes=minutes)
                    scene()
                    await settle(app, fake)
                    seen = _print_new(out, fake, seen, clock)
                services = app.bot_data[SERVICES_KEY]
                rows = [row async for row in services.stores.ledger.iter_with_reports()]
                if desk_port:
                    _print_ledger(out, rows)
                    link = await login_link(services, Person(WORKER_ID, "网格员小王"))
                    out.write("\n社区办公桌已开启（网格员小王的一次性登录链接，15 分钟内有效）：\n")
                    out.write(f"{link}\n")
                    out.write("按 Ctrl-C 结束演示。\n")
                    out.flush()
                    await asyncio.Event().wait()  # until Ctrl-C
            logging.getLogger(setup_checks.__name__).removeFilter(quiet)
            _print_ledger(out, rows)
            sent = len(fake.bot_messages(GROUP_ID))
            out.write(f"\n机器人共发了 {sent} 条群消息；演示结束，临时数据库已删除。\n")
    return 0
