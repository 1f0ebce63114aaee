"""`kakehashi manage restore FILE --yes`: put a backup back (the database's current content is replaced),
and the documents saved beside it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from kakehashi.web.ops.backup import BackupError, Target, restore_database, restore_media


class Command(BaseCommand):
    help = "Restore the database (and documents) from a backup made by `backup`."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("backup", type=Path)
        parser.add_argument("--yes", action="store_true", help="confirm that the current data is replaced")
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["yes"]:
            raise CommandError(
                "Restoring replaces everything in the database; add --yes to go on. "
                "/ 復元するとデータベースの内容が置き換わります。--yes を付けてください。"
            )
        connection = connections[options["database"]]
        connection.close()  # nothing of ours may hold the database while it is replaced
        target = Target(connection.vendor, dict(connection.settings_dict))
        try:
            restore_database(target, options["backup"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        documents = restore_media(options["backup"], default_storage)
        self.stdout.write(f"Restored {options['backup']}" + (" and its documents." if documents else "."))
