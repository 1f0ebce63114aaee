"""Everything the platform holds about a person, as one JSON document they can download (APPI: the right
to have one's retained personal data disclosed)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Model, Q

from kakehashi.web.core.changelog import snapshot
from kakehashi.web.core.models import Change
from kakehashi.web.people.models import Participant
from kakehashi.web.privacy.models import PersonalDataView


def _rows(objects: Any) -> list[dict[str, Any]]:
    return [snapshot(o) for o in objects]


def personal_data(user: Any) -> dict[str, Any]:
    """The user's account, their participant record and all that hangs on it, their applications with the
    documents' names, notices, the change log about them, and who viewed their data."""
    from kakehashi.web.leave.models import LeaveRequest
    from kakehashi.web.notices.models import Notice
    from kakehashi.web.recruitment.models import Application

    data: dict[str, Any] = {
        "format": "kakehashi/personal-data@1",
        "exported_at": dt.datetime.now(dt.UTC).isoformat(),
        "account": {
            "username": user.username,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
    }
    person = Participant.objects.filter(user=user).first()
    objects: list[Model] = []
    if person is not None:
        data["participant"] = snapshot(person)
        related = {
            "placements": person.placements.all(),
            "leave": LeaveRequest.objects.filter(participant=person),
            "leave_entitlements": person.leave_entitlements.all(),
            "weekend_work": person.weekend_work.all(),
            "calendar_subscriptions": person.calendar_tokens.all(),
            "renewal_intents": person.renewal_intents.all(),
        }
        for name, rows in _extra_participant_rows(person).items():
            related[name] = rows
        for name, rows in related.items():
            data[name] = _rows(rows)
            objects += list(rows)
        objects.append(person)
    applications = Application.objects.filter(applicant=user).prefetch_related("documents", "steps")
    data["applications"] = [
        {
            **snapshot(a),
            "documents": [{"kind": d.kind, "name": d.original_name, "size": d.size} for d in a.documents.all()],
            "steps": [{"at": s.at.isoformat(), "from": s.from_status, "to": s.to_status} for s in a.steps.all()],
        }
        for a in applications
    ]
    objects += list(applications)
    data["notices"] = [
        {"at": n.at.isoformat(), "subject": n.subject, "body": n.body} for n in Notice.objects.filter(user=user)
    ]
    condition = Q(pk__in=[])
    for obj in objects:
        condition |= Q(model=f"{obj._meta.app_label}.{obj._meta.model_name}", object_id=str(obj.pk))
    data["change_log"] = [
        {"at": c.at.isoformat(), "action": c.action, "model": c.model, "before": c.before, "after": c.after}
        for c in Change.objects.filter(condition).order_by("at")
    ]
    views = PersonalDataView.objects.filter(Q(applicant=user) | Q(participant=person) if person else Q(applicant=user))
    data["viewed_by"] = [{"at": v.at.isoformat(), "viewer": str(v.viewer or "—"), "what": v.what} for v in views]
    return data


def _extra_participant_rows(person: Participant) -> dict[str, Any]:
    """Rows of apps that may not be installed everywhere (daily reports, training)."""
    found: dict[str, Any] = {}
    for name in ("daily_reports", "training_invitations"):
        manager = getattr(person, name, None)
        if manager is not None:
            found[name] = manager.all()
    return found
