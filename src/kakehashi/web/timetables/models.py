"""A program's week as the optimizer sees it (settings, travel overrides, fixed and forbidden visits)
and its timetables as numbered versions of visit and lesson rows."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kakehashi.timetable.instance import WORKING_DAYS
from kakehashi.web.core.models import QueuedJob, Tracked, acted_by, when
from kakehashi.web.organizations.models import Program
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import LessonSlot, School, Weekday


def default_days() -> list[str]:
    return list(WORKING_DAYS)


class WeekSettings(Tracked):
    """The `kakehashi/week@1` settings of a program's week: days, objective weights, travel."""

    program = models.OneToOneField(
        Program, on_delete=models.CASCADE, related_name="week_settings", verbose_name=_("program")
    )
    name = models.CharField(_("week name"), max_length=200)
    days = models.JSONField(_("working days"), default=default_days)
    coverage_scale = models.PositiveIntegerField(_("value of a lesson"), default=1000)
    travel_minute = models.PositiveIntegerField(_("cost of a travel minute"), default=2)
    shortfall_class = models.PositiveIntegerField(_("cost of a class short of the minimum"), default=400)
    extra_alt = models.PositiveIntegerField(_("cost of a second ALT at a school"), default=300)
    detour = models.FloatField(_("road detour factor"), default=1.3)
    travel_modes = models.JSONField(
        _("travel modes"),
        default=dict,
        blank=True,
        help_text=_("Speed (km/h) and overhead minutes by mode; empty for the defaults."),
    )

    class Meta:
        verbose_name = _("week settings")
        verbose_name_plural = _("week settings")

    def __str__(self) -> str:
        return self.name


class TravelTime(Tracked):
    """A measured travel time that replaces the distance formula for one pair of places and one mode."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="travel_times")
    origin = models.CharField(_("from (school or participant id)"), max_length=32)
    destination = models.CharField(_("to (school or participant id)"), max_length=32)
    mode = models.CharField(_("mode"), max_length=8, choices=Participant.TravelMode.choices)
    minutes = models.PositiveSmallIntegerField(_("minutes"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("travel time")
        verbose_name_plural = _("travel times")

    def __str__(self) -> str:
        return f"{self.origin} → {self.destination} ({self.mode}): {self.minutes} min"


class FixedVisit(Tracked):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="fixed_visits")
    day = models.CharField(_("day"), max_length=3, choices=Weekday.choices)
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="fixed_visits")

    class Meta:
        ordering = ["id"]
        verbose_name = _("fixed visit")
        verbose_name_plural = _("fixed visits")
        constraints = [models.UniqueConstraint(fields=["participant", "day", "school"], name="fixed_visit_unique")]

    def __str__(self) -> str:
        return f"{self.participant.code} {self.day} {self.school.code}"


class ForbiddenSchool(Tracked):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="forbidden_schools")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["id"]
        verbose_name = _("school the participant never visits")
        verbose_name_plural = _("schools participants never visit")
        constraints = [models.UniqueConstraint(fields=["participant", "school"], name="forbidden_school_unique")]

    def __str__(self) -> str:
        return f"{self.participant.code} ✕ {self.school.code}"


class TimetableVersion(Tracked):
    """A numbered timetable of a program. `state` says whether it was ever published; `in_force` marks the one
    week the program has now (the last one published), which every reader shows: at most one per program."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="timetables")
    number = models.PositiveIntegerField(_("version"))
    state = models.CharField(_("state"), max_length=9, choices=State.choices, default=State.DRAFT)
    solver_status = models.CharField(_("solver status"), max_length=12)
    objective = models.BigIntegerField(_("objective"), null=True, blank=True)
    bound = models.BigIntegerField(_("proven bound"), null=True, blank=True)
    explanation = models.JSONField(_("explanation"), default=list, blank=True)
    created_by = acted_by()
    published_at = when(_("published"))
    # Set by timetable_publish alone (services.py); read through selectors.published_version.
    in_force = models.BooleanField(_("in force"), default=False)
    # Counts hand edits: an edit states the revision it was made on, and is refused if the week moved since
    # (two coordinators editing the same week never overwrite each other).
    revision = models.PositiveIntegerField(_("revision"), default=0)
    # The kakehashi/week@1 document the version was made from (canonical JSON): a version is always read
    # against its own week, never against today's, which may have moved on since (door.version_instance).
    week = models.JSONField(_("week"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["program", "-number"]
        verbose_name = _("timetable version")
        verbose_name_plural = _("timetable versions")
        constraints = [
            models.UniqueConstraint(fields=["program", "number"], name="timetable_version_unique"),
            models.UniqueConstraint(
                fields=["program"], condition=models.Q(in_force=True), name="timetable_one_version_in_force"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program} v{self.number}"

    @property
    def percent_of_best(self) -> int | None:
        """How good the week is next to the best possible, as the pages say it: at least this percent of
        the proven bound (rounded down, so "at least" stays true); None without a bound (a hand edit)."""
        return _percent_of(self.objective, self.bound)


class VisitRow(models.Model):
    """Rows of a stored timetable are immutable: an edit makes a new version, which the change log records."""

    version = models.ForeignKey(TimetableVersion, on_delete=models.CASCADE, related_name="visits")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    day = models.CharField(max_length=3, choices=Weekday.choices)
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "participant", "day", "school"], name="visit_row_unique")
        ]

    def __str__(self) -> str:
        return f"{self.participant.name}: {self.get_day_display()} {self.school}"


