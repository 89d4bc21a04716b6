"""Configuration: a TOML file read with tomllib into frozen dataclasses, validated at start.

Every problem is reported as one `ConfigError` line naming the key and what is expected.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.config_lists import (
    ClassifyConfig,
    NoticeConfig,
    calendar_settings,
    classify_settings,
    duty_roster,
    notices,
    web_settings,
)
from bot.config_reader import (
    MAX_HOURS,
    ConfigError,
    Section,
    bot_token,
    known_sections,
    toml_error,
)
from bot.config_types import (
    DEFAULT_BASE_URL,
    CategorySettings,
    Config,
    DeadlinesConfig,
    EscalationConfig,
    LoopConfig,
    ScheduleConfig,
    StorageConfig,
    TelegramConfig,
)
from bot.core.categories import CATEGORIES, CATEGORY_IDS
from bot.core.duty import WEEKDAYS
from bot.core.permissions import Roles
from bot.core.redact import is_postgres_url, loose_at
from bot.core.timeutil import in_range

__all__ = [
    "CategorySettings",
    "ClassifyConfig",
    "Config",
    "ConfigError",
    "DeadlinesConfig",
    "EscalationConfig",
    "LoopConfig",
    "NoticeConfig",
    "ScheduleConfig",
    "StorageConfig",
    "TelegramConfig",
    "load_config",
    "parse_config",
]

_CATEGORY_ID = re.compile(r"^[a-z][a-z0-9_]{0,31}$")


def _telegram(data: Any, env: Mapping[str, str], require_token: bool) -> TelegramConfig:
    section = Section("telegram", data, ("token", "base_url"))
    token = bot_token(section, env, required=require_token)
    return TelegramConfig(token=token, base_url=section.api_url("base_url", DEFAULT_BASE_URL))


def _storage(data: Any, base_dir: Path) -> StorageConfig:
    section = Section("storage", data, ("path", "url"))
    url = section.text("url")
    if url is not None:
        if section.text("path") is not None:
            raise section.fail(
                "url", "given together with path; keep one: path for a SQLite file, url for "
                "PostgreSQL",
            )  # fmt: skip
        return StorageConfig(url=_postgres_url(section, url))
    raw = section.text("path", required=True) or ""
    if not raw.strip():
        raise section.fail("path", 'empty; give a file name, e.g. path = "data/yuanzi.sqlite3"')
    if "\0" in raw:
        raise section.fail("path", "has a NUL character (\\u0000); give a plain file name")
    try:
        path = Path(raw).expanduser()
    except RuntimeError:  # ~yuanzi/… copied from a machine with a user this one lacks
        user = raw[1:].replace("\\", "/").split("/")[0]
        raise section.fail(
            "path", f"{raw!r}: ~{user} is no home folder on this machine; give the full path"
        ) from None
    path = path if path.is_absolute() else base_dir / path
    if raw.endswith(("/", "\\")) or path.is_dir():
        folder = raw.rstrip("/\\") or "."
        raise section.fail(
            "path", f"{raw!r} is a folder; name the database file in it, e.g. "
            f'path = "{folder}/yuanzi.sqlite3"',
        )  # fmt: skip
    return StorageConfig(path=path)


def _postgres_url(section: Section, url: str) -> str:
    """A postgresql:// URL, checked for its form (the server is reached when the bot starts)."""
    example = 'url = "postgresql://yuanzi@db.example:5432/yuanzi"'
    if not is_postgres_url(url):
        raise section.fail("url", f"not a PostgreSQL URL; write it as {example}")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise section.fail("url", f"malformed; write it as {example}") from None
    if re.search(r"%(?![0-9A-Fa-f]{2})", parts.netloc):
        raise section.fail(
            "url", "a % in the user name or password must be written %25 (percent-encoded)"
        )
    if loose_at(url):  # libpq would take the password's tail for the server's name
        raise section.fail(
            "url", "more than one @ before the server's name; write an @ in the user name or "
            "password as %40 (percent-encoded)",
        )  # fmt: skip
    if not parts.path.strip("/") and not os.environ.get("PGDATABASE"):
        raise section.fail("url", f"names no database; write it as {example}")
    return url


