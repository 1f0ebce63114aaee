"""Schools with their bells, homerooms and the foreign-language lessons of their own timetable."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kakehashi.timetable.instance import ALL_DAYS
from kakehashi.web.core.models import Tracked, acted_by
from kakehashi.web.organizations.models import Organization


class Weekday(models.TextChoices):
    """The days as forms, choices and sentences name them, in the reader's language. The days themselves (their
    codes and order) are the core's one table, ALL_DAYS; this only gives each its name."""

    MON = ALL_DAYS[0], _("Monday")
    TUE = ALL_DAYS[1], _("Tuesday")
    WED = ALL_DAYS[2], _("Wednesday")
    THU = ALL_DAYS[3], _("Thursday")
    FRI = ALL_DAYS[4], _("Friday")
    SAT = ALL_DAYS[5], _("Saturday")
    SUN = ALL_DAYS[6], _("Sunday")


class School(Tracked):
    class Level(models.TextChoices):
        ELEMENTARY = "elementary", _("elementary school")
        JUNIOR_HIGH = "junior_high", _("junior high school")
        HIGH = "high", _("high school")
        SPECIAL_NEEDS = "special_needs", _("special needs school")

    organization = models.OneToOneField(
        Organization, on_delete=models.PROTECT, related_name="school", verbose_name=_("organization")
    )
    code = models.CharField(
        _("timetable id"),
        max_length=32,
        unique=True,
        help_text=_("The school's id in weekly timetable files, e.g. S001."),
    )
    mext_code = models.CharField(_("MEXT school code"), max_length=13, blank=True)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    address = models.CharField(_("address"), max_length=300, blank=True)
    lat = models.FloatField(_("latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)])
    lon = models.FloatField(_("longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)])
    visit_days_min = models.PositiveSmallIntegerField(_("contracted visit days a week, at least"), default=0)
    visit_days_max = models.PositiveSmallIntegerField(_("contracted visit days a week, at most"), default=5)
    max_alts = models.PositiveSmallIntegerField(_("most distinct ALTs a week"), default=2)
    annual_visit_days = models.PositiveSmallIntegerField(
        _("contracted ALT-days a year"),
        null=True,
        blank=True,
        help_text=_("As the contract counts them, e.g. 116; empty when the contract counts only weeks."),
    )
    # In a rotation of several weeks (WeekSettings.cycle_weeks): the ALT-days over the whole rotation, e.g. 1 for
    # a school visited every other week. Empty: the days a week times the weeks of the rotation.
    cycle_days_min = models.PositiveSmallIntegerField(
        _("ALT-days per rotation, at least"), null=True, blank=True,
        help_text=_("Only for a rotation of several weeks; empty for the days a week times its weeks."),
    )
    cycle_days_max = models.PositiveSmallIntegerField(
        _("ALT-days per rotation, at most"), null=True, blank=True,
        help_text=_("Only for a rotation of several weeks; empty for the days a week times its weeks."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(visit_days_min__lte=models.F("visit_days_max")), name="school_visit_days_in_order"
            )
        ]

    def __str__(self) -> str:
        return str(self.organization)

    @property
    def name(self) -> str:
        return self.organization.name

    @property
    def name_ja(self) -> str:
        return self.organization.name_ja

    @property
    def display_name(self) -> str:
        return self.organization.display_name

    @property
    def board(self) -> Organization | None:
        return self.organization.parent


# The bell variant of a shortened day (短縮日課); it is not part of the weekly timetable's bells.
SHORTENED_BELLS = "shortened"


# What a coordinator keeps of a school besides its names: the edit form shows these and the API gives them.
RECORD_FIELDS = [
    "level",
    "mext_code",
    "address",
    "lat",
    "lon",
    "visit_days_min",
    "visit_days_max",
    "max_alts",
]


class BellPeriod(Tracked):
    """One period of a school's bell schedule; `variant` is "default", a weekday with its own bells, or
    the shortened day's bells (短縮日課)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="bells", verbose_name=_("school"))
    variant = models.CharField(
        _("applies on"),
        max_length=10,
        default="default",
        choices=[("default", _("every day")), *Weekday.choices, (SHORTENED_BELLS, _("shortened day"))],
    )
    period = models.CharField(_("period"), max_length=16)
    start = models.TimeField(_("start"))
    end = models.TimeField(_("end"))

    class Meta:
        ordering = ["school", "variant", "start"]
        verbose_name = _("bell period")
        verbose_name_plural = _("bell schedule")
        constraints = [models.UniqueConstraint(fields=["school", "variant", "period"], name="bell_period_unique")]

    def __str__(self) -> str:
        return f"{self.school.code} {self.variant} {self.period} {self.start:%H:%M}-{self.end:%H:%M}"


class Homeroom(Tracked):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="homerooms", verbose_name=_("school"))
    name = models.CharField(_("class"), max_length=16, help_text=_('Grade-class, e.g. "1-1".'))
    grade = models.PositiveSmallIntegerField(_("grade"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    weight = models.PositiveIntegerField(
        _("weight"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("How much an ALT lesson with this class is worth."),
    )

    class Meta:
        ordering = ["school", "grade", "name"]
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        constraints = [models.UniqueConstraint(fields=["school", "name"], name="homeroom_unique")]

    def __str__(self) -> str:
        return f"{self.school.code} {self.name}"


class LessonSlot(Tracked):
    """A foreign-language lesson of the school's own timetable that an ALT may join."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="lessons", verbose_name=_("school"))
    homeroom = models.ForeignKey(Homeroom, on_delete=models.CASCADE, related_name="lessons", verbose_name=_("class"))
    day = models.CharField(_("day"), max_length=3, choices=Weekday.choices)
    period = models.CharField(_("period"), max_length=16)
    teacher = models.CharField(_("Japanese teacher"), max_length=100, blank=True)
    code = models.CharField(_("timetable id"), max_length=80, unique=True)
    # A lesson dropped from the school's timetable stays (inactive) so that stored timetables keep it.
    active = models.BooleanField(_("in the current timetable"), default=True)
    # The rotation's weeks the lesson is held in (1 = A, 2 = B…); empty: every week.
    weeks = models.JSONField(_("held in rotation weeks"), default=list, blank=True)

    class Meta:
        ordering = ["school", "day", "period", "homeroom"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        constraints = [models.UniqueConstraint(fields=["homeroom", "day", "period"], name="lesson_unique")]

    def __str__(self) -> str:
        return self.code

    @property
    def week_letters(self) -> str:
        """The rotation weeks the lesson is held in as a JTE writes them ("B", "AC"); "" for every week."""
        return "".join("ABCD"[int(week) - 1] for week in sorted(self.weeks) if 1 <= int(week) <= 4)

    @staticmethod
    def code_for(school_code: str, homeroom: str, day: str, period: str) -> str:
        return f"{school_code}/{homeroom}/{day}/{period}"


class ChangeRequest(Tracked):
    """A school's request about the ALT timetable. Where it goes depends on the contract: under outsourcing
    (請負) to the contractor's responsible manager only, never to the ALT; otherwise to the coordinators, and
    the ALT may be told directly."""

    class State(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")
        DECLINED = "declined", _("declined")

    class Kind(models.TextChoices):
        TIMETABLE = "timetable", _("a change to the ALT's visits or lessons")
        FEEDBACK = "feedback", _("feedback about the ALT's work")
        MESSAGE = "message", _("a message for the ALT")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="change_requests")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TIMETABLE)
    author = acted_by(blank=False)
    about = models.ForeignKey(
        "people.Participant",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("about the ALT"),
    )
    message = models.TextField(_("request"))
    routed_to = acted_by(_("sent to"), blank=False)
    routing = models.CharField(_("why it went there"), max_length=300)
    participant_told = models.BooleanField(_("the ALT was told directly"), default=False)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.OPEN)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")

    def __str__(self) -> str:
        return f"{self.school.code}: {self.message[:40]}"


class BlockedInstruction(Tracked):
    """An attempt by school staff to instruct an ALT directly where the contract forbids it (請負): refused,
    and kept so the contractor's responsible manager and the coordinators can see it happened."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="blocked_instructions")
    author = acted_by(blank=False)
    about = models.ForeignKey("people.Participant", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    message = models.TextField(_("message"))
    reason = models.CharField(_("why it was refused"), max_length=300)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("refused direct instruction")
        verbose_name_plural = _("refused direct instructions")

    def __str__(self) -> str:
        return f"{self.school.code} {self.created_at:%Y-%m-%d %H:%M}"
