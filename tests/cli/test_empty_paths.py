"""A path given empty (`--output "$OUT"` with OUT unset) is refused by the parser in words
naming the option: `report --output ''` wrote the month's four files into the current folder,
`backup` said ". is a folder", `import ''` ".: is a folder", `evaluate ''` "cannot read : no
such file", `--config ''` ".: cannot read the config file"."""

from __future__ import annotations

import pytest

from bot.cli.main import _build_parser

C = ("--config", "c.toml")


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["report", *C, "--month", "2026-11", "--output", ""], "--output"),
        (["backup", *C, "--output", " "], "--output"),
        (["export", *C, "--output", ""], "--output"),
        (["import", *C, ""], "file"),
        (["evaluate", ""], "file"),
        (["desk-link", "--config", "", "--user", "1"], "--config"),
        (["run", "--config", ""], "--config"),
        (["migrate-to-postgres", *C, "--url", ""], "--url"),
    ],
)
def test_an_empty_path_is_refused_naming_the_option(
    argv: list[str], option: str, capsys: pytest.CaptureFixture[str]
):
    with pytest.raises(SystemExit) as refused:
        _build_parser().parse_args(argv)
    assert refused.value.code == 2
    said = capsys.readouterr().err.splitlines()[-1]
    assert said.endswith(
        f"argument {option}: empty (an unset variable?); give a path"
        if option != "--url"
        else f"argument {option}: empty (an unset variable?); give postgresql://user@host:5432/db"
    ), said
