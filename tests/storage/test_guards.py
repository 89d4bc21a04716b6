"""The database file's guards: created owner-only, checked before use, never written over,
one process at a time."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage.db import Database, DatabaseDamaged, is_database_file
from storage.lock import DatabaseInUse, lock_path, only_process
from storage.stores import Stores
from storage.synthetic import fill

END = datetime(2026, 11, 30, tzinfo=UTC)


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


async def history(path: Path, tickets: int = 300) -> None:
    """A real database with tickets in it, all in the one file (no -wal left)."""
    db = await Database.open(path)
    try:
        await fill(db, tickets, 3, END)
    finally:
        await db.close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


async def test_a_new_database_and_its_wal_and_shm_are_readable_by_the_owner_only(
    tmp_path: Path,
):
    path = tmp_path / "new" / "yuanzi.sqlite3"
    old = os.umask(0o022)  # the usual umask, which would make them readable by everyone
    try:
        db = await Database.open(path)
        try:
            await fill(db, 5, 1, END)
            files = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
            assert all(f.exists() for f in files)
            assert [mode(f) for f in files] == [0o600, 0o600, 0o600]
        finally:
            await db.close()
    finally:
        os.umask(old)
    assert sorted(p.name for p in path.parent.iterdir()) == ["yuanzi.sqlite3"]  # no .new


async def test_an_empty_database_file_is_refused_not_started_anew(tmp_path: Path):
    path = tmp_path / "yuanzi.sqlite3"
    path.write_bytes(b"")
    with pytest.raises(DatabaseDamaged) as refused:
        await Database.open(path)
    message = str(refused.value)
    assert message.startswith(f"{path}: the database file is empty (0 bytes)")
    assert "from #1 again" in message and "python -m bot backup" in message
    assert "\n" not in message
    assert path.stat().st_size == 0
    assert not Path(f"{path}-wal").exists()


def _garbage(path: Path) -> None:
    path.write_bytes(os.urandom(8192))


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _page_damaged(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for page in range(3, len(data) // 4096, 5):
        data[page * 4096 : page * 4096 + 4096] = b"\x07" * 4096
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_garbage, _truncated, _page_damaged])
async def test_a_damaged_database_is_refused_and_left_as_it_is(tmp_path: Path, damage):
    path = tmp_path / "yuanzi.sqlite3"
    await history(path)
    damage(path)
    before = path.read_bytes()
    with pytest.raises(DatabaseDamaged) as refused:
        await Database.open(path)
    message = str(refused.value)
    assert message.startswith(f"{path}: the database is damaged ("), message
    assert message.endswith("put the latest copy made with `python -m bot backup` in its place")
    assert "\n" not in message
    assert path.read_bytes() == before


async def test_a_sound_database_opens_with_its_tickets(tmp_path: Path):
    path = tmp_path / "yuanzi.sqlite3"
    await history(path, tickets=40)
    db = await Database.open(path)
    try:
        row = await db.fetchone("SELECT count(*) AS n FROM tickets")
        assert row is not None and row["n"] == 40
    finally:
        await db.close()


async def test_a_backup_is_owner_only_and_never_written_over_the_database(tmp_path: Path):
    path = tmp_path / "yuanzi.sqlite3"
    await history(path, tickets=20)
    stores = await Stores.open(path)
    try:
        copy = tmp_path / "copies" / "copy.sqlite3"
        copy.parent.mkdir()
        copy.write_bytes(b"an older copy")
        copy.chmod(0o644)
        assert await stores.backup(copy) == "ok"
        assert mode(copy) == 0o600
        for target in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            with pytest.raises(ValueError, match="live database"):
                await stores.backup(target)
        pipe, link = tmp_path / "pipe", tmp_path / "link"
        os.mkfifo(pipe)
        link.symlink_to(copy)
        for target in (pipe, link):  # the copy would be renamed over it
            with pytest.raises(ValueError, match="not a regular file"):
                await stores.backup(target)
        assert stat.S_ISFIFO(pipe.lstat().st_mode) and link.is_symlink()
    finally:
        await stores.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM tickets").fetchone() == (20,)


async def test_a_copy_that_fails_its_check_leaves_the_last_good_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A cron job backing up to one fixed file: a copy that fails its integrity check must not
    replace the good one already there (QA round 5: it was renamed first, checked after)."""
    path = tmp_path / "yuanzi.sqlite3"
    await history(path, tickets=5)
    stores = await Stores.open(path)
    try:
        good = tmp_path / "backup.sqlite3"
        assert await stores.backup(good) == "ok"
        before = good.read_bytes()

        async def damaged(_: Path) -> str:
            return "*** in database main *** Page 3 is never used"

        monkeypatch.setattr(type(stores.db), "integrity", staticmethod(damaged))
        assert await stores.backup(good) != "ok"
        assert good.read_bytes() == before
        assert not good.with_name(good.name + ".partial").exists()
    finally:
        await stores.close()


