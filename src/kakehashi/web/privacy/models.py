"""Who looked at whose personal data (Japan's APPI asks that access to personal information be controlled
and traceable). A row per view of a participant's or applicant's personal page, document or export."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kakehashi.web.core.models import acted_by


class PersonalDataView(models.Model):
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    viewer = acted_by(_("viewer"), blank=False)
    # Whose data: a participant, or an applicant (before they are one).
    participant = models.ForeignKey(
        "people.Participant", null=True, blank=True, on_delete=models.CASCADE, related_name="data_views"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="data_views"
    )
    what = models.CharField(_("what"), max_length=100)
    request_id = models.CharField(max_length=36, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("personal data view")
        verbose_name_plural = _("personal data views")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.viewer} {self.what}"