class LessonRow(models.Model):
    version = models.ForeignKey(TimetableVersion, on_delete=models.CASCADE, related_name="lessons")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    lesson = models.ForeignKey(LessonSlot, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["version", "lesson"], name="lesson_row_one_alt")]

    def __str__(self) -> str:
        return f"{self.participant.name}: {self.lesson}"


class SolveJob(QueuedJob):
    """A solve of a program's week run by the task worker. Not `Tracked`: its progress fields change every
    second; the timetable it stores is logged as a new version."""

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting for the worker")
        RUNNING = "running", _("solving")
        SUCCEEDED = "succeeded", _("done")
        FAILED = "failed", _("failed")
        CANCELLED = "cancelled", _("cancelled")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="solve_jobs")
    time_limit = models.PositiveIntegerField(_("time limit (seconds)"), default=60)
    keep_locked = models.BooleanField(_("keep locked visits"), default=True)
    stay_close = models.BooleanField(_("stay close to the published timetable"), default=False)
    state = models.CharField(_("state"), max_length=9, choices=State.choices, default=State.QUEUED)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    elapsed = models.FloatField(_("seconds"), default=0.0)
    best_objective = models.BigIntegerField(_("best objective"), null=True, blank=True)
    bound = models.BigIntegerField(_("proven bound"), null=True, blank=True)
    cancel_requested = models.BooleanField(default=False)
    version = models.ForeignKey(TimetableVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # A large week is solved in areas (area_jobs.py): the week and the valid first timetable every area
    # starts from are kept here, so that each area's job and the join read the same ones.
    week = models.JSONField(null=True, blank=True)
    start = models.JSONField(null=True, blank=True)
    areas_total = models.PositiveIntegerField(default=0)
    areas_done = models.PositiveIntegerField(default=0)
    split_at_elapsed = models.FloatField(default=0.0)  # seconds of the job spent before the split
    joining = models.BooleanField(default=False)  # the join has started: its heartbeat speaks for the job

    class Meta(QueuedJob.Meta):
        verbose_name = _("solve job")
        verbose_name_plural = _("solve jobs")

    def __str__(self) -> str:
        return f"{self.program} solve #{self.pk} ({self.state})"

    @property
    def gap(self) -> float | None:
        if self.best_objective is None or not self.bound:
            return None
        return max(0.0, (self.bound - self.best_objective) / self.bound)

    @property
    def percent_of_best(self) -> int | None:
        """The best timetable so far next to the best possible, in percent (see TimetableVersion's)."""
        return _percent_of(self.best_objective, self.bound)

    @property
    def percent(self) -> int:
        """How far through its time limit the job is (a solve may end sooner, when proven optimal)."""
        if self.finished:
            return 100
        return min(99, int(100 * self.elapsed / max(1, self.time_limit)))


class AreaJob(models.Model):
    """One area of a large week's solve, run as a task of its own (any worker, any machine); its result
    waits here until every area is done and the join stores the whole week (area_jobs.py)."""

    job = models.ForeignKey(SolveJob, on_delete=models.CASCADE, related_name="areas")
    number = models.PositiveIntegerField()
    schools = models.JSONField(default=list)  # school codes
    alts = models.JSONField(default=list)  # participant codes re-planned in the area
    state = models.CharField(max_length=9, choices=SolveJob.State.choices, default=SolveJob.State.QUEUED)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(null=True, blank=True)  # {"visits": [[alt, day, school]], "lessons": [[alt, lesson]]}
    gain = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["job", "number"]
        constraints = [models.UniqueConstraint(fields=["job", "number"], name="area_job_number_once")]

    def __str__(self) -> str:
        return f"{self.job} area {self.number}"


class LockedVisit(Tracked):
    """A visit a coordinator has locked: every re-solve keeps it (it enters the week as a fixed visit)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="locked_visits")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    day = models.CharField(_("day"), max_length=3, choices=Weekday.choices)
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["participant", "day", "school"], name="locked_visit_unique")]

    def __str__(self) -> str:
        return f"🔒 {self.participant.code} {self.day} {self.school.code}"


def _percent_of(objective: int | None, bound: int | None) -> int | None:
    if objective is None or not bound or bound <= 0:
        return None
    return max(0, min(100, (100 * objective) // bound))
