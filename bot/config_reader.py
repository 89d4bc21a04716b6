"""Reading one TOML table with typed getters that name the key in every error."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import time
from typing import Any

__all__ = ["ConfigError", "Section"]

_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


class ConfigError(Exception):
    """A config problem, phrased as one line for the person editing the file."""


def _clock(raw: str) -> time | None:
    match = _HHMM.match(raw.strip())
    return time(int(match.group(1)), int(match.group(2))) if match else None


class Section:
    """A TOML table being read; unknown keys are refused (they are usually typos)."""

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

    def fail(self, key: str, expected: str) -> ConfigError:
        return ConfigError(f"{self.key(key)}: {expected}")

    def text(self, key: str, default: str | None = None, *, required: bool = False) -> str | None:
        value = self.data.get(key, default)
        if value is None:
            if required:
                raise self.fail(key, f'missing; add {key} = "…" to [{self.name}]')
            return None
        if not isinstance(value, str):
            raise self.fail(key, f"expected a text in quotes, got {value!r}")
        return value

    def number(self, key: str, default: int | None = None, *, minimum: int = 0) -> int | None:
        value = self.data.get(key, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.fail(key, f"expected a whole number ≥ {minimum}, got {value!r}")
        return value

    def count(self, key: str, default: int, *, minimum: int = 0) -> int:
        value = self.number(key, default, minimum=minimum)
        assert value is not None
        return value

    def chat(self, key: str) -> int | None:
        """A Telegram chat id: groups are negative numbers such as -1001234567890."""
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value == 0:
            raise self.fail(
                key, f"expected a numeric chat id such as -1001234567890, got {value!r}"
            )
        return value

    def flag(self, key: str, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, f"expected true or false, got {value!r}")
        return value

    def ids(self, key: str) -> frozenset[int]:
        value = self.data.get(key, [])
        bad = not isinstance(value, list) or any(
            isinstance(v, bool) or not isinstance(v, int) for v in value
        )
        if bad:
            raise self.fail(
                key,
                f"expected a list of numeric Telegram user ids, e.g. {key} = [123456789], "
                f"got {value!r}",
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
        value = self.text(key, default) or default
        if value not in choices:
            raise self.fail(key, f"expected one of {', '.join(choices)}, got {value!r}")
        return value