def _roles(data: Any) -> Roles:
    section = Section("roles", data, ("workers", "admins"))
    return Roles(workers=section.ids("workers"), admins=section.ids("admins"))


_SCHEDULE_KEYS = (
    "timezone", "digest_time", "quiet_hours", "working_hours", "reminder_hours", "quiet_day",
    "weekly_day", "weekly_time", "grace_hours", "office_chat",
)  # fmt: skip


_NOT_A_PLACE = frozenset({"localtime", "factory", "posixrules"})


def _schedule(data: Any) -> ScheduleConfig:
    section = Section("schedule", data, _SCHEDULE_KEYS)
    timezone = section.text("timezone", "Asia/Shanghai") or "Asia/Shanghai"
    if timezone.strip().lower() in _NOT_A_PLACE:  # files in the zone folder, not zones
        raise section.fail(
            "timezone",
            f"{timezone!r} is this server's setting, not the community's zone; use an IANA "
            'name such as "Asia/Shanghai"',
        )
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a region ("Asia"), too long
        raise section.fail(
            "timezone", f'unknown time zone {timezone!r}; use an IANA name such as "Asia/Shanghai"'
        ) from None
    quiet = section.time_range("quiet_hours", "22:00-07:00")
    digest = section.clock_time("digest_time", "20:00")
    if quiet is not None and in_range(digest, quiet):
        raise section.fail(
            "digest_time",
            f"{digest:%H:%M} falls in quiet_hours {quiet[0]:%H:%M}-{quiet[1]:%H:%M}; choose a "
            "time outside them (or change quiet_hours)",
        )
    weekly = section.clock_time("weekly_time", "09:00")
    if quiet is not None and in_range(weekly, quiet):
        raise section.fail(
            "weekly_time",
            f"{weekly:%H:%M} falls in quiet_hours {quiet[0]:%H:%M}-{quiet[1]:%H:%M}; choose a "
            "time outside them",
        )
    working = section.time_range("working_hours", "08:30-18:00")
    if working is None:
        raise section.fail("working_hours", 'expected "HH:MM-HH:MM" such as "08:30-18:00"')
    return ScheduleConfig(
        timezone=timezone,
        digest_time=digest,
        quiet_hours=quiet,
        working_hours=working,
        reminder_hours=section.hours("reminder_hours", 12),
        quiet_day=section.choice("quiet_day", "line", ("line", "none")),
        weekly_day=section.choice("weekly_day", "mon", WEEKDAYS),
        weekly_time=weekly,
        grace_hours=section.hours("grace_hours", 2, minimum=0),
        office_chat=section.chat("office_chat"),
    )


def _deadlines(data: Any) -> DeadlinesConfig:
    section = Section(
        "deadlines",
        data,
        ("urgent_hours", "default_hours", "response_hours", "response_urgent_hours"),
    )
    return DeadlinesConfig(
        urgent_hours=section.hours("urgent_hours", 2),
        default_hours=section.hours("default_hours", 72),
        response_hours=section.hours("response_hours", 24),
        response_urgent_hours=section.hours("response_urgent_hours", 2),
    )


def _escalation(data: Any) -> EscalationConfig:
    section = Section(
        "escalation", data, ("level1_chat", "level2_chat", "level3_chat", "step_hours")
    )
    return EscalationConfig(
        level1_chat=section.chat("level1_chat"),
        level2_chat=section.chat("level2_chat"),
        level3_chat=section.chat("level3_chat"),
        step_hours=section.number("step_hours", minimum=1, maximum=MAX_HOURS),
    )


def _loop(data: Any) -> LoopConfig:
    section = Section("loop", data, ("rating_days", "reopen_days", "merge_days"))
    return LoopConfig(
        rating_days=section.days("rating_days", 3),
        reopen_days=section.days("reopen_days", 7),
        merge_days=section.days("merge_days", 7),
    )


