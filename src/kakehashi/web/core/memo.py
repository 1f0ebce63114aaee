"""Remember an expensive result until anything changes: keyed by the change log's newest row, which every
create, update and delete adds to (changelog.py), so a stale result is never served."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.core.cache import cache
from django.db.models import Max

from kakehashi.web.core.models import Change

TIMEOUT_SECONDS = 600


def data_stamp() -> int:
    return Change.objects.aggregate(top=Max("id"))["top"] or 0


_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


def _lock_for(key: str) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(key, threading.Lock())


def until_next_change[T](key: str, compute: Callable[[], T]) -> T:
    full_key = f"kakehashi:{key}:{data_stamp()}"
    found = cache.get(full_key)
    if found is None:
        # Threads of one process asking for the same missing result wait for the first one's, instead of all
        # computing it at once (a crowd opening their feeds after a change would otherwise stall a worker).
        with _lock_for(key):
            found = cache.get(full_key)
            if found is None:
                found = compute()
                cache.set(full_key, found, TIMEOUT_SECONDS)
    return found  # type: ignore[no-any-return]
