"""Each request gets an id (echoed in the X-Request-ID header) and is the actor of its changes."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from kakehashi.web.core.actor import acting_as


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = str(uuid.uuid4())
        with acting_as(getattr(request, "user", None), request_id):
            response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response