def _one_name_each(settings: list[CategorySettings]) -> None:
    """A name says which category: no two share one, counting the shipped names a deployment
    kept and those it gave up by renaming (water → "水" frees "供水排水")."""
    named = {c.id: c.name for c in CATEGORIES}
    named.update({s.id: s.name for s in settings if s.name})
    configured = {s.id for s in settings}
    owner: dict[str, str] = {}
    for category_id, label in named.items():
        if label in owner:
            clash = category_id if category_id in configured else owner[label]
            other = owner[label] if clash == category_id else category_id
            raise ConfigError(
                f'[categories.{clash}] name: "{label}" is the name of [categories.{other}]; '
                "choose another"
            )
        owner[label] = category_id


def _categories(data: Any) -> tuple[CategorySettings, ...]:
    if not isinstance(data, Mapping):
        raise ConfigError("[categories] must hold tables such as [categories.lift]")
    result = []
    for category_id, body in data.items():
        name = f"categories.{category_id}"
        if not _CATEGORY_ID.match(category_id):
            raise ConfigError(
                f"[{name}]: a category id is lower-case latin letters, digits and _, "
                "e.g. [categories.gas]"
            )
        section = Section(name, body, ("name", "keywords", "team", "due_hours"))
        label = section.label("name", "燃气")
        if category_id not in CATEGORY_IDS and not label:
            raise section.fail(
                "name", 'missing; a new category needs its Chinese name, e.g. "燃气"'
            )
        result.append(
            CategorySettings(
                id=category_id,
                name=label,
                keywords=section.words("keywords"),
                team=section.label("team", "物业工程部"),
                due_hours=section.number("due_hours", minimum=1, maximum=MAX_HOURS),
            )
        )
    _one_name_each(result)
    return tuple(result)


def parse_config(
    data: Mapping[str, Any],
    *,
    base_dir: Path,
    env: Mapping[str, str] | None = None,
    source: Path | None = None,
    require_token: bool = True,
) -> Config:
    """Validate an already parsed TOML document (offline commands need no token)."""
    known_sections(data)
    if "storage" not in data:
        raise ConfigError(
            '[storage] path: missing; add [storage] with path = "data/yuanzi.sqlite3" '
            '(or url = "postgresql://…" for PostgreSQL)'
        )
    schedule = _schedule(data.get("schedule", {}))
    roles = _roles(data.get("roles", {}))
    return Config(
        telegram=_telegram(
            data.get("telegram", {}), os.environ if env is None else env, require_token
        ),
        storage=_storage(data["storage"], base_dir),
        roles=roles,
        schedule=schedule,
        deadlines=_deadlines(data.get("deadlines", {})),
        escalation=_escalation(data.get("escalation", {})),
        loop=_loop(data.get("loop", {})),
        categories=_categories(data.get("categories", {})),
        notices=notices(data.get("notices", []), schedule.timezone),
        duty=duty_roster(data.get("duty", []), roles),
        calendar=calendar_settings(data.get("calendar", {})),
        classify=classify_settings(data.get("classify", {})),
        web=web_settings(data.get("web", {})),
        source=source,
    )


def load_config(
    path: str | Path, env: Mapping[str, str] | None = None, *, require_token: bool = True
) -> Config:
    """Read and validate the config file; relative paths in it are relative to the file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: no such config file; copy config.example.toml to {path} and edit it"
        ) from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")  # Windows Notepad starts with a BOM
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text; save the file as UTF-8") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise toml_error(path, text, exc) from None
    return parse_config(
        data, base_dir=path.resolve().parent, env=env, source=path, require_token=require_token
    )


def readable_by_others(path: Path) -> bool:
    """True when the config file (which may hold the token) can be read by other users."""
    try:
        return bool(path.stat().st_mode & 0o044)
    except OSError:
        return False
