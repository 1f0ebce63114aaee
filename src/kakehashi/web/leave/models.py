"""Leave (年休, 代休, sick), weekend work that earns a compensatory day, substitute cover for a date's
absences."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kakehashi.web.core.models import Tracked, acted_by, when
from kakehashi.web.organizations.models import Program
from kakehashi.web.people.models import of_participant

# A compensatory day (代休) for weekend work is taken within four weeks of it.
COMPENSATORY_WITHIN = dt.timedelta(weeks=4)


class LeaveEntitlement(Tracked):
    """Paid leave days (年次有給休暇) granted to a participant for one school year."""

    participant = of_participant("leave_entitlements")
    year = models.PositiveIntegerField(_("school year"))
    days = models.PositiveIntegerField(_("paid leave days"))

    class Meta:
        ordering = ["participant", "year"]
        verbose_name = _("paid leave entitlement")
        verbose_name_plural = _("paid leave entitlements")
        constraints = [models.UniqueConstraint(fields=["participant", "year"], name="leave_entitlement_unique")]

    def __str__(self) -> str:
        return f"{self.participant.code} {self.year}: {self.days}"


class WeekendWork(Tracked):
    """Work on a Saturday or Sunday (a speech contest, a sports day) that is owed a compensatory day."""

    participant = of_participant("weekend_work")
    date = models.DateField(_("date worked"))
    description = models.CharField(_("what"), max_length=200)

    class Meta:
        ordering = ["-date", "id"]
        verbose_name = _("weekend work")
        verbose_name_plural = _("weekend work")

    def __str__(self) -> str:
        return f"{self.participant.code} {self.date} {self.description}"

    @property
    def compensatory_by(self) -> dt.date:
        return self.date + COMPENSATORY_WITHIN

    def clean(self) -> None:
        if self.date is not None and self.date.weekday() < 5:
            raise ValidationError(
                {"date": _("Weekend work is on a Saturday or Sunday.")}
            )


class LeaveRequest(Tracked):
    class Kind(models.TextChoices):
        ANNUAL = "annual", _("paid leave")
        COMPENSATORY = "compensatory", _("compensatory day")
        SICK = "sick", _("sick leave")
        SPECIAL = "special", _("special leave")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        REPORTED = "reported", _("reported absence")  # reported on the day: counts at once, approved later
        APPROVED = "approved", _("approved")
        REFUSED = "refused", _("refused")
        CANCELLED = "cancelled", _("cancelled")

    # Statuses in which the participant is away and their lessons need cover.
    AWAY = (Status.REPORTED, Status.APPROVED)

    participant = of_participant("leave_requests")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    starts = models.DateField(_("first day"))
    ends = models.DateField(_("last day"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    weekend_work = models.OneToOneField(
        WeekendWork,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="compensatory_leave",
        verbose_name=_("for weekend work"),
    )
    reported_at = when(_("reported at"))
    decided_by = acted_by()
    decided_at = when(_("decided at"))
    decision_note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-starts", "-id"]
        verbose_name = _("leave request")
        verbose_name_plural = _("leave requests")

    def __str__(self) -> str:
        return f"{self.participant.code} {self.kind} {self.starts}–{self.ends} ({self.status})"

    @property
    def is_away(self) -> bool:
        return self.status in self.AWAY

    def covers(self, day: dt.date) -> bool:
        return self.starts <= day <= self.ends


class Cover(Tracked):
    """Substitute cover for one date of a program: who takes the absent ALTs' lessons (the engine's repair)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        CONFIRMED = "confirmed", _("confirmed")
        SUPERSEDED = "superseded", _("superseded")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="covers", verbose_name=_("program"))
    date = models.DateField(_("date"), db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    version = models.ForeignKey(
        "timetables.TimetableVersion", on_delete=models.CASCADE, related_name="+", verbose_name=_("timetable")
    )
    absent = models.JSONField(_("absent ALTs"), default=list)  # ALT codes this cover is for
    already_absent = models.JSONField(default=list)  # ALT codes the date's earlier cover was for
    visits = models.JSONField(default=list)  # [[alt, school], ...] for the date's weekday, every ALT
    lessons = models.JSONField(default=list)  # [[alt, lesson], ...] for the date's weekday, every ALT
    needed = models.JSONField(default=list)  # the absent ALTs' lessons that date, each with its substitute
    moves = models.JSONField(default=list)  # the engine's account of the changes, a line each
    seconds = models.FloatField(default=0.0)
    confirmed_by = acted_by()
    confirmed_at = when(_("confirmed at"))

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("substitute cover")
        verbose_name_plural = _("substitute covers")

    def __str__(self) -> str:
        return f"{self.program} {self.date} {', '.join(self.absent)} ({self.status})"

    @property
    def covered(self) -> int:
        return sum(1 for x in self.needed if x.get("substitute"))


# Offers of cover live in their own file; imported here so Django finds them with the app's models.
from kakehashi.web.leave.offer_models import CoverOffer, OfferCandidate, OfferRule, SchoolSubstitute  # noqa: E402

__all__ = [
    "COMPENSATORY_WITHIN",
    "Cover",
    "CoverOffer",
    "LeaveEntitlement",
    "LeaveRequest",
    "OfferCandidate",
    "OfferRule",
    "SchoolSubstitute",
    "WeekendWork",
]
