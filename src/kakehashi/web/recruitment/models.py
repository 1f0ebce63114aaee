"""Recruitment: yearly ALT and CIR cycles, SEA posts opened by a contracting organization's request,
applications with their documents and every step of the pipeline, placement requests and runs, renewals."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kakehashi.web.core.models import Tracked, acted_by, when
from kakehashi.web.organizations.models import Organization, Program
from kakehashi.web.people.models import Participant


class Position(models.TextChoices):
    ALT = "alt", _("ALT (Assistant Language Teacher)")
    CIR = "cir", _("CIR (Coordinator for International Relations)")
    SEA = "sea", _("SEA (Sports Exchange Advisor)")


def _valid_zone(name: str) -> None:
    try:
        ZoneInfo(name)
    except Exception:  # zoneinfo raises several kinds for a bad key; all mean "no such zone"
        raise ValidationError(
            _("%(zone)s is not a time zone (e.g. Pacific/Honolulu).")
            % {"zone": name}
        ) from None


class SeaRequest(Tracked):
    """A contracting organization asks for a Sports Exchange Advisor: the SEA post exists from this request."""

    class Status(models.TextChoices):
        FILED = "filed", _("filed")
        OPENED = "opened", _("recruitment opened")
        WITHDRAWN = "withdrawn", _("withdrawn")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="sea_requests")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="sea_requests", verbose_name=_("organization")
    )
    sport = models.CharField(_("sport"), max_length=60)
    qualifications = models.CharField(_("coaching qualifications asked"), max_length=300)
    posts = models.PositiveSmallIntegerField(_("posts"), default=1)
    starts = models.DateField(_("post starts"))
    ends = models.DateField(_("post ends"))
    duties = models.TextField(_("duties"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.FILED)
    filed_by = acted_by(blank=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("SEA request")
        verbose_name_plural = _("SEA requests")

    def __str__(self) -> str:
        return f"{self.organization} · {self.sport} × {self.posts}"

    def clean(self) -> None:
        if self.starts and self.ends and self.ends < self.starts:
            raise ValidationError({"ends": _("The post ends before it starts.")})


class Cycle(Tracked):
    """One recruitment round for a position: applications open, the deadline (in the recruiting office's
    time zone), interviews, results and departure."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="cycles", verbose_name=_("program"))
    position = models.CharField(_("position"), max_length=3, choices=Position.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("duties and conditions"), blank=True)
    opens_on = models.DateField(_("applications open"))
    deadline_date = models.DateField(_("deadline date"))
    deadline_time = models.TimeField(_("deadline time"), default=dt.time(23, 59))
    time_zone = models.CharField(
        _("recruiting office's time zone"), max_length=64, default="Asia/Tokyo", validators=[_valid_zone]
    )
    interviews_from = models.DateField(_("interviews from"), null=True, blank=True)
    interviews_to = models.DateField(_("interviews to"), null=True, blank=True)
    results_on = models.DateField(_("results"), null=True, blank=True)
    departure_on = models.DateField(_("departure"))
    recruiting_country = models.CharField(_("recruiting country (ISO code)"), max_length=2, default="US")
    rules = models.JSONField(_("eligibility rules"), default=dict, blank=True)
    posts = models.PositiveSmallIntegerField(_("posts"), null=True, blank=True)
    sea_request = models.OneToOneField(
        SeaRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="cycle"
    )

    class Meta:
        ordering = ["-deadline_date", "position"]
        verbose_name = _("recruitment cycle")
        verbose_name_plural = _("recruitment cycles")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.position == Position.SEA and self.sea_request_id is None:
            raise ValidationError(
                _(
                    "An SEA post opens only from a contracting organization's request."
                )
            )
        if self.deadline_date and self.opens_on and self.deadline_date < self.opens_on:
            raise ValidationError(
                {"deadline_date": _("The deadline is before applications open.")}
            )


# An applicant may be a native speaker, which a participant's recorded JLPT level has no place for.
APPLICANT_JAPANESE_LEVELS = [*Participant.JapaneseLevel.choices, ("native", _("native"))]


