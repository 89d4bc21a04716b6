"""A bench's sizes on the command line: a stray number of digits (10**30) was taken, and the
bench began building that many messages or tickets in memory until the machine ran out — now
refused by the parser in words naming the option, as 0 and -1 are."""

from __future__ import annotations

import pytest

from bot.cli.main import _build_parser

HUGE = str(10**30)
OPTIONS = (
    "--size", "--messages", "--complaints", "--groups", "--samples", "--import-rows", "--lessons",
)  # fmt: skip


@pytest.mark.parametrize("option", OPTIONS)
@pytest.mark.parametrize("value", [HUGE, "100_000_001", "0", "-1", "1e9"])
def test_a_bench_size_past_what_fits_is_refused_naming_the_option(
    option: str, value: str, capsys: pytest.CaptureFixture[str]
):
    with pytest.raises(SystemExit) as refused:
        _build_parser().parse_args(["bench", "storage", option, value])
    assert refused.value.code == 2
    said = capsys.readouterr().err.splitlines()[-1]
    assert said.startswith(f"yuanzi bench: error: argument {option}: "), said


@pytest.mark.parametrize("value", [f"1000,{HUGE}", "1000,100000001", "1000,0", ""])
def test_sizes_past_what_fits_are_refused(value: str, capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit):
        _build_parser().parse_args(["bench", "storage", "--sizes", value])
    assert "argument --sizes: " in capsys.readouterr().err


def test_the_largest_size_is_taken():
    parsed = _build_parser().parse_args(
        ["bench", "storage", "--size", "100_000_000", "--sizes", "1000,100000000"]
    )
    assert parsed.size == 10**8 and parsed.sizes == (1000, 10**8)
