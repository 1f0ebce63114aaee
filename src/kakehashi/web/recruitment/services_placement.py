"""SEA posts opened from a contracting organization's request, the placement run (the pure core's CP-SAT
optimizer over the program's requests, accepted applicants and re-contracting participants), applying a
run's result as participants and placements — which is what each ALT's schools in the weekly timetable
come from — and the autumn renewal intents."""

from __future__ import annotations

import datetime as dt
from statistics import fmean
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kakehashi.placement import (
    Organization as PlacementOrganization,
)
from kakehashi.placement import (
    Participant as Candidate,
)
from kakehashi.placement import (
    PlacementInstance,
    Request,
    instance_to_json,
    parse_result,
    place,
    result_to_json,
)
from kakehashi.recruitment import Intent, Position, renewal_decision
from kakehashi.schoolyear import SchoolYear
from kakehashi.web.accounts.models import Role
from kakehashi.web.organizations.models import Contract, Organization, Program
from kakehashi.web.people.models import Participant, Placement
from kakehashi.web.recruitment.models import (
    Application,
    Cycle,
    PlacementRequest,
    PlacementRun,
    RenewalIntent,
    SeaRequest,
)
from kakehashi.web.schools.models import School

# Seconds the placement optimizer may take; a prefecture's requests solve in well under that.
PLACEMENT_SECONDS = 10.0
CODE_PREFIX = {"alt": "A", "cir": "C", "sea": "E"}


def sea_request_file(
    *,
    organization: Organization,
    sport: str,
    qualifications: str,
    posts: int,
    starts: dt.date,
    ends: dt.date,
    duties: str = "",
    by: Any = None,
) -> SeaRequest:
    """A contracting organization asks for an SEA; the program is the one it has a contract with."""
    # The program is the one whose contract is in force when the SEA would start; a board asking for next year
    # before next year's contract is signed asks the program it has a contract with today.
    mine = Contract.objects.filter(organization__in=[organization, *_parents(organization)]).order_by("-starts")
    contract = mine.in_force(starts).first() or mine.in_force(timezone.localdate()).first()
    if contract is None:
        raise ValidationError(
            _("%(organization)s has no contract with a program.")
            % {"organization": organization}
        )
    request = SeaRequest(
        program=contract.program,
        organization=organization,
        sport=sport.strip(),
        qualifications=qualifications,
        posts=posts,
        starts=starts,
        ends=ends,
        duties=duties,
        filed_by=by,
    )
    request.full_clean()
    request.save()
    return request


def placement_request_save(*, request: PlacementRequest, program: Program, year: int) -> PlacementRequest:
    """An organization's request for participants in school year `year`, filed with the program."""
    request.program, request.year = program, year
    request.full_clean()
    request.save()
    return request


def _parents(organization: Organization) -> list[Organization]:
    return [organization.parent] if organization.parent is not None else []


def sea_request_open(
    *,
    request: SeaRequest,
    opens_on: dt.date,
    deadline_date: dt.date,
    deadline_time: dt.time,
    time_zone: str,
    departure_on: dt.date,
    recruiting_country: str,
) -> Cycle:
    """Open recruitment for the requested SEA post(s): a cycle with the sport's coaching rule, and the
    organization's placement request so that the placement run fills the post."""
    if request.status != SeaRequest.Status.FILED:
        raise ValidationError(
            _("This request is already open or withdrawn.")
        )
    with transaction.atomic():
        cycle = Cycle(
            program=request.program,
            position="sea",
            name=f"SEA — {request.sport}, {request.organization.name}",
            description=request.duties,
            opens_on=opens_on,
            deadline_date=deadline_date,
            deadline_time=deadline_time,
            time_zone=time_zone,
            departure_on=departure_on,
            recruiting_country=recruiting_country.upper(),
            posts=request.posts,
            sea_request=request,
            rules={"sea_coaching": {"on": True, "sport": request.sport}},
        )
        cycle.full_clean()
        cycle.save()
        PlacementRequest.objects.create(
            program=request.program,
            organization=request.organization,
            year=SchoolYear.of(request.starts),
            position="sea",
            sport=request.sport,
            count=request.posts,
        )
        request.status = SeaRequest.Status.OPENED
        request.save()
    return cycle


