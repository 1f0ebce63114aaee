"""Programs, the organizations they serve, and the contracts between them."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kakehashi.web.core.models import Tracked


def in_reader_language(name: str, name_ja: str) -> str:
    """The Japanese name to a reader of Japanese (when there is one), else the name: one language at a time."""
    return name_ja if name_ja and (get_language() or "").startswith("ja") else name


class Program(Tracked):
    """Whoever employs and places participants: a dispatch company, a JET contracting organization,
    or a board of education hiring directly."""

    class Kind(models.TextChoices):
        DISPATCH_COMPANY = "dispatch_company", _("dispatch company")
        JET = "jet", _("JET contracting organization")
        DIRECT = "direct", _("board of education (direct hire)")

    name = models.CharField(_("name"), max_length=200, unique=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["name"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return in_reader_language(self.name, self.name_ja)


class Organization(Tracked):
    class Kind(models.TextChoices):
        BOARD = "board", _("board of education")
        SCHOOL = "school", _("school")
        TOWN_HALL = "town_hall", _("town hall")
        SPORTS_FACILITY = "sports_facility", _("sports facility")
        BRANCH = "branch", _("dispatcher's branch")

    name = models.CharField(_("name"), max_length=200)
    name_ja = models.CharField(_("name (Japanese)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("supervised by"),
        help_text=_("For a school, its board of education; for a branch, nothing."),
    )
    municipality_code = models.CharField(_("municipality code"), max_length=5, blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """長野郷中学校 to a reader of Japanese, Nagano-go Junior High School to a reader of English."""
        return in_reader_language(self.name, self.name_ja)


class ContractQuerySet(models.QuerySet["Contract"]):
    def in_force(self, on: dt.date) -> ContractQuerySet:
        """Contracts in force on a day: one signed for next April does not yet change who may instruct whom."""
        return self.filter(starts__lte=on, ends__gte=on)

    def overlapping(self, first: dt.date, last: dt.date) -> ContractQuerySet:
        """Contracts in force on at least one day from `first` to `last`."""
        return self.filter(starts__lte=last, ends__gte=first)


class Contract(Tracked):
    """What binds a program to a contracting organization, and so who may instruct whom."""

    class Type(models.TextChoices):
        JET = "jet", _("JET")
        DIRECT = "direct", _("direct hire")
        DISPATCH = "dispatch", _("dispatch")
        OUTSOURCING = "outsourcing", _("outsourcing")

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="contracts", verbose_name=_("program"))
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="contracts", verbose_name=_("contracting organization")
    )
    type = models.CharField(_("contract type"), max_length=12, choices=Type.choices)
    starts = models.DateField(_("starts"))
    ends = models.DateField(_("ends"))
    responsible_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("responsible manager"),
        help_text=_("Under outsourcing every request about an ALT goes to this person, never to the ALT."),
    )

    objects = ContractQuerySet.as_manager()

    class Meta:
        ordering = ["-starts"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")

    def __str__(self) -> str:
        return f"{self.program} – {self.organization} ({self.get_type_display()})"

    def clean(self) -> None:
        if self.ends < self.starts:
            raise ValidationError({"ends": _("The contract ends before it starts.")})
        if self.type == self.Type.OUTSOURCING and self.responsible_manager_id is None:
            raise ValidationError(
                {
                    "responsible_manager": _(
                        "An outsourcing contract needs a responsible manager."
                    )
                }
            )

    @property
    def school_may_instruct_participants(self) -> bool:
        """Under 請負 the school may not instruct the contractor's staff directly (disguised contracting)."""
        return self.type != self.Type.OUTSOURCING
