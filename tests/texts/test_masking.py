"""Phone and ID numbers hidden however they are typed, and nothing else touched; every place a
resident's (or a worker's) own words reach a post goes through the masking."""

from __future__ import annotations

import re
import unicodedata
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from bot import texts
from bot.core.rates import Rate, ThreeRates
from bot.core.tickets import Event, Person, Rating, Status
from bot.devtools.fakeapi.protocol import check_html
from bot.texts import (
    Texts,
    categories_chart_title,
    echo,
    mask_personal,
    mention,
    shown,
    trend_chart_title,
)
from bot.texts.digest import DigestData, LookBackData, compose_digest, compose_look_back
from bot.texts.fit import visible_units
from tests import factories

T0 = factories.T0
TEXTS = Texts(ZoneInfo("Asia/Shanghai"))
EMPTY = ThreeRates(Rate(), Rate(), Rate())
ZW = "\u200b\u200c\u200d\ufeff\u2060"


CHINESE_DIGITS = {c: str(n) for n, c in enumerate("〇一二三四五六七八九")}
CHINESE_DIGITS.update({c: str(n) for n, c in enumerate("零壹贰叁肆伍陆柒捌玖")}, 幺="1")


def visible_digits(text: str) -> str:
    """Every digit of `text` (full-width, circled, superscript, Chinese too) in a row, as a
    reader could put them."""
    return "".join(
        CHINESE_DIGITS.get(c) or str(unicodedata.digit(c))
        for c in text
        if c.isdigit() or c in CHINESE_DIGITS
    )


MOBILES = [
    ("电话13812345678", "电话138****5678"),
    ("电话：13812345678。", "电话：138****5678。"),
    ("call 13812345678 now", "call 138****5678 now"),
    ("１３８１２３４５６７８", "138****5678"),
    ("电话１３８ １２３４ ５６７８谢谢", "电话138****5678谢谢"),
    ("138 1234 5678", "138****5678"),
    ("138-1234-5678", "138****5678"),
    ("138.1234.5678", "138****5678"),
    ("138 - 1234 - 5678", "138****5678"),
    ("138—1234—5678", "138****5678"),
    ("138－1234－5678", "138****5678"),
    ("138　1234　5678", "138****5678"),  # ideographic spaces
    ("1 3 8 1 2 3 4 5 6 7 8", "138****5678"),
    ("+86 138 1234 5678", "+86 138****5678"),
    ("+86-138-1234-5678", "+86-138****5678"),
    ("+8613812345678", "+86138****5678"),
    ("＋８６ １３８１２３４５６７８", "＋８６ 138****5678"),
    ("8613812345678", "86138****5678"),
    ("0086 13812345678", "0086 138****5678"),
    ("(+86)13812345678", "(+86)138****5678"),
    ("138\u200b1234\u200b5678", "138****5678"),
    ("1\u200c3\u200d8\ufeff1234\u20605678", "138****5678"),
    ("138\u00ad1234\u200e5678", "138****5678"),  # soft hyphen, left-to-right mark
    ("1️⃣3️⃣8️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣", "138****5678"),  # keycaps
    ("手机19912345678和17712345678", "手机199****5678和177****5678"),
    ("5栋1203 13812345678", "5栋1203 138****5678"),  # the room number stays
    ("3-2-501 138 1234 5678 张", "3-2-501 138****5678 张"),
    ("电话139/8765/4307", "电话139****4307"),
    ("139_8765_4308", "139****4308"),
    ("139,8765,4309", "139****4309"),
    ("139，8765，4321", "139****4321"),
    ("139、8765、4321", "139****4321"),
    ("139~8765~4321", "139****4321"),
    ("139--8765--4321", "139****4321"),
    ("139   8765   4321", "139****4321"),
    ("(139)8765-4321", "139****4321"),
    ("一三九八七六五四三二一", "139****4321"),  # Chinese digits, to slip past a filter
    ("打幺三九八七六五四三二一", "打139****4321"),
    ("壹叁玖捌柒陆伍肆叁贰壹", "139****4321"),
    ("139八七六五4321", "139****4321"),
    ("①③⑨⑧⑦⑥⑤④③②①", "139****4321"),
    ("¹³⁹⁸⁷⁶⁵⁴³²¹", "139****4321"),
]

LANDLINES = [
    ("座机 023-68881234", "座机 023-****1234"),
    ("010-12345678", "010-****5678"),
    ("0755 1234 5678", "0755 ****5678"),
    ("0755-1234-5678", "0755-****5678"),
    ("(021)12345678", "(021)****5678"),
    ("(021) 1234 5678", "(021) ****5678"),
    ("（０２１）１２３４５６７８", "（０２１）****5678"),
    ("075512345678", "0755****5678"),
    ("0571-8888888", "0571-****8888"),  # seven digits after the code
    ("+86 755 1234 5678", "+86 755 ****5678"),
    ("010\u200b-\u200b12345678", "010\u200b-\u200b****5678"),
    ("86-10-65432100", "86-10-****2100"),
]

