"""Photos, the pure parts: when a photo belongs to a complaint, what /ticket says of them, and
the desk's bounded memory of pictures."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from bot import texts
from bot.core.photos import PHOTO_WINDOW, span_before
from bot.desk.photos import PhotoCache
from bot.devtools.fakeapi.protocol import check_html
from tests.factories import T0, ticket


def test_her_photos_of_the_five_minutes_before_her_words_go_with_them():
    since, until = span_before(T0)
    assert (since, until) == (T0 - PHOTO_WINDOW, T0)
    assert timedelta(minutes=5) == PHOTO_WINDOW


def test_ticket_detail_names_the_photos_and_where_to_see_them():
    maker = texts.Texts(ZoneInfo("Asia/Shanghai"), {"lift": "电梯"})
    found = ticket(1)
    assert "附图" not in maker.ticket_detail(found, [], T0)
    in_group = maker.ticket_detail(found, [], T0, photos=2)
    in_private = maker.ticket_detail(found, [], T0, photos=2, private=True)
    assert "📷 附图 2 张（网格员私聊 /ticket 可看）" in in_group
    assert "📷 附图 2 张（随后发给您）" in in_private
    said = texts.photo_attached(maker.label(ticket(3, location="<b>3栋</b>")))
    check_html(said)
    assert said.startswith("📷 照片已附到 #3【电梯】") and "&lt;b&gt;" in said
    assert texts.photo_caption(3, 1, 2) == "#3 附图 1/2"


def test_the_desk_forgets_the_least_recently_shown_picture_first():
    cache = PhotoCache(most=10)
    cache.put("a", b"1234")
    cache.put("b", b"5678")
    assert cache.get("a") == b"1234"  # a shown again: b is now the oldest
    cache.put("c", b"9012")
    assert cache.get("b") is None and cache.get("a") == b"1234" and cache.get("c") == b"9012"
    cache.put("huge", b"x" * 11)  # larger than it may hold: not kept, nothing dropped
    assert cache.get("huge") is None and cache.get("a") is not None
