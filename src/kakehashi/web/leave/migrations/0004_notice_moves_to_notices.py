"""Notices now live in the notices app (its 0001 takes the model over in Django's state); the leave app forgets
the model without touching its table, which keeps its name and rows."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("leave", "0003_cover_offers"),
        ("notices", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Notice")],
            database_operations=[],
        ),
    ]
