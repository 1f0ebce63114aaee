"""`kakehashi manage privacy_purge [--dry-run]`: anonymize participants and delete applications past their
retention time (KAKEHASHI_RETENTION_DAYS, KAKEHASHI_APPLICANT_RETENTION_DAYS). Run it daily."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from kakehashi.web.core.actor import acting_as
from kakehashi.web.privacy.retention import purge_expired


class Command(BaseCommand):
    help = "Anonymize or delete personal data past its retention time."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="say what would go, change nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        with acting_as(None, "privacy_purge"):
            report = purge_expired(timezone.localdate(), dry_run=options["dry_run"])
        verb = "Would anonymize" if options["dry_run"] else "Anonymized"
        self.stdout.write(f"{verb} {len(report.anonymized)} participant(s): {', '.join(report.anonymized) or '—'}")
        verb = "Would delete" if options["dry_run"] else "Deleted"
        self.stdout.write(f"{verb} {report.applications_deleted} application(s) past their retention time.")
