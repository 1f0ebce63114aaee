"""Recording a view of someone's personal data, from any page that shows it."""

from __future__ import annotations

from typing import Any

from kakehashi.web.core.actor import current_actor
from kakehashi.web.privacy.models import PersonalDataView


def record_view(viewer: Any, what: str, *, participant: Any = None, applicant: Any = None) -> None:
    """Log that `viewer` saw `what` of a participant's or applicant's data; looking at one's own is not logged."""
    owner = participant.user_id if participant is not None else getattr(applicant, "pk", None)
    if viewer is None or not getattr(viewer, "is_authenticated", False) or owner == viewer.pk:
        return
    PersonalDataView.objects.create(
        viewer=viewer,
        participant=participant,
        applicant=applicant,
        what=what[:100],
        request_id=current_actor().request_id,
    )
