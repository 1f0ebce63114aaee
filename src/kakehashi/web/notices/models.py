"""A notice: a message shown to one user in the platform (and sent by email)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Notice(models.Model):
    """A message shown to a user in the platform (and sent by email), e.g. a confirmed cover."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    # The page the notice asks the reader to act on (e.g. an offer of cover to accept); a path, or empty.
    link = models.CharField(max_length=200, blank=True, default="")
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        # The table was made when notices lived in the leave app; it keeps its name (and its rows).
        db_table = "leave_notice"

    def __str__(self) -> str:
        return f"{self.user} {self.subject}"
