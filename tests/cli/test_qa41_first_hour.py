"""An operator's first hour at the command line, with fresh eyes (QA round 41): each slip is
one line that names what to change, with a non-zero status, and nothing half done."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from tests.cli.test_cli import run_cli as cli_sync
from tests.cli.test_ledger_commands import cli, populated
from tests.cli.test_operator_mistakes import one_line, write_config
from tests.ledger.test_ledger import EAST


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


async def test_an_import_into_a_database_that_cannot_be_made_names_storage_path(
    tmp_path: Path,
):
    """The office's first import, into a [storage] path whose folder cannot be made (a file
    `data` in the way, or a folder no one may write): it said `…/data: File exists` or
    `…/db.sqlite3.new: Permission denied`, as `run` says it: [storage] path and the fix."""
    source = await populated(tmp_path)
    ledger = tmp_path / "ledger.jsonl"
    exported = await cli("export", "--config", str(source), "--output", str(ledger))
    assert exported.returncode == 0, exported.stderr
    blocker = tmp_path / "data"
    blocker.write_text("not a folder", encoding="utf-8")
    for database, why in [
        (blocker / "yuanzi.sqlite3", f"{blocker} is a file, not a folder"),
        (Path("/proc/yuanzi.sqlite3"), None),  # refused to everyone, root too
    ]:
        config = write_config(tmp_path, db=str(database))
        loaded = await cli("import", "--config", str(config), str(ledger))
        assert loaded.returncode == 2, loaded.stderr
        line = one_line(loaded)
        assert line.startswith(f"config error: [storage] path: cannot create {database} (")
        assert line.endswith("); name a file in a folder the bot's user can write to")
        assert why is None or f"({why})" in line
    assert blocker.read_text(encoding="utf-8") == "not a folder"


async def test_an_empty_ledger_file_is_refused_and_leaves_no_database(tmp_path: Path):
    """A ledger copied from the office's USB stick as 0 bytes (or blank lines): it said
    `imported 0 ticket(s)` with status 0, and left a new, empty database behind."""
    config = write_config(tmp_path)
    for content in ("", "\n\n  \n"):
        ledger = tmp_path / "ledger.jsonl"
        ledger.write_text(content, encoding="utf-8")
        loaded = await cli("import", "--config", str(config), str(ledger))
        assert loaded.returncode == 1, loaded.stderr
        assert one_line(loaded) == (
            f"{ledger}: not imported, nothing was changed: the file is empty; give the "
            "JSON lines file `python -m bot export` wrote"
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.toml", "ledger.jsonl"]


LABELLED = (
    'each line is one labelled message, e.g. {"text": "…", "is_complaint": true, '
    '"category": "lift", "urgent": false, "location": null}'
)


def test_evaluate_says_what_is_wrong_with_the_file_and_what_a_line_looks_like(tmp_path: Path):
    """A month of chat saved by a spreadsheet in GBK, a CSV given by mistake, a line without
    its labels: evaluate answered with Python's own words (`'utf-8' codec can't decode byte
    0xb5 in position 0`, `Expecting value: line 1 column 1 (char 0)`, `[Errno 2] …`)."""
    gbk = tmp_path / "gbk.jsonl"
    gbk.write_bytes('{"text": "电梯坏了"}\n'.encode("gbk"))
    csv = tmp_path / "labels.csv"
    csv.write_text("text,is_complaint\n电梯坏了,1\n", encoding="utf-8")
    unlabelled = tmp_path / "unlabelled.jsonl"
    unlabelled.write_text('{"text": "电梯坏了"}\n', encoding="utf-8")
    folder = tmp_path / "months"
    folder.mkdir()
    for path, said in [
        (
            tmp_path / "nothing.jsonl",
            f"error: cannot read {tmp_path / 'nothing.jsonl'}: no such file",
        ),
        (folder, f"error: cannot read {folder}: a folder; give the labelled JSON lines file"),
        (gbk, f"error: cannot read {gbk}: not UTF-8 text; save it as UTF-8"),
        (csv, f"error: {csv}:1: not valid JSON (Expecting value, column 1); {LABELLED}"),
        (unlabelled, f"error: {unlabelled}:1: missing field 'is_complaint'; {LABELLED}"),
    ]:
        result = cli_sync("evaluate", str(path))
        assert result.returncode == 2, result.stderr
        assert one_line(result) == said
        assert result.stdout == ""


def test_a_desk_link_for_someone_not_on_the_staff_says_what_to_do(tmp_path: Path):
    """`desk-link --user 42` for a new colleague not yet in [roles]: it said only that 42 was
    not there, not what to do about it."""
    config = write_config(
        tmp_path, extra='[roles]\nworkers = [9001]\n[web]\nlisten = "127.0.0.1:8080"\n'
    )
    result = cli_sync("desk-link", "--config", str(config), "--user", "42")
    assert result.returncode == 2
    assert one_line(result) == (
        "--user 42 is not in [roles] workers or admins; give a worker's or admin's user id, or "
        f"add 42 to [roles] workers in {config} first"
    )
    assert result.stdout == "" and not (tmp_path / "db.sqlite3").exists()


async def test_a_digest_for_a_day_still_to_come_is_refused_as_in_the_group(tmp_path: Path):
    """`digest --date 2062-11-03` (2026 mistyped) printed a made-up digest of that day, every
    open ticket "超时" by decades; /digest in the group refuses a day to come, and so does this."""
    config = await populated(tmp_path)
    future = await cli(
        "digest", "--config", str(config), "--chat", str(EAST), "--date", "2062-11-03"
    )
    assert future.returncode == 2 and future.stdout == ""
    line = one_line(future)
    assert line.startswith("--date: 2062-11-03 has not come yet (today is ")
    assert line.endswith("); give today or a day gone by, YYYY-MM-DD, or leave --date out")
    past = await cli("digest", "--config", str(config), "--chat", str(EAST), "--date", "2026-11-03")
    assert past.returncode == 0 and "11月3日" in past.stdout, past.stderr


def test_classify_given_a_file_says_it_reads_standard_input(tmp_path: Path):
    """`classify messages.jsonl`, as `evaluate FILE` takes one: argparse's "unrecognized
    arguments: messages.jsonl" said nothing of where classify reads."""
    messages = tmp_path / "messages.jsonl"
    messages.write_text('{"text": "3栋电梯坏了"}\n', encoding="utf-8")
    result = cli_sync("classify", str(messages))
    assert result.returncode == 2 and result.stdout == ""
    assert one_line(result) == (
        "classify reads JSON lines on standard input, not from a file named after it: "
        f"python -m bot classify < {messages}"
    )


async def test_a_csv_ledger_given_to_import_says_which_files_import_reads(tmp_path: Path):
    """The office kept last year's ledger as CSV (an export format) and gave it to import:
    each line was refused as "not valid JSON", never saying that a CSV is not read."""
    source = await populated(tmp_path)
    ledger = tmp_path / "台账.csv"
    exported = await cli(
        "export", "--config", str(source), "--format", "csv", "--output", str(ledger)
    )
    assert exported.returncode == 0, exported.stderr
    config = write_config(tmp_path, db="fresh.sqlite3")
    loaded = await cli("import", "--config", str(config), str(ledger))
    assert loaded.returncode == 1
    assert one_line(loaded) == (
        f"{ledger}: not imported, nothing was changed: import reads the JSON lines or the xlsx "
        "workbook export writes, not CSV; export --format jsonl (or xlsx) and import that"
    )
    assert not (tmp_path / "fresh.sqlite3").exists()


async def test_an_export_to_a_workbook_name_writes_a_workbook(tmp_path: Path):
    """`export --output 台账.xlsx` without --format wrote JSON lines into 台账.xlsx, which
    Excel then refused to open; the format is read from the name, as import reads it, and a
    name that contradicts --format is refused rather than written."""
    config = await populated(tmp_path)
    book, sheet = tmp_path / "台账.xlsx", tmp_path / "台账.csv"
    for output in (book, sheet):
        made = await cli("export", "--config", str(config), "--output", str(output))
        assert made.returncode == 0, made.stderr
    assert load_workbook(book).active is not None  # a workbook, not JSON lines
    assert sheet.read_text(encoding="utf-8-sig").startswith("id,chat_id,")
    wrong = await cli("export", "--config", str(config), "--format", "jsonl", "--output", str(book))
    assert wrong.returncode == 2
    assert one_line(wrong) == (
        f"--output: {book} ends in .xlsx but --format is jsonl; give --format xlsx, "
        "or a name ending in .jsonl"
    )
    assert load_workbook(book).active is not None  # left as it was


def test_evaluate_warns_of_a_gold_category_the_classifier_does_not_have(tmp_path: Path):
    """A labeller wrote "elevator" for lift: the line was measured as a wrong category, and
    the report's accuracy fell with no word of the typo. It is still measured (a set labelled
    against another taxonomy is measured whole), but one line says which and where."""
    labels = tmp_path / "labels.jsonl"
    right = '{"text": "3栋电梯坏了", "is_complaint": true, "category": "lift", "urgent": false, '
    typo = right.replace('"lift"', '"elevator"')
    labels.write_text(
        f'{right}"location": "3栋"}}\n\n{typo}"location": null}}\n{typo}"location": null}}\n',
        encoding="utf-8",
    )
    result = cli_sync("evaluate", str(labels))
    assert result.returncode == 0 and "category" in result.stdout
    line = one_line(result)  # once for the category, not once per line
    assert line.startswith(
        f"warning: {labels}:3: category 'elevator' is none of the classifier's: parking, lift, "
    )
    assert line.endswith(", other (or null for no complaint); measured as a wrong category")
