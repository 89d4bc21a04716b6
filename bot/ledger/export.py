"""The ledger as data: one record per ticket, written as JSON lines or CSV."""

from __future__ import annotations

import codecs
import csv
import json
import re
from collections.abc import AsyncIterator, Iterable
from typing import Any, TextIO

from bot.core.tickets import Report, Ticket, solved_result, standing_verdicts

__all__ = ["EXPORT_FIELDS", "spreadsheet_safe", "ticket_record", "write_csv", "write_jsonl"]

EXPORT_FIELDS = (
    "id",
    "chat_id",
    "category",
    "status",
    "location",
    "urgent",
    "created_at",
    "assignee_id",
    "assigned_at",
    "done_at",
    "done_note",
    "rating",
    "households_rated",
    "households_pleased",
    "due_at",
    "escalation_level",
    "team",
    "reports",
)


def _time(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def ticket_record(ticket: Ticket, reports: Iterable[Report]) -> dict[str, Any]:
    """A ticket as exported: UTC ISO times, full texts (exports are for workers). done_at and
    done_note are those of a solved ticket (as the ledger's 办结时间 and 办理结果): one reopened
    as not fixed has neither; its verdicts are those that still stand, as 满意率 counts them."""
    done_at, done_note = solved_result(ticket)
    rating, rated, pleased = standing_verdicts(ticket)
    return {
        "id": ticket.id,
        "chat_id": ticket.chat_id,
        "category": ticket.category,
        "status": ticket.status.value,
        "location": ticket.location,
        "urgent": ticket.urgent,
        "created_at": _time(ticket.created_at),
        "assignee_id": ticket.assignee_id,
        "assigned_at": _time(ticket.assigned_at),
        "done_at": _time(done_at),
        "done_note": done_note,
        "rating": rating,
        "households_rated": rated,
        "households_pleased": pleased,
        "due_at": _time(ticket.due_at),
        "escalation_level": ticket.escalation_level,
        "team": ticket.team,
        "reports": [
            {
                "chat_id": r.chat_id,
                "message_id": r.message_id,
                "user_id": r.user_id,
                "text": r.text,
                "received_at": _time(r.received_at),
                "staff": r.staff,
            }
            for r in reports
        ],
    }


async def write_jsonl(rows: AsyncIterator[tuple[Ticket, list[Report]]], out: TextIO) -> int:
    count = 0
    async for ticket, reports in rows:
        out.write(json.dumps(ticket_record(ticket, reports), ensure_ascii=False) + "\n")
        count += 1
    return count


# A spreadsheet opening a CSV reads a cell starting with one of these as a formula (and may run
# it): text from a group or a worker's note must not (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_BOM = "\ufeff"  # how Excel knows a CSV is UTF-8
# Excel keeps 15 significant digits (an 18-digit 编号 is rounded when the CSV is opened) and
# shows 12 digits and more as -1.00123E+12 (and saves the CSV so): such a number is written as
# ="…", a constant text cell, which holds nothing but digits (nothing a spreadsheet can run).
_LONG_NUMBER = re.compile(r"-?\d{12,}")


def spreadsheet_safe(value: object) -> object:
    """A long number (or text of its digits) is written ="…"; other text that would start a
    formula gets a leading apostrophe; other values pass."""
    if isinstance(value, int | str) and _LONG_NUMBER.fullmatch(str(value)):
        return f'="{value}"'
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


async def write_csv(rows: AsyncIterator[tuple[Ticket, list[Report]]], out: TextIO) -> int:
    """CSV with the same columns; `reports` holds the JSON list of reports. Text that a
    spreadsheet would take for a formula, and numbers too long for it, are kept as text (see
    `spreadsheet_safe`). It starts with the UTF-8 byte order mark: without it Excel on Windows
    reads the file in the system's code page (GBK in China), and every resident's word comes
    out garbled. (Written in another encoding — a Windows console's GBK — it needs none, and
    GBK has no BOM.)"""
    encoding = getattr(out, "encoding", None)
    if encoding is None or codecs.lookup(encoding).name == "utf-8":
        out.write(_BOM)
    writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS)
    writer.writeheader()
    count = 0
    async for ticket, reports in rows:
        record = ticket_record(ticket, reports)
        record["reports"] = json.dumps(record["reports"], ensure_ascii=False)
        writer.writerow({key: spreadsheet_safe(value) for key, value in record.items()})
        count += 1
    return count
