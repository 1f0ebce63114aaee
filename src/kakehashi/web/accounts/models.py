"""Roles with the objects they are scoped to. A user may hold several (a coordinator of two programs)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kakehashi.web.core.models import Tracked
from kakehashi.web.organizations.models import Organization, Program
from kakehashi.web.people.models import Participant


class Role(Tracked):
    class Kind(models.TextChoices):
        ADMINISTRATOR = "administrator", _("administrator")
        COORDINATOR = "coordinator", _("coordinator")
        SUPERVISOR = "supervisor", _("organization supervisor")
        SCHOOL_STAFF = "school_staff", _("school staff / JTE")
        PARTICIPANT = "participant", _("participant")
        APPLICANT = "applicant", _("applicant")

    # What each kind is scoped to: the one object field it needs.
    SCOPE_FIELD = {
        Kind.ADMINISTRATOR: None,
        Kind.COORDINATOR: "program",
        Kind.SUPERVISOR: "organization",
        Kind.SCHOOL_STAFF: "organization",
        Kind.PARTICIPANT: "participant",
        Kind.APPLICANT: None,
    }

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField(_("role"), max_length=14, choices=Kind.choices)
    program = models.ForeignKey(Program, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    participant = models.ForeignKey(Participant, null=True, blank=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["user", "kind"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        scope = self.program or self.organization or self.participant
        return f"{self.user} – {self.get_kind_display()}" + (f" ({scope})" if scope else "")

    def clean(self) -> None:
        needed = self.SCOPE_FIELD[self.Kind(self.kind)]
        given = {name for name in ("program", "organization", "participant") if getattr(self, f"{name}_id")}
        if given != ({needed} if needed else set()):
            raise ValidationError(
                _("A %(role)s role is scoped to exactly: %(scope)s.")
                % {"role": self.get_kind_display(), "scope": needed or "nothing"}
            )
        if self.kind == self.Kind.SUPERVISOR and self.organization and self.organization.kind == "school":
            raise ValidationError(
                _("A supervisor oversees a board or office, not a school.")
            )
        if self.kind == self.Kind.SCHOOL_STAFF and self.organization and self.organization.kind != "school":
            raise ValidationError(_("School staff belong to a school."))


class AttemptCount(models.Model):
    """How many attempts one key (a user name at an address, an address, an email) has used in its current
    window (accounts/limits.py). One row per key, raised by a conditional UPDATE, so parallel requests cannot
    all read "under the limit" before any of them counts."""

    key = models.CharField(max_length=250, unique=True)
    count = models.PositiveIntegerField(default=0)
    window_start = models.DateTimeField(db_index=True)  # rows of windows long past are deleted by it

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
