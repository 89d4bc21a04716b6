"""Phone and ID numbers hidden in whatever the bot repeats or writes to its logs. Pure.

Normalise first, then mask: the text is folded into a plain view (any decimal digit → 0-9,
invisible characters such as U+200B or a keycap's marks dropped, every dash → "-", full-width
"＋（）．" → ASCII), numbers are found in that view however they are spaced (138 1234 5678,
+86-138-1234-5678, (021)1234 5678, 110101 19900307 123X), and only their digits are replaced
in the original text (with the invisible characters inside a number and right after it):
everything around a number keeps its place.

Found: mobiles (11 digits from 13x to 19x, with +86 / 86 / 0086 before them or not), landlines
with an area code (0xx or 0xxx, or +86 and the code without its 0), and ID card numbers (18
digits, the last one may be X; or the 15 of the old cards) whose date of birth is a date.
Left alone: ticket numbers (#12), dates, times, addresses (3栋2单元, 3-2-501), amounts, order
numbers that are no ID, and every number too short to be one of these.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from bot.core.tickets import Ticket

__all__ = ["as_seen_in", "building_only", "mask_personal"]

# Between two digits of one number: up to three spaces, or a mark or two (dash, dot, comma,
# slash, underscore, tilde; 、 and ， fold to a comma) with spaces around.
_SEP = r"(?: {0,3}[-.,/_~]{1,2} {0,3}| {1,3})"
_S = f"{_SEP}?"


def _digits(count: str) -> str:
    """`count` more digits, each after an optional separator."""
    return rf"(?:{_S}[0-9]){{{count}}}"


_AREA = r"0[1-9][0-9]{1,2}"
# Tried in this order at every place where a number may start (right after a non-digit).
_ID18 = re.compile(rf"(?P<id>[1-8]{_digits('16')}{_S}[0-9Xx])(?![0-9])")
_ID15 = re.compile(rf"(?P<id>[1-8]{_digits('14')})(?![0-9])")
_MOBILE = re.compile(
    rf"(?:(?:\+|00)?86{_S})?(?P<mobile>\(?1{_S}[3-9]{_S}[0-9]\)?{_digits('8')})(?![0-9])"
)
_LANDLINE = re.compile(
    rf"(?:\({_AREA}\)|{_AREA}|(?:(?:\+|00)86{_S}|86{_SEP})\(?[1-9][0-9]{{1,2}}\)?)"
    rf"{_S}(?P<local>[0-9]{_digits('6,7')})(?![0-9])"
)
_PATTERNS = (_ID18, _ID15, _MOBILE, _LANDLINE)
_STARTS = re.compile(r"(?<![0-9])[0-9+(]")

# Digits written the Chinese way (一三九…, 幺, the financial 壹贰叁) are digits too: residents use
# them to slip a number past a filter.
_CJK_DIGITS = {c: str(n) for n, cs in enumerate(("〇零", "一幺壹", "二贰", "三叁", "四肆", "五伍",
               "六陆", "七柒", "八捌", "九玖")) for c in cs}  # fmt: skip
_CJK = "".join(_CJK_DIGITS)
_ANY_DIGIT = re.compile(rf"[\d{_CJK}\u00b2\u00b3\u00b9\u2070-\u2079\u2460-\u24ff\u2776-\u2793]")
# What may fold to something else: what is neither printable ASCII (space included) nor a
# common Chinese character (but a Chinese digit); and, when asked, an escape such as \u200b.
_ODD = re.compile(rf"[^\x20-\x7e\u4e00-\u9fff]|[{_CJK}]")
_ODD_OR_ESCAPE = re.compile(
    rf"\\u[0-9a-fA-F]{{4}}|\\U[0-9a-fA-F]{{8}}|\\x[0-9a-fA-F]{{2}}|[^\x20-\x7e\u4e00-\u9fff]|[{_CJK}]"
)
_ASCII_SPACES = str.maketrans({c: " " for c in "\t\n\r\x0b\x0c"})
_DOTS = frozenset("．｡·・")
_COMMAS = frozenset("，、､")
_KEPT = frozenset("+()Xx")
_INVISIBLE = frozenset(("Cf", "Mn", "Me"))


@lru_cache(maxsize=4096)
def _fold(char: str) -> str:
    """One character of the plain view: a digit, a separator, "" (invisible), or itself."""
    if char.isascii():
        return " " if char.isspace() else char
    if char in _CJK_DIGITS:
        return _CJK_DIGITS[char]
    if char.isdigit():  # any script's digits, circled ①, superscript ¹ …
        return str(unicodedata.digit(char))
    kind = unicodedata.category(char)
    if kind in _INVISIBLE:
        return ""
    if char.isspace():
        return " "
    if kind == "Pd" or char == "−":
        return "-"
    if char in _DOTS:
        return "."
    if char in _COMMAS:
        return ","
    folded = unicodedata.normalize("NFKC", char)
    return folded if folded in _KEPT else char


def _plain_view(text: str, escapes: bool) -> tuple[str, Sequence[int]]:
    """The folded text and, for each of its characters (and its end), where it starts in
    `text`. With `escapes`, a written `\\u200b` or `\\xa0` (as a log's repr shows them) counts
    as the character it stands for."""
    if text.isascii() and not (escapes and "\\" in text):
        return text.translate(_ASCII_SPACES), range(len(text) + 1)
    pieces: list[str] = []
    starts: list[int] = []
    at = 0
    # Characters that stay themselves are copied a run at a time; the others one by one.
    for odd in (_ODD_OR_ESCAPE if escapes else _ODD).finditer(text):
        pieces.append(text[at : odd.start()])
        starts.extend(range(at, odd.start()))
        written = odd.group()
        char = chr(min(int(written[2:], 16), 0x10FFFF)) if len(written) > 1 else written
        folded = _fold(char)
        if folded:
            pieces.append(folded)
            starts.append(odd.start())
        at = odd.end()
    pieces.append(text[at:])
    starts.extend(range(at, len(text) + 1))
    return "".join(pieces), starts


def _plausible_id(digits: str) -> bool:
    """An ID card number carries a date of birth: yyyymmdd (18 digits) or yymmdd (15)."""
    if len(digits) == 18:
        year, month, day = int(digits[6:10]), int(digits[10:12]), int(digits[12:14])
        if not 1900 <= year <= 2099:
            return False
    else:
        month, day = int(digits[8:10]), int(digits[10:12])
    return 1 <= month <= 12 and 1 <= day <= 31


def _masked(match: re.Match[str]) -> tuple[str, str] | None:
    """(group, what replaces it) for a number worth hiding, else None."""
    group = next(g for g in ("id", "mobile", "local") if match.groupdict().get(g) is not None)
    digits = re.sub(r"[^0-9Xx]", "", match.group(group))
    if group == "id":
        if not _plausible_id(digits):
            return None
        return group, digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
    if group == "mobile":
        return group, digits[:3] + "****" + digits[-4:]
    return group, "****" + digits[-4:]


def _numbers(plain: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) in the plain view, left to right, never overlapping."""
    found: list[tuple[int, int, str]] = []
    after = 0
    for start in _STARTS.finditer(plain):
        if start.start() < after:
            continue
        for pattern in _PATTERNS:
            match = pattern.match(plain, start.start())
            masked = _masked(match) if match is not None else None
            if match is not None and masked is not None:
                group, replacement = masked
                found.append((match.start(group), match.end(group), replacement))
                after = match.end()
                break
    return found


def mask_personal(text: str, *, escapes: bool = False) -> str:
    """`text` with phone and ID card numbers hidden (138****5678, 110***********1234,
    010-****5678), however they are typed; everything else as it was. With `escapes`, numbers
    written with escapes (`138\\u200b1234…`, as in a log line's repr) are found too."""
    if len(_ANY_DIGIT.findall(text)) < 7:
        return text
    plain, starts = _plain_view(text, escapes)
    found = _numbers(plain)
    if not found:
        return text
    parts: list[str] = []
    done = 0
    for start, end, replacement in found:
        parts.append(text[done : starts[start]])
        parts.append(replacement)
        done = starts[end]
    parts.append(text[done:])
    return "".join(parts)


# A flat's number at the end of a place: 3-2-501, 2单元301, 3栋1202室.
_FLAT = re.compile(r"[-—\s]?[0-9]{3,4}(室|号|房|户)?$")


def building_only(location: str | None) -> str | None:
    """The place without a flat's number, for another group's eyes ("3-2-501" → "3-2",
    "3栋2单元501" → "3栋2单元", "1202" → None): a merged ticket names where the problem is,
    not which household reported it."""
    if not location:
        return location
    return _FLAT.sub("", location).rstrip("-— ") or None


def as_seen_in(ticket: Ticket, chat_id: int) -> Ticket:
    """The ticket as a chat may see it: its own group and a private chat (a worker) see the
    flat's number, another group (its report merged into this ticket) only the building."""
    if chat_id == ticket.chat_id or chat_id > 0:
        return ticket
    return replace(ticket, location=building_only(ticket.location))
