"""Where a ticket is still heard, as SQL conditions on `tickets` for the workers' lists and the
schedule: in a group the bot is in, and reported there live (not only an old ledger's row)."""

from __future__ import annotations

from storage.chats import MOVED

__all__ = ["IN_LIVE_GROUP", "REPORTED_LIVE", "TO_TAKE"]

# A group the bot left (or one known only from an imported ledger); one it never saw is live.
_GONE = "SELECT 1 FROM chats c WHERE c.chat_id = {0} AND (c.active = 0 OR c.kind = 'ledger')"
# Its own group still has the bot, or another group whose report went into it does (merged
# across groups: that group's residents still wait on it).
IN_LIVE_GROUP = (
    f"(NOT EXISTS ({_GONE.format('tickets.chat_id')}) "
    "OR EXISTS (SELECT 1 FROM reports g WHERE g.ticket_id = tickets.id AND g.chat_id < 0 "
    f"AND g.chat_id <> tickets.chat_id AND NOT EXISTS ({_GONE.format('g.chat_id')})))"
)
# Someone reported it in a group, not only an old ledger's row (its report numbered -1, -2 …):
# a message's id, or one retired below -MOVED when its group became a supergroup.
REPORTED_LIVE = (
    "EXISTS (SELECT 1 FROM reports r WHERE r.ticket_id = tickets.id "
    f"AND (r.message_id > 0 OR r.message_id < -{MOVED}))"
)
# Waiting for a worker to take it, where someone reported it live.
TO_TAKE = f"status = 'open' AND {IN_LIVE_GROUP} AND {REPORTED_LIVE}"
