"""The task queues, by how long their jobs take. A solve holds its worker for minutes (a prefecture's week);
a cover proposal for a sick day, or a mail, takes seconds and must not wait behind one. Each queue has
workers of its own (`kakehashi manage db_worker --queue-name solves`, docs/deployment.md), so a long solve
never delays a cover. Plain names, no Django: the command line reads them before Django is set up."""

from __future__ import annotations

# Timetable solves: minutes each, as many at once as there are workers on this queue.
SOLVES = "solves"
# Everything a person waits on in seconds: cover proposals for an absence, mails.
QUICK = "quick"
ALL = (QUICK, SOLVES)
