"""The request of a signed-in person, for the type checker: behind `login_required` (and DRF's IsAuthenticated)
`request.user` is a real user, never the anonymous one, so a view may read its email or filter by it."""

from django.contrib.auth.models import User
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class SignedInRequest(HttpRequest):
    """Annotates a `login_required` view's request; Django still passes a plain HttpRequest."""

    user: User
    htmx: HtmxDetails
