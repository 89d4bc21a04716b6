"""The desk pages' own words: every error page says, in Chinese, what happened and what to do."""

from __future__ import annotations

import re

import pytest

from bot import texts

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("status", [400, 403, 404, 405, 409, 413, 418, 500, 502, 503])
def test_every_error_status_has_a_chinese_heading_and_what_to_do(status):
    title, what = texts.desk_error(status)
    assert CJK.search(title) and CJK.search(what)
    assert not re.search(r"[A-Za-z]{3,}", title + what.replace("Telegram", ""))


def test_an_unlisted_status_is_said_by_its_kind():
    assert str(418) in texts.desk_error(418)[1]  # a client's error: its code, to tell the admin
    assert texts.desk_error(503) == texts.desk_error(500)  # the server's: it failed, try later
    assert texts.desk_error(404) != texts.desk_error(405)
