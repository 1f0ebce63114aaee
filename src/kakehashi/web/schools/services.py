"""Writes about schools made from pages (imports have their own module, imports.py)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from kakehashi.web.schools.models import School


@transaction.atomic
def school_update(*, school: School, data: dict[str, Any]) -> School:
    organization = school.organization
    organization.name, organization.name_ja = data["name"], data.get("name_ja", "")
    organization.save()
    for field in ("level", "mext_code", "address", "lat", "lon", "visit_days_min", "visit_days_max", "max_alts"):
        setattr(school, field, data[field])
    for field in ("cycle_days_min", "cycle_days_max", "annual_visit_days"):
        if field in data:  # optional: a client that does not send them keeps them as they are
            setattr(school, field, data[field])
    school.save()
    return school
