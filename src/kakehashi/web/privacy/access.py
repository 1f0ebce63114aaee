"""The log of views of someone's personal data: every page reports a view through core/personal_data.py."""

from __future__ import annotations

from typing import Any

from kakehashi.web.core.actor import current_actor
from kakehashi.web.privacy.models import PersonalDataView


def log_view(sender: Any, *, viewer: Any, what: str, participant: Any, applicant: Any, **_: Any) -> None:
    """Keep one row for `viewer` seeing `what` of a participant's or applicant's data; one's own is not kept."""
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
