"""`kakehashi manage backup [--output FILE]`: a consistent copy of the database (SQLite online backup or
pg_dump) and the uploaded documents beside it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils import timezone

from kakehashi.web.ops.backup import BackupError, Target, backup_database, copy_media


class Command(BaseCommand):
    help = "Back up the database and uploaded documents."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--output", type=Path, help="the backup file (default: DATA_DIR/backups/<time>)")
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        connection = connections[options["database"]]
        target = Target(connection.vendor, dict(connection.settings_dict))
        suffix = ".sqlite3" if target.vendor == "sqlite" else ".pgdump"
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        output = options["output"] or Path(settings.BASE_DIR) / "backups" / f"kakehashi-{stamp}{suffix}"
        try:
            written = backup_database(target, output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        media = copy_media(default_storage, written)
        self.stdout.write(f"Backed up the database to {written}" + (f" and documents to {media}" if media else ""))
