"""Which language a person reads: the one they last chose with the language switch (stored for notices and
emails, which are written when they are not looking), else the site's default."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.views.i18n import set_language

from kakehashi.web.core.models import LanguagePreference


def language_of(user: Any) -> str:
    """The user's language: their last choice, else the site's (KAKEHASHI_LANGUAGE)."""
    if user is None or getattr(user, "pk", None) is None:
        return settings.LANGUAGE_CODE
    chosen = LanguagePreference.objects.filter(user_id=user.pk).values_list("language", flat=True).first()
    return chosen or settings.LANGUAGE_CODE


def by_language(users: Iterable[Any]) -> dict[str, list[Any]]:
    """The users grouped by the language they read, in one query."""
    unique = {u.pk: u for u in users if u is not None}
    chosen = dict(LanguagePreference.objects.filter(user_id__in=list(unique)).values_list("user_id", "language"))
    groups: dict[str, list[Any]] = {}
    for pk, user in unique.items():
        groups.setdefault(chosen.get(pk, settings.LANGUAGE_CODE), []).append(user)
    return groups


def written_in(language: str, text: str | Callable[[], str]) -> str:
    """`text` (words, or a function that words it with gettext) in `language`."""
    if isinstance(text, str):
        return text
    with translation.override(language):
        return text()


def choose_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, and the choice kept for a signed-in user's notices and emails."""
    response = set_language(request)
    chosen = request.POST.get("language", "")
    if request.method == "POST" and request.user.is_authenticated and chosen in dict(settings.LANGUAGES):
        LanguagePreference.objects.update_or_create(user=request.user, defaults={"language": chosen})
    return response