def years_served(participant: Participant, year: int) -> int:
    """Years on the programme before school year `year`: earlier years stated when applying, and each
    school year since the participant started."""
    if participant.start_date is None:
        return participant.earlier_years
    return participant.earlier_years + max(0, year - SchoolYear.of(participant.start_date))


def renewal_state(*, participant: Participant, year: int, choice: str, note: str = "") -> RenewalIntent:
    """The participant's intent for school year `year`; a recontract or transfer past the limit is refused."""
    decision = renewal_decision(years_served(participant, year), Intent(choice))
    if not decision.allowed:
        raise ValidationError(f"{decision.english} / {decision.japanese}")
    intent, _created = RenewalIntent.objects.update_or_create(
        participant=participant, year=year, defaults={"choice": choice, "note": note}
    )
    return intent


def _organization_id(organization: Organization) -> str:
    return f"O{organization.pk}"


def _japanese(level: str) -> str | None:
    return None if level in ("", "none") else level


def _preferences(application: Application, known: set[str]) -> tuple[str, ...]:
    """Ranked organization ids from the application; free text naming no requesting organization is left out."""
    by_name = {}
    for organization in Organization.objects.filter(pk__in=[int(k[1:]) for k in known]):
        by_name[organization.name.casefold()] = _organization_id(organization)
        if organization.name_ja:
            by_name[organization.name_ja] = _organization_id(organization)
    ranked: list[str] = []
    for wish in application.preferences or []:
        text = str(wish).strip()
        found = text if text in known else f"O{text}" if f"O{text}" in known else by_name.get(text.casefold())
        if found and found not in ranked:
            ranked.append(found)
    return tuple(ranked)


def placement_instance(program: Program, year: int) -> PlacementInstance:
    """The program's requests for `year`, its accepted applicants not yet placed, and its participants who
    re-contract or ask to transfer for that year."""
    requests = []
    for row in PlacementRequest.objects.filter(program=program, year=year).select_related("organization"):
        requests.append(
            Request(
                id=f"R{row.pk}",
                organization=PlacementOrganization(_organization_id(row.organization), row.organization.name),
                position=Position(row.position.upper()),
                count=row.count,
                levels=tuple(row.levels),
                japanese=_japanese(row.japanese_min),
                sport=row.sport or None,
            )
        )
    known = {r.organization.id for r in requests}
    candidates = []
    accepted = Application.objects.filter(
        cycle__program=program, status=Application.Status.ACCEPTED, participant__isnull=True
    ).select_related("cycle")
    for application in accepted:
        candidates.append(
            Candidate(
                id=f"app-{application.pk}",
                name=application.full_name,
                position=Position(application.cycle.position.upper()),
                preferences=_preferences(application, known),
                japanese=_japanese(application.japanese_level),
                coaching=tuple(s.strip() for s in application.coaching_qualifications.split(",") if s.strip()),
                levels=tuple(application.levels),
            )
        )
    intents = RenewalIntent.objects.filter(participant__program=program, year=year).exclude(
        choice=RenewalIntent.Choice.LEAVE
    )
    for intent in intents.select_related("participant"):
        person = intent.participant
        current = person.placements.order_by("-starts").first()
        candidates.append(
            Candidate(
                id=person.code,
                name=person.name,
                position=Position(person.kind.upper()),
                japanese=_japanese(person.japanese_level),
                coaching=tuple(line.strip() for line in person.qualifications.splitlines() if line.strip()),
                levels=tuple(person.levels),
                renewing_at=_organization_id(current.organization) if current else None,
                wants_transfer=intent.choice == RenewalIntent.Choice.TRANSFER,
            )
        )
    return PlacementInstance(name=f"{program.name} {year}", requests=tuple(requests), participants=tuple(candidates))


