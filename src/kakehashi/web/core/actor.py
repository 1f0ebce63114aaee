"""Who is acting, for the change log: the request's user and id, or what a command or task sets."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Actor:
    user: Any = None
    request_id: str = ""


NOBODY = Actor()  # frozen, so sharing it as the default is safe
_current: ContextVar[Actor] = ContextVar("kakehashi_actor", default=NOBODY)


def current_actor() -> Actor:
    return _current.get()


@contextlib.contextmanager
def acting_as(user: Any = None, request_id: str = "") -> Iterator[None]:
    token = _current.set(
        Actor(user if user is not None and getattr(user, "is_authenticated", False) else None, request_id)
    )
    try:
        yield
    finally:
        _current.reset(token)
