"""An operator's first hour at the command line, with fresh eyes (QA round 41): each slip is
one line that names what to change, with a non-zero status, and nothing half done."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_ledger_commands import cli, populated
from tests.cli.test_operator_mistakes import one_line


async def test_an_output_whose_folder_is_a_file_names_output_the_file_and_the_fix(
    tmp_path: Path,
):
    """`--output exports/台账.xlsx` where `exports` is a file (a ledger saved as `exports`
    last month): it said `exports: File exists`, naming neither --output nor what to do."""
    config = await populated(tmp_path)
    blocker = tmp_path / "exports"
    blocker.write_text("last month's ledger", encoding="utf-8")
    for command, *rest, name in [
        ("export", "--format", "jsonl", "ledger.jsonl"),
        ("export", "--format", "csv", "ledger.csv"),
        ("export", "--format", "xlsx", "台账.xlsx"),
        ("backup", "copy.sqlite3"),
        ("report", "--month", "2026-11", "report"),
    ]:
        output = blocker / "deeper" / name
        made = await cli(command, "--config", str(config), *rest, "--output", str(output))
        assert made.returncode == 1, made.stderr
        assert one_line(made) == (
            f"--output: cannot write {output} ({blocker} is a file, not a folder); "
            "give a path in a folder this user can write"
        ), command
    assert blocker.read_text(encoding="utf-8") == "last month's ledger"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.sqlite3", "a.toml", "exports"]
