# Written by hand: the field, then each existing version given the week it was most likely made from.

from typing import Any

from django.db import DatabaseError, migrations, models, transaction


def keep_todays_week(apps: Any, schema_editor: Any) -> None:
    """Versions stored before weeks were kept get the program's week as it is now: the closest record
    there is of what they were made from. The week is read by the app's own selector (the one place
    that writes week documents); should a later schema make that impossible, the version keeps no week
    and is read against today's week, as before this migration."""
    from kakehashi.timetable.reader import FormatError
    from kakehashi.web.timetables.door import week_instance_json

    version_model = apps.get_model("timetables", "TimetableVersion")
    program_model = apps.get_model("organizations", "Program")
    from kakehashi.web.organizations.models import Program

    for program_id in version_model.objects.filter(week__isnull=True).values_list("program_id", flat=True).distinct():
        if not program_model.objects.filter(pk=program_id).exists():
            continue
        try:
            with transaction.atomic():
                document = week_instance_json(Program.objects.get(pk=program_id))
        except (DatabaseError, FormatError):
            continue
        version_model.objects.filter(program_id=program_id, week__isnull=True).update(week=document)


class Migration(migrations.Migration):

    dependencies = [
        ('organizations', '0001_initial'),
        ('timetables', '0004_timetableversion_in_force'),
    ]

    operations = [
        migrations.AddField(
            model_name='timetableversion',
            name='week',
            field=models.JSONField(blank=True, editable=False, null=True, verbose_name='week'),
        ),
        migrations.RunPython(keep_todays_week, migrations.RunPython.noop),
    ]
