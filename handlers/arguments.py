"""The words of a command: ticket numbers as phones type them, and the note after them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

__all__ = [
    "MAX_TICKET_NUMBER",
    "parse_ticket_number",
    "plain",
    "rest_text",
    "split_number",
    "split_numbers",
]

MAX_TICKET_NUMBER = 2**53
_NUMBER = re.compile(r"^[#＃№]?(\d{1,16})号?$")  # `12号`: ticket 12 (`12号楼` is no number)
# `12，已更换灯泡`: a number and a comma typed without a space, as a phone's Chinese keyboard does
_NUMBER_THEN = re.compile(r"^([#＃№]?[0-9０-９]{1,16}号?)[,，:：;；。、]+(.*)$", re.DOTALL)


def plain(argument: str) -> str:
    """An argument as a number, a month, a date or a category is read: NFKC, so that what a
    Chinese phone types in full width (`２０２６－１１`, `＃１２`, `ｌｉｆｔ`) reads as ASCII.
    Never for words kept as written (a note, a reason, /new's text)."""
    return unicodedata.normalize("NFKC", argument).strip()


def parse_ticket_number(argument: str) -> int | None:
    """`12`, `#12`, `＃１２`, `12号` → 12; anything else (negative, huge, words) → None."""
    match = _NUMBER.match(plain(argument))
    if not match:
        return None
    number = int(match.group(1))
    return number if 0 < number < MAX_TICKET_NUMBER else None


def split_number(args: Sequence[str]) -> tuple[int | None, list[str]]:
    """The ticket number (first argument) and the rest of the arguments; a number followed by a
    comma or a colon without a space (`12，已修好`, `12、15`) is read as if spaced."""
    if not args:
        return None, []
    number = parse_ticket_number(args[0])
    joined = _NUMBER_THEN.match(args[0]) if number is None else None
    if joined is None:
        return number, list(args[1:])
    after = [joined.group(2)] if joined.group(2) else []
    return parse_ticket_number(joined.group(1)), [*after, *args[1:]]


_MORE_NUMBERS = re.compile(r"^[#＃№]?[0-9０-９]{1,7}$")  # not a phone number starting a note
_SEPARATORS = re.compile(r"[,，;；、]+")
_LEADING_PART = re.compile(r"^[,，;；、]*[^,，;；、]+[,，;；、]*")
# `/done 12 3 号楼已修好`: a number whose next word starts with a unit counts something in the
# note (a building, a floor, two pumps), it names no ticket — a unit, not a word that only
# starts like one (`/done 5 6 小区大门已修好`, 门禁, 楼道, 天然气, 排水 close #6 too)
_UNIT_AFTER = re.compile(
    r"^(?:号|栋|幢|座|单元|层|期|盏|块|吨|米|小时|年|日|月|"
    r"楼(?![道梯顶])|室(?![内外])|户(?![外内型])|门(?![禁口卫岗厅窗锁前])|区(?!域)|"
    r"排(?![水污气风查])|台(?![阶风])|个(?![别人])|次(?![日])|位(?![置])|"
    r"天(?![然台井花窗线气])|点(?![位击赞])|分(?![户配别])|度|元(?![旦件器]))"
)


def split_numbers(args: Sequence[str]) -> tuple[list[int], list[str]]:
    """The ticket numbers a command names (`1、2、5`, `1, 2 5`, `#1 #2`) and the rest of the
    arguments; one number as `split_number` reads it. A note starts at the first word that is
    no ticket number (a phone number is a note's)."""
    first, rest = split_number(args)
    if first is None:
        return [], rest
    numbers, words = [first], list(rest)
    while words:
        if len(words) > 1 and _UNIT_AFTER.match(words[1]) and _MORE_NUMBERS.match(words[0]):
            break
        parts = [part for part in _SEPARATORS.split(words[0]) if part]
        taken = 0
        for part in parts:
            number = parse_ticket_number(part) if _MORE_NUMBERS.match(part) else None
            if number is None:
                break
            numbers.append(number)
            taken += 1
        if taken < len(parts):  # words after the numbers: the note begins there
            for _ in range(taken):  # the numbers read off the word, the rest as written
                words[0] = _LEADING_PART.sub("", words[0], count=1)
            break
        words.pop(0)
    return list(dict.fromkeys(numbers)), words


def rest_text(words: Sequence[str], limit: int = 500) -> str | None:
    """The words after the ticket number as one text (a note, a reason), or None."""
    return " ".join(words).strip()[:limit] or None
