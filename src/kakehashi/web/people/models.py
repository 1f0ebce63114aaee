"""Participants (ALT, CIR, SEA) and where they are placed."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.expressions import Combinable
from django.utils.translation import gettext_lazy as _

from kakehashi.web.core.models import Tracked
from kakehashi.web.organizations.models import Organization, Program


class Participant(Tracked):
    class Kind(models.TextChoices):
        ALT = "alt", _("ALT (Assistant Language Teacher)")
        CIR = "cir", _("CIR (Coordinator for International Relations)")
        SEA = "sea", _("SEA (Sports Exchange Advisor)")

    class Gender(models.TextChoices):
        WOMAN = "woman", _("woman")
        MAN = "man", _("man")
        OTHER = "other", _("another gender")
        UNSTATED = "unstated", _("not stated")

    class TravelMode(models.TextChoices):
        WALK = "walk", _("on foot")
        BICYCLE = "bicycle", _("bicycle")
        CAR = "car", _("car")
        TRANSIT = "transit", _("public transport")

    class Substitute(models.TextChoices):
        """Whether the participant only covers absences (代替ALT): then the weekly timetable leaves them out."""

        NO = "", _("no: has a regular week")
        STANDBY = "standby", _("substitute on standby")
        PART_TIME = "part_time", _("part-time substitute")

    class JapaneseLevel(models.TextChoices):
        NONE = "none", _("none")
        N5 = "N5", "JLPT N5"
        N4 = "N4", "JLPT N4"
        N3 = "N3", "JLPT N3"
        N2 = "N2", "JLPT N2"
        N1 = "N1", "JLPT N1"

    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, related_name="participants", verbose_name=_("program")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participant",
        verbose_name=_("login"),
    )
    code = models.CharField(
        _("timetable id"),
        max_length=32,
        unique=True,
        help_text=_("The participant's id in weekly timetable files, e.g. A01."),
    )
    kind = models.CharField(_("position"), max_length=3, choices=Kind.choices, default=Kind.ALT)
    name = models.CharField(_("name (Latin script)"), max_length=200)
    name_katakana = models.CharField(_("name (katakana)"), max_length=200, blank=True)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, default=Gender.UNSTATED)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    citizenship = models.CharField(_("citizenship"), max_length=60, blank=True)
    origin_region = models.CharField(_("origin region"), max_length=100, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    japanese_level = models.CharField(
        _("Japanese level"), max_length=4, choices=JapaneseLevel.choices, default=JapaneseLevel.NONE
    )
    qualifications = models.TextField(
        _("qualifications"), blank=True, help_text=_("Teaching licences, coaching qualifications, one a line.")
    )
    home_lat = models.FloatField(_("home latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)])
    home_lon = models.FloatField(_("home longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)])
    travel_mode = models.CharField(
        _("travel mode"), max_length=8, choices=TravelMode.choices, default=TravelMode.BICYCLE
    )
    levels = models.JSONField(
        _("school levels"), default=list, help_text=_("The school levels this participant teaches at.")
    )
    anonymized_at = models.DateField(
        _("anonymized on"), null=True, blank=True, help_text=_("Personal data removed after the retention time.")
    )
    classes_min = models.PositiveSmallIntegerField(_("classes a week, at least"), default=20)
    classes_max = models.PositiveSmallIntegerField(_("classes a week, at most"), default=25)
    max_classes_per_day = models.PositiveSmallIntegerField(_("classes a day, at most"), default=6)
    max_schools_per_day = models.PositiveSmallIntegerField(
        _("schools a day, at most"), default=1, validators=[MinValueValidator(1), MaxValueValidator(2)]
    )
    max_schools_per_week = models.PositiveSmallIntegerField(_("schools a week, at most"), default=5)
    max_commute_minutes = models.PositiveSmallIntegerField(_("longest commute (minutes)"), default=60)
    annual_days = models.PositiveSmallIntegerField(
        _("working days a year, at most"),
        null=True,
        blank=True,
        help_text=_("As the contract counts them, e.g. 195; empty for no yearly limit."),
    )
    unavailable_days = models.JSONField(_("days not working"), default=list, blank=True)
    substitute = models.CharField(
        _("substitute ALT"),
        max_length=9,
        choices=Substitute.choices,
        default=Substitute.NO,
        blank=True,
        help_text=_("A substitute only covers absences: the weekly timetable gives them no regular week."),
    )
    cover_days = models.JSONField(
        _("days a substitute can cover"),
        default=list,
        blank=True,
        help_text=_("Weekdays, e.g. mon, wed; empty: every working day."),
    )
    cover_from = models.TimeField(_("covers from"), null=True, blank=True)
    cover_until = models.TimeField(_("covers until"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(classes_min__lte=models.F("classes_max")), name="participant_classes_in_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def is_substitute(self) -> bool:
        return bool(self.substitute)

    @property
    def earlier_years(self) -> int:
        """Years on the programme before this placement, as stated when applying (0 if not recruited here).
        Both the five-year limit (whole school years) and the workforce's length of service add them."""
        application = getattr(self, "application", None)
        return application.previous_years if application is not None else 0


def of_participant(related_name: str) -> models.ForeignKey[Participant | Combinable, Participant]:
    """The participant a record belongs to (a report, a leave request, a placement), listed on them under
    `related_name`; the record goes when they go."""
    return models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name=related_name, verbose_name=_("participant")
    )


# The record a coordinator keeps of a participant: its edit form shows these fields and a participant import
# has a column for each, so the page and the file cannot drift apart.
RECORD_FIELDS = [
    "gender",
    "birth_date",
    "citizenship",
    "origin_region",
    "start_date",
    "japanese_level",
    "qualifications",
    "home_lat",
    "home_lon",
    "travel_mode",
    "levels",
    "classes_min",
    "classes_max",
    "max_classes_per_day",
    "max_schools_per_day",
    "max_schools_per_week",
    "max_commute_minutes",
]
# Whether the participant only covers absences, and when they can.
SUBSTITUTE_FIELDS = ["substitute", "cover_days", "cover_from", "cover_until"]


class Placement(Tracked):
    """A participant placed at a contracting organization (a board: any of its schools; or one school)."""

    participant = of_participant("placements")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="placements", verbose_name=_("placed at")
    )
    starts = models.DateField(_("starts"))
    ends = models.DateField(_("ends"), null=True, blank=True)

    class Meta:
        ordering = ["participant", "-starts"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")

    def __str__(self) -> str:
        return f"{self.participant} → {self.organization}"


class CalendarToken(Tracked):
    """The secret in a participant's calendar subscription URL. Revoking it stops the feed at once;
    a new one is issued in its place."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="calendar_tokens")
    token = models.CharField(max_length=64, unique=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    secret_fields = ("token",)  # never written to the change log

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("calendar subscription")
        verbose_name_plural = _("calendar subscriptions")

    def __str__(self) -> str:
        return f"{self.participant.code} calendar ({'revoked' if self.revoked_at else 'active'})"
