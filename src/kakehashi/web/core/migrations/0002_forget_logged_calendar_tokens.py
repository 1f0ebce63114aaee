"""Calendar feed tokens were written into the change log in plain text; the log now keeps only that a token
changed (core/changelog.py), and this removes the tokens already in it."""

from typing import Any

from django.db import migrations

SECRET = "(secret, not logged)"


def forget_tokens(apps: Any, schema_editor: Any) -> None:
    Change = apps.get_model("core", "Change")
    for change in Change.objects.filter(model="people.calendartoken").iterator():
        for side in ("before", "after"):
            snapshot = getattr(change, side)
            if snapshot and snapshot.get("token"):
                snapshot["token"] = SECRET
        change.save(update_fields=["before", "after"])


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(forget_tokens, migrations.RunPython.noop)]