async def test_stores_close_the_database_even_when_the_last_write_fails(tmp_path: Path):
    stores = await Stores.open(tmp_path / "yuanzi.sqlite3")

    async def failing() -> None:
        raise sqlite3.OperationalError("disk I/O error")

    object.__setattr__(stores.chats, "save_members", failing)
    with pytest.raises(sqlite3.OperationalError):
        await stores.close()
    with pytest.raises(RuntimeError, match="closed"):
        await stores.db.write(lambda conn: None)


def test_is_database_file_sees_every_name_of_the_database(tmp_path: Path):
    path = tmp_path / "yuanzi.sqlite3"
    path.write_bytes(b"x")
    Path(f"{path}-wal").write_bytes(b"w")
    (tmp_path / "link").symlink_to(path)
    os.link(Path(f"{path}-wal"), tmp_path / "hard")
    (tmp_path / "sub").mkdir()
    for same in (
        path,
        Path(f"{path}-wal"),
        Path(f"{path}-shm"),  # not there yet: SQLite would make it
        tmp_path / "sub" / ".." / "yuanzi.sqlite3",
        tmp_path / "link",
        tmp_path / "hard",
    ):
        assert is_database_file(same, path), same
    for other in (tmp_path / "copy.sqlite3", tmp_path / "sub", Path(f"{path}.partial")):
        assert not is_database_file(other, path), other


def test_one_process_per_database(tmp_path: Path):
    path = tmp_path / "yuanzi.sqlite3"
    (tmp_path / "alias.sqlite3").symlink_to(path)
    with only_process(path) as held:
        assert held == lock_path(path) and mode(held) == 0o600
        assert held.read_text().strip() == str(os.getpid())
        for name in (path, tmp_path / "alias.sqlite3"):
            with pytest.raises(DatabaseInUse) as busy, only_process(name):
                pass
            message = str(busy.value)
            assert f"another process (pid {os.getpid()}) is using this database" in message
    with only_process(path):  # let go at the end of the block
        pass


def test_a_hard_link_to_a_database_in_use_is_refused(tmp_path: Path):
    path, other = tmp_path / "yuanzi.sqlite3", tmp_path / "elsewhere"
    path.write_bytes(b"")
    other.mkdir()
    os.link(path, other / "same.sqlite3")
    with (
        only_process(path),
        pytest.raises(DatabaseInUse, match="under another name"),
        only_process(other / "same.sqlite3"),
    ):
        pass
    with only_process(other / "same.sqlite3"):  # once the first lets go
        pass


@pytest.mark.parametrize("journal", ["DELETE", "WAL"])
async def test_another_programs_database_is_refused_before_anything_is_written(
    tmp_path: Path, journal: str
):
    """A [storage] path naming another program's SQLite file used to get the bot's fifty
    tables (and WAL mode) written into it."""
    path = tmp_path / "home-assistant_v2.db"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA journal_mode = {journal}")
        for table in ("states", "events", "recorder_runs", "schema_changes"):
            conn.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, data TEXT)")
        conn.execute("INSERT INTO states (data) VALUES ('on')")
    conn.close()  # the last connection: the write-ahead log goes into the file
    before = path.read_bytes()
    with pytest.raises(DatabaseDamaged) as refused:
        await Database.open(path)
    assert str(refused.value) == (
        f"{path}: a database of another program (tables events, recorder_runs, "
        "schema_changes, …), not the bot's; check that [storage] path names the bot's "
        "database; nothing was written to it"
    )
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no -wal, -shm


async def test_the_bots_own_database_with_its_history_still_in_the_log_is_not_foreign(
    tmp_path: Path,
):
    """Fresh, its tables and version may sit in the write-ahead log, not yet in the file."""
    path = tmp_path / "yuanzi.sqlite3"
    first = await Database.open(path)
    try:
        second = await Database.open(path)  # as `export` does while the bot runs
        await second.close()
    finally:
        await first.close()
    again = await Database.open(path)
    await again.close()
