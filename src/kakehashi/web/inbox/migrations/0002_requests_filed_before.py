"""Requests filed before the inbox existed arrive in it too: open ones as new, done or declined ones closed."""

from __future__ import annotations

from typing import Any

from django.db import migrations
from django.db.models import Q


def _contract(apps: Any, school: Any, on: Any) -> Any:
    """The contract that routed the request the day it was filed: the school's own, else its board's."""
    contracts = apps.get_model("organizations", "Contract").objects.filter(starts__lte=on, ends__gte=on)
    org = school.organization
    return contracts.filter(organization_id=org.pk).first() or contracts.filter(organization_id=org.parent_id).first()


def forwards(apps: Any, schema_editor: Any) -> None:
    item_model = apps.get_model("inbox", "InboxItem")
    taken = Q(inbox_item__isnull=False)
    requests = apps.get_model("schools", "ChangeRequest").objects.exclude(taken).order_by("id")
    for request in requests.select_related("school__organization"):
        contract = _contract(apps, request.school, request.created_at.date())
        if contract is None:
            continue
        item_model.objects.create(
            program_id=contract.program_id,
            kind="change",
            change_request=request,
            organization_id=request.school.organization_id,
            sent_by_id=request.author_id,
            routed_to_id=request.routed_to_id,
            outsourcing=contract.type == "outsourcing",
            state="new" if request.state == "open" else "closed",
        )
    for sea in apps.get_model("recruitment", "SeaRequest").objects.exclude(taken).order_by("id"):
        item_model.objects.create(
            program_id=sea.program_id,
            kind="sea",
            sea_request=sea,
            organization_id=sea.organization_id,
            sent_by_id=sea.filed_by_id,
            state="new" if sea.status == "filed" else "closed",
        )


class Migration(migrations.Migration):
    dependencies = [("inbox", "0001_inbox")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
