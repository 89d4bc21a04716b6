"""A command of ours mistyped (`/dnoe 12`, `/done12`, `／done 12`): answered with the one
meant, not left unanswered as if it had run."""

from __future__ import annotations

from telegram import Message

from bot import texts
from bot.runtime import usecases
from bot.runtime.services import Services
from handlers.arguments import plain
from handlers.common import thread_of
from storage.acted import message_origin

__all__ = ["meant_command", "mistyped_command"]

_COMMANDS = tuple(dict.fromkeys(name for name, _ in (*texts.GROUP_MENU, *texts.PRIVATE_MENU)))
_OURS = frozenset((*_COMMANDS, "start"))  # /start is /help, never suggested
_RESIDENTS = tuple(name for name in _COMMANDS if name in texts.RESIDENT_COMMANDS)
_LONGEST = max(len(name) for name in _COMMANDS)


def meant_command(typed: str, *, worker: bool = True) -> str | None:
    """The command of ours a mistyped one (`dnoe`, `asign`, `done12`) most likely is, as it
    should have been written (`done`, `assign`, `done 12`); None when it is none of ours. Not
    a `worker`: only the commands a resident may use (her `/tood` is no `/todo` of hers)."""
    word = typed.lower()
    base = word.rstrip("0123456789")
    commands = _COMMANDS if worker else _RESIDENTS
    if base in commands and base != word:  # `/done12`: the number typed without a space
        return f"{base} {word[len(base) :]}"
    allowed = 1 if len(word) <= 4 else 2
    if len(word) < 3 or word in _OURS or len(word) > _LONGEST + allowed:
        return None  # (a 4,000-letter word is no typo of ours: not aligned with each of them)
    near = [(_typos(word, name), name) for name in commands]
    distance, name = min(near, key=lambda pair: pair[0])
    return name if distance <= allowed else None


def _typos(a: str, b: str) -> int:
    """Letters left out, added, changed or swapped (optimal string alignment distance)."""
    rows = [list(range(len(b) + 1))]
    for i, x in enumerate(a, 1):
        row = [i]
        for j, y in enumerate(b, 1):
            cost = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                cost = min(cost, rows[-2][j - 2] + 1)
            row.append(cost)
        rows.append(row)
    return rows[-1][-1]


async def mistyped_command(services: Services, message: Message) -> bool:
    """A message opening with a command that is not ours but looks like one of ours mistyped
    (`/dnoe 12 已修好`, `/done12`, `／done 12`) is answered with the command meant — not left
    unanswered, as if it had run; whether it was. Another bot's command (`/x@other_bot`) is
    left alone."""
    words = (message.text or message.caption or "").split(maxsplit=1)
    if not words or not words[0].startswith(("/", texts.WIDE_SLASH)):
        return False
    wide = words[0].startswith(texts.WIDE_SLASH)  # Telegram sees words, not a command
    typed, _, addressed = plain(words[0][1:]).partition("@")
    if addressed and addressed.lower() != (message.get_bot().username or "").lower():
        return False
    user = message.from_user
    worker = user is not None and services.config.roles.is_worker(user.id)
    mine = _OURS if worker else {*_RESIDENTS, "start"}  # a resident's `／todo`: no command of hers
    word = typed.lower()
    meant = word if wide and word in mine else meant_command(typed, worker=worker)
    if meant is None:
        return False
    said = texts.wide_slash(meant) if wide else texts.mistyped_command(typed, meant)
    await usecases.answer(
        services,
        message.chat_id,
        said,
        reply_to=message.message_id,
        origin=f"{message_origin(message.chat_id, message.message_id)}:mistyped",
        thread_id=thread_of(message),
    )
    return True