IDS = [
    ("身份证110101199003071234", "身份证110***********1234"),
    ("11010119900307123X", "110***********123X"),
    ("11010119900307123x号", "110***********123x号"),
    ("110101 19900307 1234", "110***********1234"),
    ("110101-1990-0307-123X", "110***********123X"),
    ("１１０１０１１９９００３０７１２３４", "110***********1234"),
    ("110101\u200b19900307\u200b1234", "110***********1234"),
    ("老身份证110101900307123", "老身份证110********7123"),
    ("110101 900307 123", "110********7123"),
]

UNTOUCHED = [
    "#12 已受理",
    "/done 12 已修好",
    "2026-12-03 下午",
    "2026.12.03",
    "2026年12月3日 14:30",
    "10:30-12:00 停水",
    "3栋2单元",
    "3-2-501",
    "5栋1203室",
    "100元",
    "1,380,000元",
    "停了3天 20元",
    "门牌 12 号 13 号 14 号",
    "400-123-4567",  # a company's hotline is no one's number
    "110 119 120",
    "1234567",
    "订单号 123456789012345",  # 15 digits, but no date of birth in them
    "单号 202612031234567890",  # 18 digits, no ID either
    "12345678901",  # 11 digits that are no mobile
    "2026-12-03 2026-12-04",
    "快递 SF1234567890",
    "三栋二单元 一二三四五六七八九十",
    "13,800元",
    "一楼到九楼 三十六户",
]


@pytest.mark.parametrize(("raw", "masked"), MOBILES + LANDLINES + IDS)
def test_numbers_are_masked_however_they_are_typed(raw: str, masked: str):
    assert mask_personal(raw) == masked


@pytest.mark.parametrize(("raw", "masked"), MOBILES + LANDLINES + IDS)
def test_masked_numbers_leave_at_most_seven_digits_readable(raw: str, masked: str):
    out = mask_personal(raw)
    number = visible_digits(raw)
    # whatever prefix or area code stays, the middle of the number is gone
    assert number not in visible_digits(out)
    assert "****" in out


@pytest.mark.parametrize("text", UNTOUCHED)
def test_ordinary_numbers_are_left_alone(text: str):
    assert mask_personal(text) == text


def test_text_around_a_number_keeps_its_place():
    raw = "我是3栋2单元501的，电话 +86 138-1234-5678，下午2点前在家，#12 的事 2026-12-03 反映过"
    out = mask_personal(raw)
    assert (
        out == "我是3栋2单元501的，电话 +86 138****5678，下午2点前在家，#12 的事 2026-12-03 反映过"
    )
    before, _, after = raw.partition("138-1234-5678")
    assert out.startswith(before) and out.endswith(after)


def test_several_numbers_in_one_message():
    raw = f"张13812345678 李１５９ ８７６５ ４３２１ 座机010-87654321 证11010119900307123X{ZW}。"
    out = mask_personal(raw)
    # invisible characters glued to a number's end go with it (a keycap's marks, say)
    assert out == "张138****5678 李159****4321 座机010-****4321 证110***********123X。"


def test_escaped_numbers_are_found_only_when_asked():
    wide = "".join(f"\\u{0xFF10 + int(d):04x}" for d in "13912345678")
    written = r"'text': '138\u200b1234\u200b5678 " + wide + "'"
    assert mask_personal(written) == written  # a resident's backslashes are not escapes
    out = mask_personal(written, escapes=True)
    assert out == "'text': '138****5678 139****5678'"


def test_echo_masks_before_it_shortens():
    """A cut in the middle of a number must not leave ten of its digits showing."""
    shown_ = echo("电话 138 1234 5678 后面还有很多很多话", 12)
    assert "1234" not in shown_ and shown_.startswith("电话 138****") and shown_.endswith("…")


def test_names_places_and_titles_are_masked_and_escaped():
    assert shown("<王> 13812345678") == "&lt;王&gt; 138****5678"
    assert mention(Person(5, "王姐 138-1234-5678")) == (
        '<a href="tg://user?id=5">王姐 138****5678</a>'
    )
    assert mention(Person(None, "１３８１２３４５６７８")) == "138****5678"


PHONE = "+86 138-1234-5678"
WIDE = "１５９８７６５４３２１"


def assert_no_number(text: str) -> None:
    check_html(text)
    digits = visible_digits(text)
    assert "13812345678" not in digits and "15987654321" not in digits, text
    assert "138****5678" in text or "159****4321" in text, text


