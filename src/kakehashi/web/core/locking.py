"""Decisions that must not be lost: two people approving and refusing the same thing at the same moment.

Inside a transaction, `lock()` takes the row's lock and reads the row again, so the state a decision checks
is the state it changes: the second decision waits for the first, then sees it and is refused. (PostgreSQL
locks the row; SQLite runs write transactions one at a time — `transaction_mode` IMMEDIATE in env.py.)"""

from __future__ import annotations

from django.db import models, transaction


def lock[M: models.Model](instance: M) -> M:
    """The instance, refreshed from its row under a lock held until the surrounding transaction ends."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock() holds a row only inside transaction.atomic()")
    instance.refresh_from_db(from_queryset=type(instance)._default_manager.select_for_update())
    return instance
