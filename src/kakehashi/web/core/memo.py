"""Remember an expensive result until anything changes: keyed by the change log's newest row, which every
create, update and delete adds to (changelog.py), so a stale result is never served."""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache
from django.db.models import Max

from kakehashi.web.core.models import Change

TIMEOUT_SECONDS = 600


def data_stamp() -> int:
    return Change.objects.aggregate(top=Max("id"))["top"] or 0


def until_next_change[T](key: str, compute: Callable[[], T]) -> T:
    full_key = f"kakehashi:{key}:{data_stamp()}"
    found = cache.get(full_key)
    if found is None:
        found = compute()
        cache.set(full_key, found, TIMEOUT_SECONDS)
    return found  # type: ignore[no-any-return]