def test_every_post_of_the_ticket_masks_what_people_wrote():
    ticket = factories.ticket(
        7,
        location=f"3栋 {PHONE}",
        summary=f"电梯坏了，电话 {PHONE}",
        assignee_id=9001,
        assignee_name=f"小王{WIDE}",
        done_note=f"已修好，有问题打 {WIDE}",
        status=Status.DONE,
    )
    worker = Person(9001, f"小王 {PHONE}")
    resident = Person(501, f"张阿姨{WIDE}")
    history = [
        Event(7, 501, f"张阿姨 {PHONE}", "create", T0),
        Event(7, 9001, f"小王{WIDE}", "note", T0, f"联系了 {PHONE}"),
        Event(7, 9001, "小王", "done", T0, f"已修好 {WIDE}"),
        Event(7, 501, "张阿姨", "reopen", T0, f"还是坏的，打 {PHONE}"),
    ]
    later = T0 + timedelta(hours=1)
    posts = [
        TEXTS.ack_created(ticket),
        TEXTS.ack_merged(ticket),
        TEXTS.ack_batch([(ticket, True, resident)]),
        TEXTS.assigned(ticket, worker),
        TEXTS.done(ticket, [resident]),
        texts.rated_all_pleased(TEXTS.label(ticket), resident, Rating.SATISFIED, 2),
        texts.rated_recorded(TEXTS.label(ticket), resident, Rating.SATISFIED, [resident]),
        texts.also_unhappy(TEXTS.label(ticket), resident),
        texts.ask_again(TEXTS.label(ticket), [resident]),
        texts.verdict_line([(resident, Rating.SATISFIED), (resident, None)]),
        TEXTS.rated_reopened(ticket, resident),
        TEXTS.reason_forwarded(ticket, resident, f"没修好 {PHONE}"),
        TEXTS.reopened(ticket, resident, f"没修好 {WIDE}"),
        TEXTS.cancelled(ticket, resident, f"自己修了 {PHONE}"),
        TEXTS.progress(ticket, worker, f"师傅电话 {WIDE}"),
        TEXTS.merged_away(ticket, factories.ticket(8), f"3栋群 {PHONE}"),
        TEXTS.active_list([ticket], 1, later),
        TEXTS.ticket_detail(ticket, history, later),
        TEXTS.escalation(ticket, 1, f"3栋群 {PHONE}", later),
        TEXTS.reminder(ticket, later),
        TEXTS.mine([ticket], later),
        TEXTS.todo([ticket], 1, 0, later, titles={-1: f"3栋群 {PHONE}"}),
    ]
    for post in posts:
        assert_no_number(post)
    detail = TEXTS.ticket_detail(ticket, history, later)
    assert len(re.findall(r"138\*{4}5678|159\*{4}4321", detail)) >= 8


def test_digest_and_look_back_mask_names_places_and_titles():
    now = T0 + timedelta(hours=30)
    late = factories.ticket(
        3, location=f"2栋 {PHONE}", assignee_id=9001, assignee_name=f"小王 {PHONE}",
        summary=f"水管漏了 {WIDE}",
    )  # fmt: skip
    done = factories.ticket(4, status=Status.DONE, done_note=f"换好了 {WIDE}", done_at=now)
    digest = compose_digest(
        DigestData(f"3栋群 {WIDE}", now.date(), T0, now, [late], [done], [late], EMPTY, EMPTY),
        TEXTS,
    )
    assert digest is not None
    assert_no_number(digest)
    assert "小王 +86 138****5678" in digest and "换好了 159****4321" in digest
    spots = [factories.ticket(n, location=f"2栋 {PHONE}", created_at=now) for n in range(3)]
    look = compose_look_back(
        LookBackData(f"全社区 {WIDE}", now, spots, spots, EMPTY, {-1: f"3栋群 {PHONE}"}), TEXTS
    )
    assert_no_number(look)
    assert "3栋群 +86 138****5678 2栋 +86 138****5678【电梯】3 件" in look


def test_chart_titles_and_captions_mask_the_group_title():
    for title in (categories_chart_title(f"3栋群{WIDE}", "近四周", "11/01–11/28"),
                  trend_chart_title(f"3栋群 {PHONE}", 8)):  # fmt: skip
        assert "159****4321" in title or "138****5678" in title
        assert "15987654321" not in visible_digits(title)
        assert "13812345678" not in visible_digits(title)


def test_what_telegram_counts_of_the_bots_html_leaves_out_its_markup():
    assert visible_units('<a href="tg://user?id=12">张&amp;李</a> 🌸') == 6  # 张&李, space, 🌸 (2)


def test_what_a_command_was_typed_with_is_repeated_short_and_masked():
    """A category, a month or a mistyped command is repeated in the answer: a few characters
    of it, masked — 4,000 pasted ones would make an answer Telegram refuses."""
    names = {"lift": "电梯", "property": "物业服务"}
    for said in (
        texts.not_a_category("长" * 4000, names, 1),
        texts.mistyped_command("done" + "1" * 4000, "done " + "1" * 4000),
        texts.wide_slash("done " + "1" * 4000),
        texts.not_a_month("月" * 4090),
    ):
        check_html(said)
        assert len(said) < 400, said
    assert_no_number(texts.not_a_category(WIDE, names, None))
    assert_no_number(texts.not_a_month(PHONE))
    assert texts.mistyped_command("dnoe", "done").startswith("没有 /dnoe 这个命令")
