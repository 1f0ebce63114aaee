"""What recruitment pages read: open cycles, a cycle as a page shows it, the applications a coordinator may
see, and the places an applicant may name as preferences."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from kakehashi.timetable.reader import FormatError
from kakehashi.web.accounts.models import Role
from kakehashi.web.accounts.scope import coordinated_programs, is_administrator, roles_of
from kakehashi.web.organizations.models import Organization, Program
from kakehashi.web.recruitment.display import Moment, moment, rule_sentences, stage_label
from kakehashi.web.recruitment.models import Application, Cycle
from kakehashi.web.recruitment.services import core_position, cycle_deadline, cycle_is_open, cycle_opens_at, cycle_rules


def stage_names(status: str) -> str:
    """`interview`, or 面接 to a reader of Japanese."""
    return stage_label(status)


@dataclass(frozen=True)
class CycleCard:
    cycle: Cycle
    deadline: Moment
    opens: Moment
    open_now: bool
    upcoming: bool
    rules: list[str]


def cycle_card(cycle: Cycle, now: dt.datetime) -> CycleCard:
    try:
        rules = rule_sentences(cycle_rules(cycle), core_position(cycle), cycle.departure_on)
    except (FormatError, ValueError):
        rules = []  # cycle_save refuses such rules; a row written another way still shows its page
    return CycleCard(
        cycle=cycle,
        deadline=moment(cycle_deadline(cycle).last_minute_utc, cycle.time_zone),
        opens=moment(cycle_opens_at(cycle), cycle.time_zone),
        open_now=cycle_is_open(cycle, now),
        upcoming=now < cycle_opens_at(cycle),
        rules=rules,
    )


def open_cycles(now: dt.datetime) -> list[Cycle]:
    """Cycles taking applications at `now`. Dates are on each office's clock, at most 14 hours from UTC, so a
    day either side of today's UTC date finds every candidate; the core's deadline decides."""
    today = now.astimezone(dt.UTC).date()
    candidates = Cycle.objects.filter(
        opens_on__lte=today + dt.timedelta(days=1), deadline_date__gte=today - dt.timedelta(days=1)
    ).select_related("program", "sea_request")
    return [cycle for cycle in candidates.order_by("deadline_date", "name") if cycle_is_open(cycle, now)]


def coordinated_applications(user: Any) -> QuerySet[Application]:
    return Application.objects.filter(cycle__program__in=coordinated_programs(user)).select_related(
        "cycle", "cycle__program", "applicant"
    )


def preference_organizations(program: Program) -> QuerySet[Organization]:
    """Places an applicant can rank: the organizations contracted with the program, and any that asked it for
    participants (a school or town hall under a board)."""
    return (
        Organization.objects.filter(Q(contracts__program=program) | Q(placement_requests__program=program))
        .distinct()
        .order_by("name")
    )


def requesting_organizations(user: Any) -> QuerySet[Organization]:
    """Organizations a user may file requests for: those they supervise (and their schools and facilities),
    and for a coordinator those contracted with their programs (and theirs)."""
    if is_administrator(user):
        return Organization.objects.all()
    supervised = [r.organization_id for r in roles_of(user) if r.kind == Role.Kind.SUPERVISOR]
    contracted = Organization.objects.filter(contracts__program__in=coordinated_programs(user)).values("pk")
    mine = Q(pk__in=supervised) | Q(parent_id__in=supervised) | Q(pk__in=contracted) | Q(parent__in=contracted)
    return Organization.objects.filter(mine).distinct().order_by("name")
