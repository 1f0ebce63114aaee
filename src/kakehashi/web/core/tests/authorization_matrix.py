"""The machinery of the authorization matrix (test_authorization_matrix.py holds its tables): every named route
from the URL resolver, what a route's URL and body are for a side's object, one request in a savepoint that is
rolled back, and what an answer means — allowed, denied, or neither."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kakehashi.web.core.tests.authorization_world import NEW_IDS, SOUTH_IDS, Furnished

METHODS = ("get", "post", "put", "patch", "delete")
REDIRECTS = (301, 302, 303, 307, 308)
# Where a refused visitor is sent to sign in: the site's login, the admin's, and the applicants' sign-up.
LOGIN_PATHS = ("/accounts/login/", "/admin/login/", "/recruit/signup/")


# --- routes ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str  # namespaced, e.g. "api:school-detail"
    pattern: str  # the URL pattern, for the report
    kwargs: tuple[str, ...]  # the names the URL needs
    methods: tuple[str, ...] | None  # what the view answers when the view says so itself (DRF), else None


def _methods(callback: Any) -> tuple[str, ...] | None:
    actions = getattr(callback, "actions", None)  # a DRF viewset's route: method → action
    if actions:
        return tuple(m for m in METHODS if m in actions)
    view_class = getattr(callback, "cls", None)  # a DRF APIView: the methods it has handlers for
    if view_class is not None:
        return tuple(m for m in METHODS if hasattr(view_class, m))
    return None


def every_route() -> list[Route]:
    """Every named route, walking includes and namespaces (the admin's too)."""
    found: dict[str, Route] = {}

    def walk(resolver: URLResolver, prefix: str, namespace: str | None) -> Iterator[Route]:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = namespace
                if entry.namespace:
                    inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                yield from walk(entry, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern) and entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                pattern = prefix + str(entry.pattern)
                converters = tuple(entry.pattern.converters) if hasattr(entry.pattern, "converters") else ()
                regex_names = tuple(re.compile(pattern.lstrip("^")).groupindex) if not converters else ()
                yield Route(name, pattern, converters or regex_names, _methods(entry.callback))

    for route in walk(get_resolver(), "/", None):
        found.setdefault(route.name, route)  # reverse() finds the first of a name; so do we
    return sorted(found.values(), key=lambda r: r.name)


# --- targets ---------------------------------------------------------------------------------------------------

SideFn = Callable[[Furnished], dict[str, Any]]


@dataclass(frozen=True)
class Target:
    """How a route is asked about a side's object: its URL kwargs, query, or request body (`data`), and which
    methods. With none of kwargs/query/data naming an object (`sideless`), the route is asked once, not per
    side. `mixed` builds kwargs from the own side's parent and the other side's child (always refused).
    `public`: the object is public by design (a posting, a capability URL), so every side's is the same."""

    kwargs: SideFn | None = None
    query: SideFn | None = None
    data: SideFn | None = None
    methods: tuple[str, ...] | None = None
    mixed: Callable[[Furnished, Furnished], dict[str, Any]] | None = None
    public: bool = False
    sideless: bool | None = None
    label: str = ""

    @property
    def names_no_object(self) -> bool:
        if self.sideless is not None:
            return self.sideless
        return self.kwargs is None and self.query is None and self.data is None


def target(**fields: Any) -> Target:
    return Target(**fields)


# --- asking ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Asked:
    route: str
    label: str
    method: str
    side: str  # "own", "other", "mixed" or "none"
    url: str
    status: int
    location: str
    verdict: str  # "allow", "deny", "answer" (a 4xx that is neither), "error" (5xx)
    body: bytes
    content_type: str


def url_of(route: Route, kwargs: dict[str, Any], query: dict[str, Any] | None) -> str:
    url = reverse(route.name, kwargs=kwargs or None)
    return f"{url}?{urlencode(query)}" if query else url


def _body(response: HttpResponse) -> bytes:
    if getattr(response, "streaming", False):
        # A FileResponse, read to its end: the test client closes it then, with the signal that would close the
        # database connection unhooked (closing it again here would close it, and the world with it).
        return b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return response.content


def ask(client: Client, method: str, url: str, data: dict[str, Any] | None) -> tuple[HttpResponse, bytes, str]:
    """One request, inside a savepoint rolled back afterwards (and the client's cookies put back), so a POST that
    is allowed changes nothing the next request sees, and a logout or a new session does not stick. A redirect
    is followed (in the same savepoint) to where it ends, so that one ending at a login page reads as a deny.
    Returns the first response, its body, and the path the redirects end at ("" when none)."""
    api = url.startswith("/api/")
    cookies = copy.deepcopy(client.cookies)
    try:
        with transaction.atomic():
            if method == "get":
                response = client.get(url)
            elif api or method != "post":
                response = getattr(client, method)(url, data=json.dumps(data or {}), content_type="application/json")
            else:
                response = client.post(url, data=data or {})
            body = _body(response)
            ends = ""
            following: HttpResponse = response
            for _hop in range(5):
                location = following.get("Location", "") if following.status_code in REDIRECTS else ""
                if not location:
                    break
                ends = urlsplit(location).path
                if ends in LOGIN_PATHS or urlsplit(location).netloc:
                    break
                following = client.get(location)
                _body(following)
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    return response, body, ends


def verdict(response: HttpResponse, ends: str) -> tuple[str, str]:
    """("allow" | "deny" | "answer" | "error", the redirect's location). A redirect is a deny when its chain
    ends at a login page (the admin sends a non-staff user to its index, which sends them to sign in)."""
    status = response.status_code
    location = response.get("Location", "") if status in REDIRECTS else ""
    if status >= 500:
        return "error", location
    if status in (401, 403, 404, 405):
        return "deny", location
    if location:
        return ("deny" if ends in LOGIN_PATHS else "allow"), location
    if status < 300:
        return "allow", location
    return "answer", location  # 400, 409, 422: the view read the request and refused its content


def refuses_field(asked: Asked, fields: set[str]) -> bool:
    """A 400 whose errors are on the very field that named the other side's object: the form's choice refused it
    ("not among yours"), as good as a 404 for a body."""
    if asked.status != 400 or "json" not in asked.content_type:
        return False
    try:
        errors = json.loads(asked.body)
    except ValueError:
        return False
    return isinstance(errors, dict) and bool(fields & set(errors))


# --- what must never show --------------------------------------------------------------------------------------

# Keys of the API's JSON whose numbers are ids of objects.
ID_KEYS = {
    "id",
    "program",
    "organization",
    "board",
    "parent",
    "cycle",
    "session",
    "version",
    "sea_request",
    "weekend_work",
    "application",
    "participant",
    "school",
}


def markers(other: Furnished) -> list[str]:
    """Strings that name the other side's objects: a page or answer for this side must carry none of them."""
    side = other.side
    names = [
        side.program.name,
        side.board.name,
        *(s.code for s in side.schools),
        *(a.code for a in side.alts),
        *(u.username for u in side.users.values()),
        other["event"].name,
        other["session"].title,
        other["notice"].subject,
        other["cycle"].name,
        other["change_request"].message,
        other["calendar_token"].token,
    ]
    return sorted(set(names), key=len, reverse=True)


def _json_ids(value: Any, key: str = "") -> Iterator[int]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _json_ids(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _json_ids(v, key)
    elif isinstance(value, int) and not isinstance(value, bool) and key in ID_KEYS:
        yield value


def foreign_content(asked: Asked, words: list[str]) -> str | None:
    """The first sign of the other side in an answer's text (a name, a code, an id), or None."""
    kind = asked.content_type
    if not any(t in kind for t in ("text/", "json", "javascript", "csv")):
        return None  # Excel, PDF: binary
    text = asked.body.decode("utf-8", "replace")
    for word in words:
        if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text):
            return repr(word)
    if "json" in kind:
        try:
            body = json.loads(text)
        except ValueError:
            return None
        foreign = [i for i in _json_ids(body) if SOUTH_IDS < i < NEW_IDS]  # a row made by the request: above
        if foreign:
            return f"id {foreign[0]}"
    return None
