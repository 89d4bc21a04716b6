"""`python -m bot migrate-to-postgres`: a community's SQLite history into PostgreSQL."""

from __future__ import annotations

import argparse
import asyncio
import sys

from bot.cli.common import database_missing, database_problem, fail, load_or_exit, no_database
from bot.core.redact import is_postgres_url, loose_at, mask_url, url_secrets

__all__ = ["migrate_to_postgres"]


def migrate_to_postgres(args: argparse.Namespace) -> int:
    """Move everything the config's SQLite file holds into an empty PostgreSQL database, all
    or nothing, with the bot stopped; then the config's [storage] gets the url."""
    from storage.db import DatabaseDamaged
    from storage.dialect import data_error_text, data_errors, integrity_errors
    from storage.lock import DatabaseInUse, only_process
    from storage.pg_database import PostgresMissing
    from storage.transfer import TargetNotEmpty, TransferMismatch, move_to_postgres

    config = load_or_exit(args.config, require_token=False)
    path = config.storage.path
    if path is None:
        return fail("[storage] already names PostgreSQL (url); there is no SQLite file to move")
    if database_missing(config):
        return no_database(config)
    if not is_postgres_url(args.url):
        return fail('--url: not a PostgreSQL URL; write it as "postgresql://user@host:5432/db"')
    if loose_at(args.url):  # as [storage] url: libpq would take the password's tail for a host
        return fail(
            "--url: more than one @ before the server's name; write an @ in the user name or "
            "password as %40 (percent-encoded)"
        )
    target = mask_url(args.url)
    try:
        with only_process(path):
            moved = asyncio.run(move_to_postgres(path, args.url))
    except DatabaseInUse:
        return fail(f"not moved: the bot is running on {path}; stop it first")
    except (TargetNotEmpty, TransferMismatch, PostgresMissing, DatabaseDamaged) as exc:
        return fail(f"not moved, nothing was changed: {exc}")
    except integrity_errors() as exc:  # a row the file holds breaks a rule PostgreSQL keeps
        what = " ".join(str(exc).split())[:300]
        return fail(f"not moved, nothing was changed: a row breaks a rule: {what}")
    except data_errors() as exc:  # a value SQLite kept that PostgreSQL's column cannot hold
        return fail(
            "not moved, nothing was changed: a value PostgreSQL's column cannot hold: "
            f"{data_error_text(exc)}; correct it in {path}, then move again"
        )
    except Exception as exc:
        line = database_problem(exc, f"{path} → {target}", url_secrets(args.url))
        if line is None:
            raise
        return fail(f"not moved, nothing was changed: {line}")
    for item in moved:
        print(f"{item.table}: {item.rows}")
    tickets = next((m.rows for m in moved if m.table == "tickets"), 0)
    print(
        f"moved {tickets} tickets from {path} into {target}, every count checked. Now set "
        "[storage] url to it (and remove path) in the config, then start the bot.",
        file=sys.stderr,
    )
    return 0
