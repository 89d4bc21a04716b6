"""Database URLs: recognised, and shown without their password."""

from __future__ import annotations

import re
from urllib.parse import unquote

__all__ = ["is_postgres_url", "loose_at", "mask_url", "url_secrets"]

_QUERY_PASSWORD = re.compile(r"(?i)(password=)[^&]*")


def is_postgres_url(text: str) -> bool:
    """Does the text name a PostgreSQL server (rather than, say, a SQLite file)?"""
    return text.startswith(("postgresql://", "postgres://"))


def _netloc(url: str) -> str:
    """The URL's user-info and server part, as written (up to its path, query or fragment)."""
    return re.split(r"[/?#]", url.split("://", 1)[-1], maxsplit=1)[0]


def loose_at(url: str) -> bool:
    """Does the user name or password hold an @ written as it is (`yuanzi:pa@ss@db…`)? libpq
    ends the password at the first @ and takes the rest for the server's name (to be printed in
    its errors), where this module's mask ends it at the last: written %40, it is one password."""
    return _netloc(url).count("@") > 1


def _credentials(url: str) -> tuple[str, str] | None:
    """The URL's user-info part and its password (as written), if it has one."""
    netloc = _netloc(url)
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
    it is shown as written, to say which server is meant. A password holding an @ written as
    it is (`loose_at`) gives each piece too: libpq reads a piece as the server's name."""
    secrets = [url] if mask_url(url) != url else []
    found = _credentials(url)
    if found is not None and found[1]:
        pieces = [found[1], *found[1].split("@")] if "@" in found[1] else [found[1]]
        secrets += [shown for piece in pieces for shown in (piece, unquote(piece))]
    secrets += [m.group(0).split("=", 1)[1] for m in _QUERY_PASSWORD.finditer(url)]
    return tuple(s for s in dict.fromkeys(secrets) if len(s) >= 3)