def placement_run(
    *, program: Program, year: int, by: Any = None, time_limit: float = PLACEMENT_SECONDS
) -> PlacementRun:
    instance = placement_instance(program, year)
    if not instance.requests:
        raise ValidationError(
            _("There are no placement requests for %(year)s.") % {"year": year}
        )
    result = place(instance, time_limit=time_limit)
    return PlacementRun.objects.create(
        program=program,
        year=year,
        instance=instance_to_json(instance),
        result=result_to_json(result),
        created_by=by,
    )


def placement_apply(*, run: PlacementRun, by: Any = None) -> list[Participant]:
    """Make the run's placements real: a participant (with a login and a placement) for each placed
    applicant, a new placement for each participant who moves. All or nothing."""
    if run.applied_at is not None:
        raise ValidationError(_("This placement has already been applied."))
    result = parse_result(run.result)
    starts = SchoolYear(run.year).starts
    made: list[Participant] = []
    with transaction.atomic():
        for assignment in result.assignments:
            organization = Organization.objects.get(pk=int(assignment.organization[1:]))
            if assignment.participant.startswith("app-"):
                application = Application.objects.select_for_update().get(pk=int(assignment.participant[4:]))
                made.append(_participant_from(application, organization, starts, by))
            else:
                person = Participant.objects.get(program=run.program, code=assignment.participant)
                current = person.placements.order_by("-starts").first()
                if current is None or current.organization_id != organization.pk:
                    if current is not None and current.ends is None:
                        current.ends = starts - dt.timedelta(days=1)
                        current.save()
                    Placement.objects.create(participant=person, organization=organization, starts=starts)
        run.applied_at = timezone.now()
        run.save()
    return made


def _participant_from(application: Application, organization: Organization, starts: dt.date, by: Any) -> Participant:
    from kakehashi.web.recruitment.services import application_advance

    kind = application.cycle.position
    lat, lon = _location_of(organization)
    start_date = max(starts, application.cycle.departure_on)
    person = Participant.objects.create(
        program=application.cycle.program,
        user=application.applicant,
        code=_next_code(kind),
        kind=kind,
        name=application.full_name,
        gender=application.gender,
        birth_date=application.birth_date,
        citizenship=application.citizenships.split(",")[0].strip(),
        origin_region=application.origin_region,
        start_date=start_date,
        japanese_level="N1" if application.japanese_level == "native" else application.japanese_level,
        qualifications="\n".join(s.strip() for s in application.coaching_qualifications.split(",") if s.strip()),
        home_lat=lat,  # until the participant's own address is entered: where they are placed
        home_lon=lon,
        levels=list(application.levels) or ["elementary", "junior_high"],
    )
    Placement.objects.create(participant=person, organization=organization, starts=start_date)
    Role.objects.get_or_create(user=application.applicant, kind=Role.Kind.PARTICIPANT, participant=person)
    application.participant = person
    application.save()
    application_advance(application=application, to=Application.Status.PLACED, by=by, note=str(organization))
    return person


def _next_code(kind: str) -> str:
    prefix = CODE_PREFIX[kind]
    taken = set(Participant.objects.filter(code__startswith=prefix).values_list("code", flat=True))
    number = 1
    while f"{prefix}{number:02d}" in taken:
        number += 1
    return f"{prefix}{number:02d}"


def _location_of(organization: Organization) -> tuple[float, float]:
    """Where a new participant is taken to live until their address is entered: the middle of the
    organization's schools, or its board's, or (a town hall, a sports facility) its municipality's."""
    places = [
        Q(organization=organization) | Q(organization__parent=organization),
        Q(organization__parent=organization.parent) if organization.parent_id else None,
        Q(organization__parent__municipality_code=organization.municipality_code)
        if organization.municipality_code
        else None,
    ]
    for where in places:
        if where is None:
            continue
        points = list(School.objects.filter(where).values_list("lat", "lon"))
        if points:
            return (fmean(p[0] for p in points), fmean(p[1] for p in points))
    raise ValidationError(
        _(
            "%(organization)s has no schools with a location to start the participant's home from; add them first."
        )
        % {"organization": organization}
    )
