"""Configuration: a TOML file read with tomllib into frozen dataclasses, validated at start.

Every problem is reported as one `ConfigError` line naming the key and what is expected.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.categories import CATEGORY_IDS
from bot.classify import CategoryExtension

__all__ = [
    "CategorySettings",
    "Config",
    "ConfigError",
    "RolesConfig",
    "ScheduleConfig",
    "StorageConfig",
    "TelegramConfig",
    "load_config",
    "parse_config",
]

DEFAULT_BASE_URL = "https://api.telegram.org/bot"
TOKEN_ENV = "TELEGRAM_BOT_TOKEN"
_TOKEN_SHAPE = re.compile(r"^\d+:[A-Za-z0-9_-]{20,}$")
_CATEGORY_ID = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


class ConfigError(Exception):
    """A config problem, phrased as one line for the person editing the file."""


@dataclass(frozen=True)
class TelegramConfig:
    token: str = field(repr=False)
    base_url: str = DEFAULT_BASE_URL


@dataclass(frozen=True)
class StorageConfig:
    path: Path


@dataclass(frozen=True)
class RolesConfig:
    workers: frozenset[int] = frozenset()
    admins: frozenset[int] = frozenset()

    def is_worker(self, user_id: int | None) -> bool:
        """Admins can do everything a worker can."""
        return user_id is not None and (user_id in self.workers or user_id in self.admins)

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.admins


@dataclass(frozen=True)
class ScheduleConfig:
    timezone: str = "Asia/Shanghai"
    digest_time: time = time(20, 0)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class CategorySettings:
    """Per-deployment settings of one category: extra words, a name, the team, the deadline."""

    id: str
    name: str | None = None
    keywords: tuple[str, ...] = ()
    team: str | None = None
    due_hours: int | None = None

    def as_extension(self) -> CategoryExtension:
        return CategoryExtension(id=self.id, name=self.name, keywords=self.keywords)


@dataclass(frozen=True)
class Config:
    telegram: TelegramConfig
    storage: StorageConfig
    roles: RolesConfig = RolesConfig()
    schedule: ScheduleConfig = ScheduleConfig()
    categories: tuple[CategorySettings, ...] = ()
    source: Path | None = None

    def category_extensions(self) -> tuple[CategoryExtension, ...]:
        return tuple(c.as_extension() for c in self.categories)


class _Section:
    """A TOML table being read: typed getters that name the key in every error."""

    def __init__(self, name: str, data: Any, known: tuple[str, ...]) -> None:
        if not isinstance(data, Mapping):
            raise ConfigError(f"[{name}] must be a table (a [{name}] section), not a single value")
        self.name = name
        self.data = data
        for key in data:
            if key not in known:
                hint = ", ".join(known)
                raise ConfigError(f"[{name}] {key}: unknown key; the keys here are: {hint}")

    def key(self, key: str) -> str:
        return f"[{self.name}] {key}"

    def text(self, key: str, default: str | None = None, *, required: bool = False) -> str | None:
        value = self.data.get(key, default)
        if value is None:
            if required:
                raise ConfigError(f'{self.key(key)}: missing; add {key} = "…" to [{self.name}]')
            return None
        if not isinstance(value, str):
            raise ConfigError(f"{self.key(key)}: expected a text in quotes, got {value!r}")
        return value

    def number(self, key: str, default: int | None = None, *, minimum: int = 0) -> int | None:
        value = self.data.get(key, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise ConfigError(
                f"{self.key(key)}: expected a whole number ≥ {minimum}, got {value!r}"
            )
        return value

    def ids(self, key: str) -> frozenset[int]:
        value = self.data.get(key, [])
        bad = not isinstance(value, list) or any(
            isinstance(v, bool) or not isinstance(v, int) for v in value
        )
        if bad:
            raise ConfigError(
                f"{self.key(key)}: expected a list of numeric Telegram user ids, "
                f"e.g. {key} = [123456789], got {value!r}"
            )
        return frozenset(value)

    def words(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            example = f'{key} = ["词一", "词二"]'
            raise ConfigError(
                f"{self.key(key)}: expected a list of non-empty texts, e.g. {example}"
            )
        return tuple(v.strip() for v in value)


def _telegram(data: Any, env: Mapping[str, str], require_token: bool) -> TelegramConfig:
    section = _Section("telegram", data, ("token", "base_url"))
    token = env.get(TOKEN_ENV) or section.text("token")
    if not token and not require_token:
        token = ""
    elif not token:
        raise ConfigError(
            f"[telegram] token: missing; put the token from @BotFather in [telegram] token "
            f"or in the environment variable {TOKEN_ENV}"
        )
    if token and not _TOKEN_SHAPE.match(token.strip()):
        raise ConfigError(
            "[telegram] token: does not look like a bot token (digits, a colon, then letters); "
            "copy it again from @BotFather"
        )
    base_url = section.text("base_url", DEFAULT_BASE_URL) or DEFAULT_BASE_URL
    if not base_url.startswith(("http://", "https://")):
        raise ConfigError(
            f"[telegram] base_url: expected an http(s) URL such as {DEFAULT_BASE_URL}, "
            f"got {base_url!r}"
        )
    return TelegramConfig(token=token.strip(), base_url=base_url)


def _storage(data: Any, base_dir: Path) -> StorageConfig:
    section = _Section("storage", data, ("path",))
    raw = section.text("path", required=True)
    assert raw is not None
    if not raw.strip():
        raise ConfigError(
            '[storage] path: empty; give a file name, e.g. path = "data/yuanzi.sqlite3"'
        )
    path = Path(raw).expanduser()
    if not path.is_absolute():
        path = base_dir / path
    return StorageConfig(path=path)


def _roles(data: Any) -> RolesConfig:
    section = _Section("roles", data, ("workers", "admins"))
    return RolesConfig(workers=section.ids("workers"), admins=section.ids("admins"))


def _clock_time(section: _Section, key: str, default: str) -> time:
    raw = section.text(key, default)
    match = _HHMM.match(raw or "")
    if not match:
        raise ConfigError(
            f'{section.key(key)}: expected "HH:MM" in 24-hour local time, got {raw!r}'
        )
    return time(int(match.group(1)), int(match.group(2)))


def _schedule(data: Any) -> ScheduleConfig:
    section = _Section("schedule", data, ("timezone", "digest_time"))
    timezone = section.text("timezone", "Asia/Shanghai") or "Asia/Shanghai"
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"[schedule] timezone: unknown time zone {timezone!r}; use an IANA name such as "
            f'"Asia/Shanghai"'
        ) from None
    return ScheduleConfig(
        timezone=timezone, digest_time=_clock_time(section, "digest_time", "20:00")
    )


def _categories(data: Any) -> tuple[CategorySettings, ...]:
    if not isinstance(data, Mapping):
        raise ConfigError("[categories] must hold tables such as [categories.lift]")
    result = []
    for category_id, body in data.items():
        name = f"categories.{category_id}"
        if not _CATEGORY_ID.match(category_id):
            raise ConfigError(
                f"[{name}]: a category id is lower-case latin letters, digits and _, "
                f"e.g. [categories.gas]"
            )
        section = _Section(name, body, ("name", "keywords", "team", "due_hours"))
        label = section.text("name")
        if category_id not in CATEGORY_IDS and not label:
            raise ConfigError(
                f'[{name}] name: missing; a new category needs its Chinese name, e.g. name = "燃气"'
            )
        result.append(
            CategorySettings(
                id=category_id,
                name=label,
                keywords=section.words("keywords"),
                team=section.text("team"),
                due_hours=section.number("due_hours", minimum=1),
            )
        )
    return tuple(result)


_TOP_LEVEL = ("telegram", "storage", "roles", "schedule", "categories")


def parse_config(
    data: Mapping[str, Any],
    *,
    base_dir: Path,
    env: Mapping[str, str] | None = None,
    source: Path | None = None,
    require_token: bool = True,
) -> Config:
    """Validate an already parsed TOML document (offline commands need no token)."""
    for key in data:
        if key not in _TOP_LEVEL:
            raise ConfigError(
                f"[{key}]: unknown section; the sections are: {', '.join(_TOP_LEVEL)}"
            )
    if "storage" not in data:
        raise ConfigError(
            '[storage] path: missing; add [storage] with path = "data/yuanzi.sqlite3"'
        )
    return Config(
        telegram=_telegram(
            data.get("telegram", {}), os.environ if env is None else env, require_token
        ),
        storage=_storage(data["storage"], base_dir),
        roles=_roles(data.get("roles", {})),
        schedule=_schedule(data.get("schedule", {})),
        categories=_categories(data.get("categories", {})),
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
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text; save the file as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return parse_config(
        data, base_dir=path.resolve().parent, env=env, source=path, require_token=require_token
    )


def readable_by_others(path: Path) -> bool:
    """True when the config file (which may hold the token) can be read by other users."""
    try:
        return bool(path.stat().st_mode & 0o044)
    except OSError:
        return False
