"""Offers of a day's cover to ranked substitutes (issue 18, ADR 0013): each school's preferred and excluded
substitutes, a program's rule for offering automatically, the offer of one absent ALT's day and each person
it went to, with the times and answers the fill-rate report reads."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kakehashi.web.core.models import Tracked, acted_by, when
from kakehashi.web.organizations.models import Program
from kakehashi.web.people.models import Participant


class SchoolSubstitute(Tracked):
    """A school's word on one substitute: asked first (preferred) or never sent there (excluded)."""

    class Stance(models.TextChoices):
        PREFERRED = "preferred", _("preferred")
        EXCLUDED = "excluded", _("excluded")

    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="substitute_stances", verbose_name=_("school")
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="school_stances", verbose_name=_("substitute")
    )
    stance = models.CharField(_("list"), max_length=9, choices=Stance.choices)

    class Meta:
        ordering = ["school", "stance", "participant"]
        verbose_name = _("school's substitute list entry")
        verbose_name_plural = _("school's substitute lists")
        constraints = [models.UniqueConstraint(fields=["school", "participant"], name="school_substitute_unique")]

    def __str__(self) -> str:
        return f"{self.school_id} {self.participant_id} {self.stance}"


class OfferRule(Tracked):
    """How a program offers cover: automatically or not, to how many people at once, answered within how long."""

    class Automatic(models.TextChoices):
        NEVER = "never", _("never: the coordinator sends offers")
        SAME_DAY = "same_day", _("for an absence reported on the day")
        ALWAYS = "always", _("for every absence")

    program = models.OneToOneField(
        Program, on_delete=models.CASCADE, related_name="offer_rule", verbose_name=_("program")
    )
    automatic = models.CharField(
        _("offer automatically"), max_length=8, choices=Automatic.choices, default=Automatic.NEVER
    )
    per_round = models.PositiveSmallIntegerField(_("people asked at once"), default=3)
    answer_minutes = models.PositiveSmallIntegerField(_("minutes to answer"), default=30)

    class Meta:
        verbose_name = _("offer rule")
        verbose_name_plural = _("offer rules")

    def __str__(self) -> str:
        return f"{self.program} {self.automatic} {self.per_round}/{self.answer_minutes}min"


class CoverOffer(Tracked):
    """One absent ALT's lessons on one date, offered to ranked candidates in rounds; the first to accept takes
    them, and the cover is confirmed as if the coordinator had confirmed it."""

    class Status(models.TextChoices):
        OPEN = "open", _("waiting for answers")
        FILLED = "filled", _("filled")
        UNFILLED = "unfilled", _("not filled")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Unfilled(models.TextChoices):
        """Why a day stayed without a substitute, for the fill-rate report."""

        NO_CANDIDATE = "no_candidate", _("no one could take it")
        DECLINED = "declined", _("everyone asked declined")
        TOO_LATE = "too_late", _("no answer in time")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="offers", verbose_name=_("program"))
    date = models.DateField(_("date"), db_index=True)
    absent = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="offers_for_absence", verbose_name=_("absent ALT")
    )
    leave = models.ForeignKey(
        "leave.LeaveRequest", null=True, blank=True, on_delete=models.SET_NULL, related_name="offers"
    )
    # The absent ALT's lessons that date as Cover.needed rows (lesson, school, school_name, homeroom, period,
    # start, end), and the schools they are at: the offer is for these, whoever takes them.
    lessons = models.JSONField(default=list)
    schools = models.JSONField(default=list)
    status = models.CharField(_("status"), max_length=9, choices=Status.choices, default=Status.OPEN)
    automatic = models.BooleanField(_("sent by the program's rule"), default=False)
    sent_by = acted_by()
    # When the absence was reported (or the leave approved): the fill-rate report's "time to filled" starts here.
    reported_at = models.DateTimeField(_("absence reported at"))
    sent_at = models.DateTimeField(_("first offers sent at"))
    per_round = models.PositiveSmallIntegerField(default=3)
    answer_minutes = models.PositiveSmallIntegerField(default=30)
    filled_by = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.SET_NULL, related_name="offers_taken"
    )
    filled_at = when(_("filled at"))
    closed_at = when(_("closed at"))  # filled, not filled or withdrawn
    unfilled_reason = models.CharField(_("why not filled"), max_length=12, choices=Unfilled.choices, blank=True)
    cover = models.ForeignKey(
        "leave.Cover", null=True, blank=True, on_delete=models.SET_NULL, related_name="offers"
    )  # the confirmed cover that put the accepted answer in force

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("cover offer")
        verbose_name_plural = _("cover offers")
        constraints = [
            # One open offer at a time for an absent ALT's day: a second would send the same lessons twice.
            models.UniqueConstraint(
                fields=["program", "date", "absent"], condition=models.Q(status="open"), name="one_open_offer_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.program} {self.date} {self.absent_id} ({self.status})"


class OfferCandidate(Tracked):
    """One person an offer ranks: where they stand, when they were asked and how they answered."""

    class Answer(models.TextChoices):
        QUEUED = "queued", _("not asked yet")
        WAITING = "waiting", _("asked, no answer yet")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        TAKEN = "taken", _("taken by someone else")
        EXPIRED = "expired", _("no answer in time")
        WITHDRAWN = "withdrawn", _("offer withdrawn")

    # Answers after which the person is no longer asked.
    DONE = (Answer.ACCEPTED, Answer.DECLINED, Answer.TAKEN, Answer.EXPIRED, Answer.WITHDRAWN)

    offer = models.ForeignKey(CoverOffer, on_delete=models.CASCADE, related_name="candidates")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="cover_offers", verbose_name=_("substitute")
    )
    rank = models.PositiveSmallIntegerField(_("rank"))  # 1 is asked first
    preferred = models.BooleanField(_("on the school's preferred list"), default=False)
    travel_minutes = models.PositiveSmallIntegerField(_("travel (minutes)"))
    familiar = models.BooleanField(_("has been to the school before"), default=False)
    takes = models.PositiveSmallIntegerField(_("lessons they can take"), default=0)
    answer = models.CharField(_("answer"), max_length=9, choices=Answer.choices, default=Answer.QUEUED)
    picked = models.BooleanField(_("picked by the coordinator"), default=False)
    sent_at = when(_("asked at"))
    deadline = when(_("answer by"))
    answered_at = when(_("answered at"))

    class Meta:
        ordering = ["offer", "rank"]
        verbose_name = _("offer candidate")
        verbose_name_plural = _("offer candidates")
        constraints = [models.UniqueConstraint(fields=["offer", "participant"], name="offer_candidate_unique")]

    def __str__(self) -> str:
        return f"{self.offer_id} #{self.rank} {self.participant_id} {self.answer}"
