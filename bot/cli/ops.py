"""Operations on the database from the command line: the online backup."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from bot.config import Config

__all__ = ["backup"]


def backup(config: Config, output: Path) -> int:
    """Copy the database with SQLite's online backup API; safe while the bot is running."""
    from storage.db import Database

    if not config.storage.path.exists():
        print(f"no database at {config.storage.path} yet (the bot creates it)", file=sys.stderr)
        return 2
    if output.resolve() == config.storage.path.resolve():
        print("--output: give a path other than the live database", file=sys.stderr)
        return 2

    async def work() -> str:
        db = await Database.open(config.storage.path)
        try:
            partial = output.with_name(output.name + ".partial")
            await db.backup_to(partial)
            partial.replace(output)
            return await db.integrity(output)
        finally:
            await db.close()

    verdict = asyncio.run(work())
    if verdict != "ok":
        print(f"the copy failed its integrity check: {verdict}", file=sys.stderr)
        return 1
    print(f"backed up {config.storage.path} to {output} (integrity ok)", file=sys.stderr)
    return 0
