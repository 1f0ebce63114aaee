"""One inbox for the people who run a program (its coordinators and the responsible managers of its contracts):
each school's change request and each SEA request arrives as an item that can be assigned to a person, answered
and closed. The item keeps its state with who set it and when; its events are the whole story."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kakehashi.web.core.models import Tracked, acted_by, when
from kakehashi.web.organizations.models import Organization, Program
from kakehashi.web.recruitment.models import SeaRequest
from kakehashi.web.schools.models import ChangeRequest


class InboxItem(Tracked):
    class Kind(models.TextChoices):
        CHANGE_REQUEST = "change", _("school request")
        SEA_REQUEST = "sea", _("SEA request")

    class State(models.TextChoices):
        NEW = "new", _("new")
        ASSIGNED = "assigned", _("assigned")
        ANSWERED = "answered", _("answered")
        CLOSED = "closed", _("closed")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="inbox_items")
    kind = models.CharField(_("kind"), max_length=6, choices=Kind.choices)
    change_request = models.OneToOneField(
        ChangeRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="inbox_item"
    )
    sea_request = models.OneToOneField(
        SeaRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="inbox_item"
    )
    # The school (or, for an SEA request, the organization) it comes from: what the inbox filters by.
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("school or organization")
    )
    sent_by = acted_by()
    # Under an outsourcing contract (請負) the request went to the contractor's responsible manager alone.
    routed_to = acted_by()
    outsourcing = models.BooleanField(_("outsourcing contract (請負)"), default=False)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.NEW)
    state_by = acted_by()
    state_at = when(_("since"))
    assigned_to = acted_by(_("assigned to"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("inbox item")
        verbose_name_plural = _("inbox items")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(change_request__isnull=False, sea_request__isnull=True)
                | models.Q(change_request__isnull=True, sea_request__isnull=False),
                name="inbox_item_one_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} ({self.state})"


class InboxEvent(models.Model):
    """One step of an item's story: who did what, when, and the answer's text."""

    class Action(models.TextChoices):
        ASSIGNED = "assigned", _("assigned")
        ANSWERED = "answered", _("answered")
        CLOSED = "closed", _("closed")
        REOPENED = "reopened", _("reopened")

    item = models.ForeignKey(InboxItem, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    by = acted_by(blank=False)
    action = models.CharField(max_length=8, choices=Action.choices)
    # Assigned: to whom. Answered: the answer sent to the sender. Closed: the outcome.
    to = acted_by()
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
