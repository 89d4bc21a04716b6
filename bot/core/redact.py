"""Database URLs: recognised, and shown without their password."""

from __future__ import annotations

import re
from urllib.parse import unquote

__all__ = ["is_postgres_url", "mask_url", "url_secrets"]

_QUERY_PASSWORD = re.compile(r"(?i)(password=)[^&]*")


def is_postgres_url(text: str) -> bool:
    """Does the text name a PostgreSQL server (rather than, say, a SQLite file)?"""
    return text.startswith(("postgresql://", "postgres://"))


def _credentials(url: str) -> tuple[str, str] | None:
    """The URL's user-info part and its password (as written), if it has one."""
    netloc = url.split("://", 1)[-1].split("/", 1)[0]
    if "@" not in netloc:
        return None
    userinfo = netloc.rsplit("@", 1)[0]
    if ":" not in userinfo:
        return None
    return userinfo, userinfo.split(":", 1)[1]


def mask_url(url: str) -> str:
    """The URL with its password (in the user part or the query) replaced by ***."""
    masked = _QUERY_PASSWORD.sub(r"\1***", url)
    found = _credentials(masked)
    if found is None:
        return masked
    userinfo, _ = found
    user = userinfo.split(":", 1)[0]
    return masked.replace(f"{userinfo}@", f"{user}:***@", 1)


def url_secrets(url: str) -> tuple[str, ...]:
    """The strings of a URL that must never be shown: its password, raw and decoded, and the
    URL itself when it holds one (for a log filter). A URL without a password has no secret:
    it is shown as written, to say which server is meant."""
    secrets = [url] if mask_url(url) != url else []
    found = _credentials(url)
    if found is not None and found[1]:
        secrets += [found[1], unquote(found[1])]
    secrets += [m.group(0).split("=", 1)[1] for m in _QUERY_PASSWORD.finditer(url)]
    return tuple(s for s in dict.fromkeys(secrets) if len(s) >= 3)
