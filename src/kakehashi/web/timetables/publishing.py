"""What publishing a version would do, before anyone is told: the week it replaces (the one really in force),
and for each ALT and school whose week changes, what changes and who receives an email. The coordinator reads
this on the confirm page (and the API gives it) before the publication itself, which is services.py's."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from kakehashi.web.accounts.models import Role
from kakehashi.web.organizations.models import Program
from kakehashi.web.people.models import Participant
from kakehashi.web.schools.models import School
from kakehashi.web.timetables.diff import Change, WeekChanges, week_changes
from kakehashi.web.timetables.models import TimetableVersion
from kakehashi.web.timetables.selectors import published_version
from kakehashi.web.timetables.services import timetable_publish_with_changes


@dataclass(frozen=True)
class AltToTell:
    """An ALT whose week changes: their name, what changes, and the address the notice goes to (or none)."""

    code: str
    name: str
    email: str
    changes: list[Change]


@dataclass(frozen=True)
class SchoolToTell:
    """A school whose ALT visits change, the staff who receive the notice, and what changes."""

    code: str
    name: str
    staff: list[str]
    emails: list[str]
    changes: list[Change]


def _email_of(person: Participant | None) -> str:
    """Where an ALT's notice goes: their account's address, or none without an account (or an address)."""
    return (person.user.email or "") if person is not None and person.user is not None else ""


@dataclass
class PublishPreview:
    version: TimetableVersion
    in_force: TimetableVersion | None
    changes: WeekChanges
    alts: list[AltToTell] = field(default_factory=list)
    schools: list[SchoolToTell] = field(default_factory=list)

    @property
    def already_in_force(self) -> bool:
        return self.in_force is not None and self.in_force.pk == self.version.pk

    @property
    def rollback(self) -> bool:
        """Publishing a version older than the one in force: the week goes back to it."""
        return self.in_force is not None and self.version.number < self.in_force.number

    @property
    def email_count(self) -> int:
        """Emails the publication sends: one per ALT with an address, one per school with staff addresses."""
        return sum(1 for alt in self.alts if alt.email) + sum(1 for school in self.schools if school.emails)

    @property
    def untold(self) -> list[str]:
        """Names of ALTs and schools whose week changes but who have no email address to be told at."""
        return [alt.name for alt in self.alts if not alt.email] + [s.name for s in self.schools if not s.emails]


def _person(user: Any) -> str:
    """A staff member as the coordinator knows them: their name, else their address (never a login name)."""
    return str(user.get_full_name() or user.email)


def publish_preview(version: TimetableVersion) -> PublishPreview:
    """Who publishing `version` would tell and what changes for each, counted against the week in force now
    (whatever its number: a rollback is compared with the newer week it replaces). Reads only."""
    in_force = published_version(version.program)
    if in_force is not None and in_force.pk == version.pk:
        return PublishPreview(version, in_force, WeekChanges())
    changes = week_changes(in_force, version)
    found = Participant.objects.filter(program=version.program, code__in=list(changes.by_participant))
    people = {p.code: p for p in found.select_related("user")}
    alts = [
        AltToTell(
            code=code,
            name=people[code].name if code in people else code,
            email=_email_of(people.get(code)),
            changes=list(lines),
        )
        for code, lines in changes.by_participant.items()
    ]
    schools_by_code = {
        s.code: s for s in School.objects.filter(code__in=list(changes.by_school)).select_related("organization")
    }
    staff: dict[str, list[Any]] = {}
    roles = Role.objects.filter(kind=Role.Kind.SCHOOL_STAFF, organization__school__code__in=list(changes.by_school))
    for role in roles.select_related("user", "organization__school").order_by("id"):
        if role.organization is not None:  # always: the filter went through it
            staff.setdefault(role.organization.school.code, []).append(role.user)
    schools = [
        SchoolToTell(
            code=code,
            name=schools_by_code[code].organization.display_name if code in schools_by_code else code,
            staff=[_person(u) for u in staff.get(code, [])],
            emails=sorted({u.email for u in staff.get(code, []) if u.email}),
            changes=list(lines),
        )
        for code, lines in changes.by_school.items()
    ]
    return PublishPreview(
        version,
        in_force,
        changes,
        sorted(alts, key=lambda a: a.name),
        sorted(schools, key=lambda s: s.name),
    )


class InForceChangedError(Exception):
    """Another version was put in force after the coordinator read who would be told: nothing was published."""


@transaction.atomic
def timetable_publish_confirmed(*, version: TimetableVersion, seen_in_force: int | None) -> WeekChanges:
    """Publish `version` as confirmed on the preview, which showed version `seen_in_force` in force (None: no
    version). If another is in force now, the preview was about other changes and other people: refuse."""
    # Taking the program's row first makes the check and the publication one step for concurrent publishers.
    Program.objects.select_for_update().filter(pk=version.program_id).first()
    now = published_version(version.program)
    if (now.number if now is not None else None) != seen_in_force:
        raise InForceChangedError
    return timetable_publish_with_changes(version=version)
