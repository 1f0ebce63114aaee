"""Choice sets the schema names (settings.SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]) that are not a model's
own choices class: a field's choices, or a form's. Each enum of the schema then has one clear name."""

from __future__ import annotations

from kakehashi.web.core.form_fields import choices_of
from kakehashi.web.duties.forms import InviteForm
from kakehashi.web.leave.forms import AbsenceReportForm
from kakehashi.web.recruitment.forms import BulkMoveForm, MoveForm
from kakehashi.web.recruitment.models import APPLICANT_JAPANESE_LEVELS
from kakehashi.web.schools.models import BellPeriod

APPLICANT_JAPANESE = APPLICANT_JAPANESE_LEVELS
BELL_VARIANTS = BellPeriod._meta.get_field("variant").choices
ABSENCE_KINDS = choices_of(AbsenceReportForm.base_fields, "kind")
# The forms word a stage in the reader's language when shown (lazily); the schema names each once, in English.
MOVE_TO = [(value, str(label)) for value, label in choices_of(MoveForm.base_fields, "to")]
BULK_MOVE_TO = [(value, str(label)) for value, label in choices_of(BulkMoveForm.base_fields, "to")]
INVITE_WHO = choices_of(InviteForm.base_fields, "who")
