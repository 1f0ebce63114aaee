"""Choice sets the schema names (settings.SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]) that are not a model's
own choices class: a field's choices, or a form's. Each enum of the schema then has one clear name."""

from __future__ import annotations

from kakehashi.web.duties.forms import InviteForm
from kakehashi.web.leave.forms import AbsenceReportForm
from kakehashi.web.recruitment.forms import BulkMoveForm, MoveForm
from kakehashi.web.recruitment.models import Application
from kakehashi.web.schools.models import BellPeriod

APPLICANT_JAPANESE = Application._meta.get_field("japanese_level").choices
BELL_VARIANTS = BellPeriod._meta.get_field("variant").choices
ABSENCE_KINDS = AbsenceReportForm.base_fields["kind"].choices  # type: ignore[attr-defined]
# The forms word a stage in the reader's language when shown (lazily); the schema names each once, in English.
MOVE_TO = [(value, str(label)) for value, label in MoveForm.base_fields["to"].choices]  # type: ignore[attr-defined]
BULK_MOVE_TO = [(value, str(label)) for value, label in BulkMoveForm.base_fields["to"].choices]  # type: ignore[attr-defined]
INVITE_WHO = InviteForm.base_fields["who"].choices  # type: ignore[attr-defined]