class Application(Tracked):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        SCREENED = "screened", _("screened")
        INTERVIEW = "interview", _("interview")
        SHORTLISTED = "shortlisted", _("shortlisted")
        ALTERNATE = "alternate", _("alternate")
        UNSUCCESSFUL = "unsuccessful", _("unsuccessful")
        OFFERED = "offered", _("offered")
        ACCEPTED = "accepted", _("accepted")
        PLACED = "placed", _("placed")
        DEPARTED = "departed", _("departed")
        WITHDRAWN = "withdrawn", _("withdrawn")

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    submitted_at = models.DateTimeField(_("submitted at"))
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("email"))
    birth_date = models.DateField(_("birth date"))
    gender = models.CharField(_("gender"), max_length=8, choices=Participant.Gender.choices)
    citizenships = models.CharField(_("citizenships (ISO codes, comma-separated)"), max_length=60)
    origin_region = models.CharField(_("home region"), max_length=100, blank=True)
    degree = models.CharField(_("degree"), max_length=200, blank=True)
    degree_date = models.DateField(_("degree conferred (or expected)"), null=True, blank=True)
    japanese_level = models.CharField(
        _("Japanese level"), max_length=6, choices=APPLICANT_JAPANESE_LEVELS
    )
    teaching_experience = models.TextField(_("teaching experience"), blank=True)
    coaching_experience = models.TextField(_("coaching experience"), blank=True)
    coaching_qualifications = models.CharField(
        _("coaching qualifications (sports, comma-separated)"), max_length=300, blank=True
    )
    previous_years = models.PositiveSmallIntegerField(_("years already served on the programme"), default=0)
    preferences = models.JSONField(_("placement preferences"), default=list, blank=True)
    levels = models.JSONField(_("school levels you can teach"), default=list, blank=True)
    interview_at = when(_("interview"))
    interview_place = models.CharField(_("interview place or link"), max_length=300, blank=True)
    participant = models.OneToOneField(
        Participant, null=True, blank=True, on_delete=models.SET_NULL, related_name="application"
    )

    class Meta:
        ordering = ["cycle", "submitted_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [models.UniqueConstraint(fields=["cycle", "applicant"], name="one_application_per_cycle")]

    def __str__(self) -> str:
        return f"{self.full_name} · {self.cycle}"


def _document_path(document: ApplicationDocument, filename: str) -> str:
    # A random name, never the uploaded one: the stored file cannot be guessed or collide.
    suffix = PurePosixPath(filename).suffix.lower()
    return f"applications/{document.application.cycle_id}/{uuid.uuid4().hex}{suffix}"


class ApplicationDocument(Tracked):
    class Kind(models.TextChoices):
        CV = "cv", _("CV / résumé")
        DEGREE = "degree", _("degree certificate or transcript")
        PASSPORT = "passport", _("passport (photo page)")
        STATEMENT = "statement", _("statement of purpose")
        QUALIFICATION = "qualification", _("coaching or teaching qualification")
        OTHER = "other", _("other")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("document"), max_length=14, choices=Kind.choices)
    file = models.FileField(upload_to=_document_path)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["application", "kind"]

    def __str__(self) -> str:
        # The change log names an object by this: the document's kind and file, never "object (1)".
        return f"{self.get_kind_display()}: {self.original_name}"


class ApplicationStep(models.Model):
    """Every move of an application through the pipeline: who, when, from and to."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="steps")
    at = models.DateTimeField(auto_now_add=True)
    by = acted_by(blank=False)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["application", "at", "id"]

    def __str__(self) -> str:
        return f"{self.application}: {self.from_status or '—'} → {self.to_status}"


class PlacementRequest(Tracked):
    """A contracting organization asks for participants: position, school levels, Japanese, sport, count."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="placement_requests")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="placement_requests")
    year = models.PositiveIntegerField(_("school year"))
    position = models.CharField(_("position"), max_length=3, choices=Position.choices)
    levels = models.JSONField(_("school levels"), default=list, blank=True)
    japanese_min = models.CharField(
        _("Japanese at least"), max_length=4, choices=Participant.JapaneseLevel.choices, default="none"
    )
    sport = models.CharField(_("sport (SEA)"), max_length=60, blank=True)
    count = models.PositiveSmallIntegerField(_("how many"), default=1)

    class Meta:
        ordering = ["year", "organization", "position"]
        verbose_name = _("placement request")
        verbose_name_plural = _("placement requests")

    def __str__(self) -> str:
        return f"{self.organization} {self.position} × {self.count} ({self.year})"


class PlacementRun(Tracked):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="placement_runs")
    year = models.PositiveIntegerField(_("school year"))
    instance = models.JSONField()
    result = models.JSONField()
    applied_at = models.DateTimeField(null=True, blank=True)
    created_by = acted_by(blank=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.program} {self.year}: placement #{self.pk}"


class RenewalIntent(Tracked):
    """Each autumn a participant says whether they re-contract, ask to transfer, or leave."""

    class Choice(models.TextChoices):
        RECONTRACT = "recontract", _("re-contract (stay)")
        TRANSFER = "transfer", _("re-contract and transfer")
        LEAVE = "leave", _("leave at the end of the contract")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="renewal_intents")
    year = models.PositiveIntegerField(_("for school year"))
    choice = models.CharField(_("choice"), max_length=10, choices=Choice.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-year", "participant"]
        constraints = [models.UniqueConstraint(fields=["participant", "year"], name="one_renewal_intent_a_year")]

    def __str__(self) -> str:
        return f"{self.participant.name} {self.year}: {self.get_choice_display()}"
