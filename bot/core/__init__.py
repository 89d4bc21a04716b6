"""Pure rules of the loop: tickets, statuses and moves, deadlines, escalation, merging, rates."""
