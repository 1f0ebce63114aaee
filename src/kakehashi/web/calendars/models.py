"""School events in the database; the pure core (kakehashi.schoolyear) decides what each date is."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kakehashi.schoolyear import EventKind
from kakehashi.web.core.models import Tracked
from kakehashi.web.organizations.models import Organization
from kakehashi.web.schools.models import School


class Event(Tracked):
    """An event at one school, or at every school of a board (sports day, tests, closures, shortened days)."""

    KIND_CHOICES = [
        (EventKind.SPORTS_DAY.value, _("sports day")),
        (EventKind.CULTURE_FESTIVAL.value, _("culture festival")),
        (EventKind.TEST.value, _("tests")),
        (EventKind.CLOSURE.value, _("closure")),
        (EventKind.SHORTENED.value, _("shortened day")),
        (EventKind.CEREMONY.value, _("ceremony")),
    ]

    board = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("board (every school)"),
    )
    school = models.ForeignKey(
        School, null=True, blank=True, on_delete=models.CASCADE, related_name="events", verbose_name=_("school")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=KIND_CHOICES)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(
        _("name in English"), max_length=200, blank=True, help_text=_("Shown to English readers, e.g. Sports day.")
    )
    starts = models.DateField(_("starts"))
    ends = models.DateField(_("ends"))

    class Meta:
        ordering = ["starts", "id"]
        verbose_name = _("school event")
        verbose_name_plural = _("school events")

    def __str__(self) -> str:
        return f"{self.starts} {self.display_name}"

    @property
    def display_name(self) -> str:
        """The name the school gave it (運動会), or its English name to an English reader when it has one."""
        return self.name_en if self.name_en and not (get_language() or "").startswith("ja") else self.name

    def clean(self) -> None:
        if (self.board_id is None) == (self.school_id is None):
            raise ValidationError(
                _("An event belongs to one school or to one board.")
            )
        # A date the form could not read is already reported on its field; there is nothing to compare.
        if self.starts is not None and self.ends is not None and self.ends < self.starts:
            raise ValidationError({"ends": _("The event ends before it starts.")})
