"""Reading one TOML table with typed getters that name the key in every error.

Every number is range-checked here, so that no value read from the file can overflow a
`timedelta` or a date (or SQLite's 64-bit integers) while the bot runs.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from datetime import date, time
from typing import Any
from urllib.parse import urlsplit

__all__ = [
    "MAX_DAYS",
    "MAX_HOURS",
    "MAX_ID",
    "SECTIONS",
    "TOKEN_ENV",
    "ConfigError",
    "Section",
    "bot_token",
    "known_sections",
    "toml_error",
]

_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_TOKEN_LIKE = re.compile(r"\d+:[A-Za-z0-9_-]{20,}")
_TOKEN_SHAPE = re.compile(r"^\d+:[A-Za-z0-9_-]{20,}$")
TOKEN_ENV = "TELEGRAM_BOT_TOKEN"
EXAMPLE_TOKEN = "123456789:replace-with-the-token-from-BotFather"  # config.example.toml's
_GIVE_TOKEN = (
    f"put the token from @BotFather in [telegram] token or in the environment variable {TOKEN_ENV}"
)
_AT_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")
# What a Chinese keyboard types in place of TOML's own punctuation, and what TOML wants
_FULL_WIDTH = {
    "“": '"', "”": '"', "‘": "'", "’": "'", "＝": "=", "：": ":", "，": ",", "［": "[",
    "］": "]", "【": "[", "】": "]", "＃": "#", "\u3000": "a space",
}  # fmt: skip
_FLAG_WORD = re.compile(r"(true|false)\b", re.IGNORECASE)
_TABLE = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]")
_KEY = re.compile(r"^\s*([A-Za-z0-9_.-]+)\s*=")
MAX_HOURS = 24 * 366  # a time limit longer than a year is a typo (and 1e12 hours overflow)
MAX_DAYS = 366
MAX_ID = 2**53  # Telegram's ids have at most 52 significant bits
SECTIONS = (
    "telegram", "storage", "roles", "schedule", "deadlines", "escalation", "loop",
    "categories", "notices", "duty", "calendar", "classify", "web",
)  # fmt: skip
_LISTS = ("notices", "duty")  # arrays of tables: [[notices]], [[duty]]


class ConfigError(Exception):
    """A config problem, phrased as one line for the person editing the file. Whatever in it
    looks like a bot token (a key, a heading or a value written in the wrong place) is never
    shown."""

    def __init__(self, message: str) -> None:
        super().__init__(_TOKEN_LIKE.sub("<token>", message))


def toml_error(source: object, text: str, error: ValueError) -> ConfigError:
    """A TOML syntax error that names the table and the key of its line, as every other
    config error does (tomllib gives only a line and a column). The line itself is never
    shown: it may hold the token."""
    said = str(error)
    found = _AT_LINE.search(said)
    if found is None:
        return ConfigError(f"{source}: not valid TOML: {said}")
    lines = text.splitlines()[: int(found.group(1))]
    column = int(found.group(2)) - 1
    wide = lines[-1][column : column + 1] if lines else ""
    if lines and lines[-1].lstrip().startswith("[") and not _TABLE.match(lines[-1]):
        return ConfigError(  # a heading not closed: not the table above it
            f"{source}: not valid TOML in the heading on line {found.group(1)}: {said}; "
            "write it as [name]"
        )
    tables = [m.group(1) for line in lines if (m := _TABLE.match(line))]
    key = _KEY.match(lines[-1]) if lines else None
    table = f"[{tables[-1]}]" if tables else ""
    if key is None and wide in _FULL_WIDTH:  # 【schedule】: no heading, nor a key
        line = found.group(1)
        return ConfigError(f"{source}: not valid TOML on line {line}: {said}; {_typed_wide(wide)}")
    if key is None:
        where = f" in {table}" if table else ""
        if said.startswith("Cannot declare") and table:
            return ConfigError(
                f"{source}: not valid TOML: {table} is written twice ({said}); keep one "
                f"{table} heading with all its keys under it"
            )
        return ConfigError(f"{source}: not valid TOML{where}: {said}")
    name = f"{table} {key.group(1)}".strip()
    if wide in _FULL_WIDTH:  # digest_time = “20:00”: quoted, but with a Chinese keyboard
        return ConfigError(f"{source}: not valid TOML at {name}: {said}; {_typed_wide(wide)}")
    flag = _FLAG_WORD.match(lines[-1][column:])
    if said.startswith("Cannot overwrite"):
        fix = "it is written twice; keep one"
    elif flag is not None:  # learn = True, as in Python
        fix = f"write {flag.group(1).lower()} in lower case, without quotes"
    else:
        fix = 'texts go in quotes ("…"), lists in [ ]'
    return ConfigError(f"{source}: not valid TOML at {name}: {said}; {fix}")


def _typed_wide(character: str) -> str:
    """The fix for punctuation typed with a Chinese keyboard where TOML wants its own."""
    return (
        f"the {character} there is Chinese (full-width) punctuation: type "
        f"{_FULL_WIDTH[character]} instead, with the keyboard in English mode"
    )


def _whole(value: object) -> bool:
    """An integer, and not a boolean (which Python counts as one)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _clock(raw: str) -> time | None:
    match = _HHMM.match(raw.strip())
    return time(int(match.group(1)), int(match.group(2))) if match else None


