"""Duties: a participant's daily report (日報) with the lessons and other work of the day, and the training
sessions and meetings coordinators hold for participants."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kakehashi.web.core.models import Tracked, acted_by, when
from kakehashi.web.organizations.models import Program
from kakehashi.web.people.models import Participant, of_participant
from kakehashi.web.schools.models import School


class DutyKind(models.TextChoices):
    LESSON = "lesson", _("lesson")
    PREPARATION = "preparation", _("preparing materials")
    CLUBS = "clubs", _("clubs and homeroom activities")
    SPEECH = "speech", _("speech-contest coaching")
    EXCHANGE = "exchange", _("international exchange event")
    TRAINING = "training", _("training")
    MEETING = "meeting", _("meeting")
    TRANSLATION = "translation", _("translation")
    INTERPRETATION = "interpretation", _("interpretation")
    SPORTS = "sports", _("sports training session")
    OTHER = "other", _("other duty")


# The kinds each position offers in its form, most frequent first: an ALT prepares and runs clubs around the
# lessons of the plan, a CIR translates and interprets at the town hall, an SEA coaches. The services accept
# any kind for anyone (an ALT is sometimes asked to translate a letter); this only keeps the phone's list short.
KINDS_BY_POSITION: dict[str, tuple[str, ...]] = {
    Participant.Kind.ALT: (
        DutyKind.PREPARATION,
        DutyKind.CLUBS,
        DutyKind.SPEECH,
        DutyKind.EXCHANGE,
        DutyKind.TRAINING,
        DutyKind.MEETING,
        DutyKind.LESSON,  # planned lessons come prefilled; this is for one added on the day
        DutyKind.OTHER,
    ),
    Participant.Kind.CIR: (
        DutyKind.TRANSLATION,
        DutyKind.INTERPRETATION,
        DutyKind.EXCHANGE,
        DutyKind.PREPARATION,
        DutyKind.TRAINING,
        DutyKind.MEETING,
        DutyKind.OTHER,
    ),
    Participant.Kind.SEA: (
        DutyKind.SPORTS,
        DutyKind.EXCHANGE,
        DutyKind.PREPARATION,
        DutyKind.TRAINING,
        DutyKind.MEETING,
        DutyKind.OTHER,
    ),
}


class DailyReport(Tracked):
    """One participant's day: draft → submitted → approved, or returned with a comment and submitted again."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        APPROVED = "approved", _("approved")
        RETURNED = "returned", _("returned")

    # The participant may change the report only in these; a submitted one waits for its decision.
    EDITABLE = (Status.DRAFT, Status.RETURNED)

    participant = of_participant("daily_reports")
    date = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    note = models.TextField(_("note"), blank=True)
    submitted_at = when(_("submitted at"))
    decided_by = acted_by()
    decided_at = when(_("decided at"))
    comment = models.CharField(_("supervisor's comment"), max_length=500, blank=True)

    class Meta:
        ordering = ["-date", "participant"]
        verbose_name = _("daily report")
        verbose_name_plural = _("daily reports")
        constraints = [models.UniqueConstraint(fields=["participant", "date"], name="daily_report_one_a_day")]

    def __str__(self) -> str:
        return f"{self.participant.code} {self.date} ({self.status})"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def total_minutes(self) -> int:
        return sum(e.minutes for e in self.entries.all())  # list pages prefetch the entries

    @property
    def total_hours(self) -> float:
        return round(self.total_minutes / 60, 2)


class TrainingSession(Tracked):
    """Training for participants (initial training for new arrivals, skills development) or a meeting."""

    class Kind(models.TextChoices):
        INITIAL = "initial", _("initial training for new participants")
        SKILLS = "skills", _("skills development")
        MEETING = "meeting", _("meeting")

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="training_sessions", verbose_name=_("program")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    starts = models.DateTimeField(_("starts"))
    ends = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    link = models.URLField(_("online link"), blank=True)
    created_by = acted_by()

    class Meta:
        ordering = ["-starts", "id"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")

    def __str__(self) -> str:
        return f"{self.title} {self.starts:%Y-%m-%d %H:%M}"

    @property
    def duty_kind(self) -> str:
        return DutyKind.MEETING if self.kind == self.Kind.MEETING else DutyKind.TRAINING

    @property
    def minutes(self) -> int:
        return max(0, int((self.ends - self.starts).total_seconds() // 60))


class Invitation(Tracked):
    """A participant invited to a session: their answer beforehand, and the attendance recorded afterwards."""

    class Response(models.TextChoices):
        PENDING = "pending", _("no answer yet")
        ATTENDING = "attending", _("attending")
        NOT_ATTENDING = "not_attending", _("not attending")

    class Attendance(models.TextChoices):
        UNRECORDED = "", _("not recorded")
        PRESENT = "present", _("present")
        ABSENT = "absent", _("absent")
        EXCUSED = "excused", _("excused")

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("session")
    )
    participant = of_participant("training_invitations")
    response = models.CharField(_("answer"), max_length=13, choices=Response.choices, default=Response.PENDING)
    responded_at = when(_("answered at"))
    attendance = models.CharField(
        _("attendance"), max_length=7, choices=Attendance.choices, default=Attendance.UNRECORDED, blank=True
    )

    class Meta:
        ordering = ["session", "participant"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [models.UniqueConstraint(fields=["session", "participant"], name="invitation_once")]

    def __str__(self) -> str:
        return f"{self.participant.code} → {self.session} ({self.response})"


class DutyEntry(Tracked):
    """One piece of the day's work. Lessons come from the dated plan and sessions from invitations
    (`from_plan`: a refresh replaces them); everything else the participant adds."""

    report = models.ForeignKey(DailyReport, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(_("kind"), max_length=14, choices=DutyKind.choices)
    minutes = models.PositiveSmallIntegerField(_("minutes"))
    title = models.CharField(_("what"), max_length=200, blank=True)
    # Where the work was done: the monthly report of a school counts the duties done there.
    school = models.ForeignKey(
        School, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("school")
    )
    homeroom = models.CharField(_("class"), max_length=16, blank=True)
    period = models.CharField(_("period"), max_length=16, blank=True)
    starts = models.TimeField(_("from"), null=True, blank=True)
    ends = models.TimeField(_("to"), null=True, blank=True)
    lesson = models.CharField(_("lesson id"), max_length=64, blank=True)
    words = models.PositiveIntegerField(_("words translated"), null=True, blank=True)
    sport = models.CharField(_("sport"), max_length=60, blank=True)
    headcount = models.PositiveSmallIntegerField(_("participants"), null=True, blank=True)
    session = models.ForeignKey(
        TrainingSession, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("session")
    )
    from_plan = models.BooleanField(_("prefilled"), default=False)

    class Meta:
        ordering = ["report", models.F("starts").asc(nulls_last=True), "id"]
        verbose_name = _("duty")
        verbose_name_plural = _("duties")

    def __str__(self) -> str:
        return f"{self.report} {self.kind} {self.minutes} min"

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 2)
