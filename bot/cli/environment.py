"""What the process's environment must give every command that opens a SQLite database."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Mapping

__all__ = ["temp_folder_problem"]

# Where SQLite keeps its temporary files (statement journals, sorts): the first of these set
# that names a folder the process may write, as access() says, else /var/tmp, /tmp …
_SQLITE_TEMP_NAMES = ("SQLITE_TMPDIR", "TMPDIR")


def temp_folder_problem(env: Mapping[str, str] = os.environ) -> str | None:
    """One line when the temporary folder SQLite will use takes no file: root's TMPDIR=/proc
    passes access() but nothing can be made there, and every statement needing a temporary
    file would fail ("unable to open database file"); None when it is fine."""
    for name in _SQLITE_TEMP_NAMES:
        folder = env.get(name)
        if not folder or not _is_folder(folder) or not os.access(folder, os.W_OK | os.X_OK):
            continue  # SQLite passes over it, to the next
        try:
            with tempfile.TemporaryFile(dir=folder):
                return None
        except OSError as exc:
            why = exc.strerror or type(exc).__name__
        return (
            f"{name}={folder}: no file can be made there ({why}); SQLite keeps its temporary "
            f"files there: set {name} to a folder this user can write (export {name}=/tmp), "
            "or unset it"
        )
    return None


def _is_folder(path: str) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False