def _id_hint(value: object) -> str:
    """The fix for the first text among ids: a number in quotes, or a name instead of an id."""
    texts = [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
    if not texts:
        return ""
    written = texts[0].strip()
    if written.isascii() and written.isdigit():
        return f"; write {written} without quotes"
    kind = "a username" if written.startswith("@") else "a name"
    return f"; {written!r} is {kind}, not an id: each person can get theirs from @userinfobot"


def _chat_hint(value: object) -> str:
    """The fix for a chat id written as a text: a number in quotes, or the group's @name."""
    written = value.strip() if isinstance(value, str) else ""
    if written.lstrip("-").isascii() and written.lstrip("-").isdigit():
        return f"; write {written} without quotes"
    if written.startswith("@") or "t.me/" in written:
        return (
            f"; {written!r} is a group's link or @name, not its id: the log says 'bot added to "
            "group ID' when the bot joins a group"
        )
    return ""


def _heading(name: str) -> str:
    if name == "categories":
        return "[categories.<id>]"
    return f"[[{name}]]" if name in _LISTS else f"[{name}]"


def _unknown_key(table: str, key: str, known: tuple[str, ...]) -> str:
    """The fix for a key a table does not have: a section's name written below another
    section's heading (TOML puts every key under the heading above it), or a typo."""
    if key in SECTIONS:
        return (
            f"{key} is a section of its own: write {_heading(key)} on a line of its own, "
            f"then its keys (each key belongs to the heading above it, here [{table}])"
        )
    close = difflib.get_close_matches(key, known, n=1)
    guess = f"did you mean {close[0]}? " if close else ""
    return f"{guess}the keys here are: {', '.join(known)}"


def known_sections(data: Mapping[str, Any]) -> None:
    """Refuse a section the config does not have (a typo such as [schedul])."""
    for key in data:
        if key not in SECTIONS:
            close = difflib.get_close_matches(key, SECTIONS, n=1)
            guess = f"did you mean {_heading(close[0])}? " if close else ""
            raise ConfigError(
                f"[{key}]: unknown section; {guess}the sections are: {', '.join(SECTIONS)}"
            )


class Section:
    """A TOML table being read; unknown keys are refused (they are usually typos)."""

    def __init__(self, name: str, data: Any, known: tuple[str, ...]) -> None:
        if not isinstance(data, Mapping):
            raise ConfigError(f"[{name}] must be a table (a [{name}] section), not a single value")
        self.name = name
        self.data = data
        for key in data:
            if key not in known:
                raise ConfigError(f"[{name}] {key}: unknown key; {_unknown_key(name, key, known)}")

    def key(self, key: str) -> str:
        return f"[{self.name}] {key}"

    def fail(self, key: str, expected: str) -> ConfigError:
        """The error for `key`; a value that looks like a bot token is never shown."""
        return ConfigError(f"{self.key(key)}: {expected}")

    def text(self, key: str, default: str | None = None, *, required: bool = False) -> str | None:
        value = self.data.get(key, default)
        if value is None:
            if required:
                raise self.fail(key, f'missing; add {key} = "…" to [{self.name}]')
            return None
        if not isinstance(value, str):
            raise self.fail(key, f"expected a text in quotes, got {_as_written(value)}")
        return value

    def label(self, key: str, example: str) -> str | None:
        """A name shown to people (a team, a category): not blank, kept without the spaces
        around it."""
        value = self.text(key)
        if value is None:
            return None
        if not value.strip():
            said = f'is blank; write the name, e.g. {key} = "{example}", or leave it out'
            raise self.fail(key, said)
        return value.strip()

    def number(
        self, key: str, default: int | None = None, *, minimum: int = 0, maximum: int
    ) -> int | None:
        """A whole number from minimum to maximum (a float such as 1e30 is refused too)."""
        value = self.data.get(key, default)
        if value is None:
            return None
        if _whole(value) and minimum <= value <= maximum:
            return int(value)
        raise self.fail(key, f"expected a whole number from {minimum} to {maximum}, got {value!r}")

    def count(self, key: str, default: int, *, minimum: int = 0, maximum: int) -> int:
        value = self.number(key, default, minimum=minimum, maximum=maximum)
        assert value is not None
        return value

    def hours(self, key: str, default: int, *, minimum: int = 1) -> int:
        """A number of hours, at most a year's."""
        return self.count(key, default, minimum=minimum, maximum=MAX_HOURS)

    def days(self, key: str, default: int) -> int:
        """A number of days, from 1 to a year's."""
        return self.count(key, default, minimum=1, maximum=MAX_DAYS)

    def chat(self, key: str, *, also: str = "") -> int | None:
        """A Telegram chat id: groups are negative numbers such as -1001234567890 (`also`:
        what else the key takes, said first when refused)."""
        value = self.data.get(key)
        if value is None:
            return None
        if _whole(value) and 0 < abs(value) < MAX_ID:
            return int(value)
        said = f"expected {also}a numeric chat id such as -1001234567890, got {value!r}"
        raise self.fail(key, f"{said}{_chat_hint(value)}")

    def flag(self, key: str, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, f"expected true or false, got {value!r}")
        return value

    def ids(self, key: str) -> frozenset[int]:
        value = self.data.get(key, [])
        bad = not isinstance(value, list) or any(not _whole(v) or not 0 < v < MAX_ID for v in value)
        if bad:
            raise self.fail(
                key,
                f"expected a list of numeric Telegram user ids, e.g. {key} = [123456789], "
                f"got {value!r}{_id_hint(value)}",
            )
        return frozenset(value)

    def words(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            example = f'{key} = ["词一", "词二"]'
            raise self.fail(key, f"expected a list of non-empty texts, e.g. {example}")
        return tuple(v.strip() for v in value)

    def clock_time(self, key: str, default: str) -> time:
        raw = self.text(key, default) or ""
        parsed = _clock(raw)
        if parsed is None:
            raise self.fail(key, f'expected "HH:MM" in 24-hour local time, got {raw!r}')
        return parsed

    def time_range(self, key: str, default: str) -> tuple[time, time] | None:
        """ "22:00-07:00" (may cross midnight); "" turns the range off."""
        raw = self.text(key, default) or ""
        if not raw.strip():
            return None
        start, _, end = raw.partition("-")
        first, last = _clock(start), _clock(end)
        if first is None or last is None or first == last:
            raise self.fail(
                key, f'expected "HH:MM-HH:MM" such as "22:00-07:00", or "" for none, got {raw!r}'
            )
        return first, last

    def choice(self, key: str, default: str, choices: tuple[str, ...]) -> str:
        """One of `choices` (lower-case words), whatever the case and the spaces around it."""
        value = (self.text(key, default) or default).strip().lower() or default
        if value not in choices:
            raise self.fail(key, f"expected one of {', '.join(choices)}, got {value!r}")
        return value

    def api_url(self, key: str, default: str) -> str:
        """The Bot API's address, to which python-telegram-bot appends the token itself: an
        http(s) URL ending in /bot (anything else would send the token to a wrong place, and
        the error would repeat it)."""
        value = self.text(key, default) or default
        try:
            parts = urlsplit(value)
            port_ok = parts.port is None or parts.port > 0
        except ValueError:
            parts, port_ok = None, False
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            raise self.fail(key, f"expected an http(s) URL such as {default}, got {value!r}")
        if not port_ok or parts.query or parts.fragment or not parts.path.endswith("/bot"):
            raise self.fail(
                key,
                f'must end with "/bot" (the token is added after it), e.g. '
                f'"http://127.0.0.1:8081/bot" for a local Bot API server; got {value!r}',
            )
        return value


def bot_token(section: Section, env: Mapping[str, str], *, required: bool) -> str:
    """The bot token: the environment variable when it is set and not blank, else [telegram]
    token. An error names where the token was read, and never shows it."""
    from_env = (env.get(TOKEN_ENV) or "").strip()
    token = from_env or (section.text("token") or "").strip()
    if not token:
        if required:
            raise section.fail(
                "token",
                f"missing; {_GIVE_TOKEN}",
            )
        return ""
    if token == EXAMPLE_TOKEN:  # config.example.toml's, copied without the real one
        if not required:
            return ""
        said = f"still the example's placeholder; {_GIVE_TOKEN}"
        if from_env:
            raise ConfigError(f"environment variable {TOKEN_ENV}: {said}")
        raise section.fail("token", said)
    if _TOKEN_SHAPE.match(token):
        return token
    if token[0] in "\"'" or token[-1] in "\"'":
        fix = "remove the quotes around it"
    elif _TOKEN_LIKE.search(token):  # bot123…:AA… (from an API URL), "@yuanzi_bot 123…:AA…"
        fix = "keep the token alone, with nothing before or after it (no bot, URL or @name)"
    elif token.startswith("@"):
        fix = "an @name is the bot's name; the token is the code @BotFather gave with it"
    else:
        fix = "copy it again from @BotFather"
    said = f"does not look like a bot token (digits, a colon, then letters); {fix}"
    if from_env:  # the config's own token may be right: say which one was read
        raise ConfigError(
            f"environment variable {TOKEN_ENV} (used instead of [telegram] token): {said}"
        )
    raise section.fail("token", said)


def _as_written(value: object) -> str:
    """A TOML value as the operator wrote it, with the quoted form it needs: 20:00:00 (a TOML
    time) → `20:00:00 (write it in quotes: "20:00")`; numbers and lists as TOML shows them."""
    if isinstance(value, time):
        shown = value.isoformat(timespec="minutes" if not value.second else "seconds")
        return f'{value.isoformat()} (write it in quotes: "{shown}")'
    if isinstance(value, date):
        return f'{value.isoformat()} (write it in quotes: "{value.isoformat()}")'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f'{value} (write it in quotes: "{value}")'
    return repr(value)
