"""People as others and they themselves read them on a page: by name, never by login name."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kakehashi.web.people.models import Participant


def person_name(user: Any) -> str:
    """A person as colleagues know them: the participant's name they log in as (in katakana for a Japanese
    reader, when on file), else their full name, else their email address. A login name is never shown: it
    is a key for signing in, chosen by whoever made the account."""
    if user is None:
        return "—"
    participant = Participant.objects.filter(user=user).only("name", "name_katakana").first()
    if participant is not None:
        japanese = (get_language() or "").startswith("ja")
        return participant.name_katakana if japanese and participant.name_katakana else participant.name
    full_name: str = user.get_full_name()
    if full_name:
        return full_name
    return str(user.email) if user.email else _("someone without a name on file")
