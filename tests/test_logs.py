"""The log never carries the token, nor a resident's phone or ID number, however it is written
(a repr shows a zero-width space as `\\u200b`, JSON shows full-width digits as `\\uff11`)."""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterator

import pytest

from bot.devtools.fakeapi.server import BOT_ID, TOKEN, FakeTelegram
from bot.devtools.runner import settle
from bot.logs import DEBUG_LIMIT, RedactSecrets, setup_logging

NUMBERS = ("13812345678", "13912345678", "110101199003071234")
SAID = (
    "3栋电梯坏了，电话 +86 138-1234-5678，或者 139\u200b1234\u200b5678，身份证 110101 19900307 1234"
)
UPDATE = {
    "update_id": 424242,
    "message": {
        "message_id": 7,
        "date": 1764000000,
        "chat": {"id": -1001234567890, "type": "supergroup", "title": "3栋群"},
        "from": {"id": 501, "is_bot": False, "first_name": "张阿姨"},
        "text": SAID,
    },
}


def digits_of(text: str) -> str:
    return "".join(c for c in text if c.isdecimal())


def record(
    msg: str, *args: object, level: int = logging.DEBUG, name: str = "telegram.ext.Application"
) -> logging.LogRecord:
    return logging.LogRecord(name, level, __file__, 1, msg, args, None)


def shown(item: logging.LogRecord) -> str:
    RedactSecrets(TOKEN).filter(item)
    return logging.Formatter("%(message)s").format(item)


def assert_masked(text: str) -> None:
    for number in NUMBERS:
        assert number not in digits_of(text.replace("\\u200b", "")), (number, text)


# A record's time and the bot's own id are digits beside any others: ",138" and 123456789
# read as 13812345678 (CI saw it once). Masking is checked on each record without them.
_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3}")


def assert_masked_log(log: str) -> None:
    for line in log.splitlines():
        assert_masked(_STAMP.sub("", line).replace(str(BOT_ID), ""))


@pytest.mark.parametrize(
    "written",
    [
        pytest.param(UPDATE, id="repr"),  # what the library logs: "Processing update %s"
        pytest.param(json.dumps(UPDATE), id="json-ascii"),
        pytest.param(json.dumps(UPDATE, ensure_ascii=False), id="json-utf8"),
        pytest.param(
            json.dumps({**UPDATE, "text": SAID.replace("138", "１３８")}),
            id="json-full-width-digits",
        ),
    ],
)
def test_an_update_in_a_debug_record_comes_out_masked(written: object):
    out = shown(record("Processing update %s", written))
    assert_masked(out)
    assert "138****5678" in out and "139****5678" in out and "110***********1234" in out
    assert "424242" in out and "-1001234567890" in out  # the ids that make a log useful stay


def test_the_token_is_still_redacted_and_an_exception_masked():
    try:
        raise ValueError(f"bad message {SAID} with {TOKEN}")
    except ValueError:
        item = logging.LogRecord(
            "bot", logging.ERROR, __file__, 1, "failed for %s", (TOKEN,), sys.exc_info()
        )
    out = shown(item)
    assert TOKEN not in out and "<token>" in out
    assert "ValueError" in out
    assert_masked(out)


def test_a_long_debug_or_library_record_is_cut_and_our_error_is_not():
    long = "说" * (DEBUG_LIMIT * 3) + " 13812345678"
    debug = shown(record("%s", long))
    assert len(debug) < DEBUG_LIMIT + 50 and debug.endswith("more characters]")
    error = shown(record("%s", long, level=logging.ERROR, name="bot.app"))
    assert error.endswith("138****5678") and len(error) > DEBUG_LIMIT * 3
    # the library's own errors (a whole batch it could not parse) are cut at every level
    library = shown(record("Received data was %s", long, level=logging.CRITICAL))
    assert len(library) < DEBUG_LIMIT + 50 and library.endswith("more characters]")


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    names = ("httpx", "httpcore", "apscheduler", "aiohttp.access", "jieba")
    levels = {name: logging.getLogger(name).level for name in names}
    yield
    logging.captureWarnings(False)
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, value in levels.items():
        logging.getLogger(name).setLevel(value)


async def test_verbose_run_logs_updates_without_their_numbers(
    fake: FakeTelegram, run_bot, capsys, restore_logging
):
    """`run --verbose`: the library logs every update it processes; no number gets through."""
    setup_logging(TOKEN, logging.DEBUG)
    group, zhang = fake.group(-100800, "3栋群"), fake.person(501, "张阿姨")
    async with run_bot() as app:
        fake.say(group, zhang, SAID)
        fake.say(group, zhang, "楼道灯坏了，电话１３８１２３４５６７８")
        await settle(app, fake)
    err = capsys.readouterr().err
    assert "Processing update" in err  # the updates were logged, whole
    assert err.count("138****5678") >= 2 and "139****5678" in err
    assert_masked_log(err)
    assert TOKEN not in err


def test_a_librarys_warning_is_logged_with_the_token_masked(capsys, restore_logging):
    """Warnings (a library's deprecation, PTB's) went to stderr past the filters, whole."""
    import warnings

    setup_logging(TOKEN, logging.INFO)
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.warn(
            f"calling https://api.telegram.org/bot{TOKEN}/getMe", UserWarning, stacklevel=1
        )
    err = capsys.readouterr().err
    assert "WARNING py.warnings" in err and "getMe" in err
    assert TOKEN not in err
